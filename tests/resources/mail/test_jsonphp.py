"""/xivo/configuration/json.php/restricted/network/mail"""

import hashlib

import pytest

from tests.helpers.scenarios import (
    assert_refused,
    check_acl,
    check_bad_documents,
    check_malformed_bodies,
    unchanged_store,
)
from xivows.models.mail import Mail

F, P = 'configuration', 'network/mail'
# The seed document's example.
SEED = {
    'mydomain': 'proformatique.com',
    'origin': 'devel.proformatique.com',
    'relayhost': 'smtp.free.fr',
    'fallback_relayhost': 'smtp.orange.fr',
    'canonical': [{'pattern': '@proformatique.com', 'result': 'support@proformatique.com'}],
}


def edit(api, body):
    return api.request(F, P, 'edit', body=body)


def view(api):
    response = api.request(F, P, 'view')
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_empty_settings_before_the_first_edit(api, app):
    assert view(api) == {
        'id': '1',
        'mydomain': '',
        'origin': '',
        'relayhost': '',
        'fallback_relayhost': '',
        'canonical': [],
    }
    assert not Mail.select().exists()  # reading does not write


def test_edit_the_seed_example_and_view_it(api, app):
    response = edit(api, SEED)
    assert response.status_code == 200 and response.get_data() == b''
    response = api.request(F, P, 'view')
    assert list(response.get_json()) == [
        'id',
        'mydomain',
        'origin',
        'relayhost',
        'fallback_relayhost',
        'canonical',
    ]
    assert response.get_json() == {'id': '1', **SEED}
    mail = Mail.get()
    assert (mail.id, mail.canonical) == (1, '@proformatique.com support@proformatique.com\n')
    assert '"result":"support@proformatique.com"' in response.get_data(as_text=True)


def test_view_is_the_default_act(api, app):
    edit(api, SEED)
    assert api.request(F, P).get_json()['origin'] == 'devel.proformatique.com'


def test_edit_merges(api, app):
    edit(api, SEED)
    assert edit(api, {'relayhost': '[smtp.example.org]:587'}).status_code == 200
    stored = view(api)
    assert stored == {'id': '1', **SEED, 'relayhost': '[smtp.example.org]:587'}
    assert edit(api, {'origin': None, 'canonical': None}).status_code == 200
    assert view(api) == stored  # null keeps the stored value
    assert edit(api, {'fallback_relayhost': '', 'canonical': []}).status_code == 200
    assert view(api) == {**stored, 'fallback_relayhost': '', 'canonical': []}
    assert Mail.select().count() == 1


def test_round_trip_of_the_view(api, app):
    edit(api, SEED)
    shown = view(api)
    shown['canonical'].append({'pattern': 'root', 'result': None})
    assert edit(api, shown).status_code == 200
    assert view(api) == shown
    assert Mail.get().canonical.endswith('\nroot\n')


def test_canonical_as_the_original_read_it(api, app):
    Mail.create(id=1, canonical='@a.fr  x@a.fr extra\r\n\n  indented skipped\nlonely\n')
    assert view(api)['canonical'] == [
        {'pattern': '@a.fr', 'result': 'x@a.fr'},
        {'pattern': 'lonely', 'result': None},
    ]


def test_canonical_fits_in_255_characters(api, app):
    rule = {'pattern': 'p' * 100, 'result': 'r' * 100}  # 202 characters stored
    assert edit(api, {'canonical': [rule]}).status_code == 200
    check_bad_documents(api, F, P, 'edit', [{'canonical': [rule, rule]}])


def test_sum(api, app):
    edit(api, SEED)
    body = api.request(F, P, 'view').get_data()
    assert api.request(F, P, 'view', sum=hashlib.md5(body).hexdigest()).status_code == 304


@pytest.mark.parametrize('act', ['list', 'search', 'add', 'delete', 'deleteall', 'bogus'])
def test_other_acts_are_refused(api, app, act):
    with unchanged_store():
        assert_refused(api.request(F, P, act, body=SEED), 400)


def test_no_private_mode(api, app):
    assert api.request(F, P, 'view', mode='private').status_code == 404


def test_malformed_bodies(api, app):
    check_malformed_bodies(api, F, P, 'edit')
    edit(api, SEED)
    check_malformed_bodies(api, F, P, 'edit')


def test_invalid_documents(api, app):
    edit(api, SEED)
    check_bad_documents(
        api,
        F,
        P,
        'edit',
        [
            {'mydomain': 'x' * 256},
            {'mydomain': 'not a domain'},
            {'origin': ['devel.proformatique.com']},
            {'origin': 'a\nb'},
            {'relayhost': 'smtp.free.fr\nalways_bcc = spy@evil'},
            {'relayhost': {'host': 'smtp'}},
            {'fallback_relayhost': True},
            {'canonical': 'pattern result'},
            {'canonical': {'pattern': 'a', 'result': 'b'}},
            {'canonical': [None]},
            {'canonical': ['@a.fr b@a.fr']},
            {'canonical': [{'result': 'b@a.fr'}]},
            {'canonical': [{'pattern': '', 'result': 'b@a.fr'}]},
            {'canonical': [{'pattern': 'two words', 'result': 'b@a.fr'}]},
            {'canonical': [{'pattern': '@a.fr', 'result': 'b@a.fr c@a.fr'}]},
            {'canonical': [{'pattern': '@a.fr', 'result': 'b\x00'}]},
            {'canonical': [{'pattern': '@a.fr', 'result': ['b']}]},
            [],
            [SEED],
        ],
    )


def test_acl(api, app):
    check_acl(api, F, P, 'xivo/configuration/network/mail', act='view')
