"""A user's voicemail through pbx_settings/users, in both input forms."""

import pytest

from tests.helpers.api import added_id
from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import assert_refused, unchanged_store
from xivows.models.entity import Entity
from xivows.models.line import LineFeatures, UserLine, UserSIP
from xivows.models.user import UserFeatures
from xivows.models.voicemail import Voicemail

F, P = 'ipbx', 'pbx_settings/users'


@pytest.fixture
def entity_id(app):
    make_default_context()
    return Entity.get(Entity.name == 'acme').id


def body(entity_id, number='1001', voicemail=None, **extra):
    document = {
        'userfeatures': {
            'firstname': 'Jill',
            'lastname': 'Hill',
            'entityid': entity_id,
            'language': 'fr_FR',
        },
        'linefeatures': {'protocol': ['sip'], 'context': ['default'], 'number': [number]},
        **extra,
    }
    if voicemail is not None:
        document['voicemail'] = voicemail
    return document


def peer_of(user_id):
    line = LineFeatures.get_by_id(UserLine.get(UserLine.user_id == user_id).line_id)
    return UserSIP.get_by_id(line.protocolid)


def test_xivo_ws_2015_form_creates_and_associates(api, entity_id):
    user_id = added_id(
        api.add(
            F,
            P,
            body(
                entity_id,
                voicemail={
                    'name': 'Jill Hill',
                    'number': '1001',
                    'context': 'default',
                    'password': '1234',
                },
            ),
        )
    )
    voicemail = Voicemail.get(Voicemail.mailbox == '1001')
    assert (voicemail.fullname, voicemail.password, voicemail.context) == (
        'Jill Hill',
        '1234',
        'default',
    )
    user = UserFeatures.get_by_id(user_id)
    assert user.voicemailid == voicemail.uniqueid and user.enablevoicemail is True
    assert peer_of(user_id).mailbox == '1001@default'


def test_2013_form_takes_the_line_context(api, entity_id):
    user_id = added_id(
        api.add(
            F,
            P,
            body(
                entity_id,
                voicemail={'mailbox': '1001', 'fullname': 'Jill', 'password': '0000'},
                **{'voicemail-option': 'add'},
            ),
        )
    )
    voicemail = Voicemail.get(Voicemail.mailbox == '1001')
    assert voicemail.context == 'default'
    assert UserFeatures.get_by_id(user_id).voicemailid == voicemail.uniqueid


def test_view_has_the_keys_of_both_eras(api, entity_id):
    user_id = added_id(
        api.add(
            F,
            P,
            body(
                entity_id, voicemail={'name': 'Jill Hill', 'number': '1001', 'context': 'default'}
            ),
        )
    )
    view = api.view(F, P, user_id).get_json()
    voicemail = view['voicemail']
    assert voicemail['number'] == voicemail['mailbox'] == '1001'
    assert voicemail['name'] == voicemail['fullname'] == 'Jill Hill'
    assert voicemail['identity'] == 'Jill Hill (1001@default)'
    assert voicemail['fullmailbox'] == '1001@default'
    assert isinstance(voicemail['id'], int) and voicemail['uniqueid'] == voicemail['id']
    assert voicemail['entity_displayname'] == 'Acme'
    assert view['voicemailfeatures']['voicemailid'] == voicemail['id']
    assert view['userfeatures']['voicemailid'] == str(voicemail['id'])


def test_resending_the_same_voicemail_updates_it(api, entity_id):
    document = body(
        entity_id,
        voicemail={'name': 'Jill', 'number': '1001', 'context': 'default', 'password': '1111'},
    )
    user_id = added_id(api.add(F, P, document))
    document['voicemail']['password'] = '2222'
    assert api.edit(F, P, user_id, document).status_code == 200
    assert Voicemail.select().count() == 1
    assert Voicemail.get().password == '2222'


def test_a_voicemail_of_another_user_is_refused(api, entity_id):
    added_id(
        api.add(
            F,
            P,
            body(entity_id, voicemail={'name': 'Jill', 'number': '1001', 'context': 'default'}),
        )
    )
    with unchanged_store():
        assert_refused(
            api.add(
                F,
                P,
                body(
                    entity_id,
                    number='1002',
                    voicemail={'name': 'Other', 'number': '1001', 'context': 'default'},
                ),
            ),
            400,
        )


def test_option_search_associates_an_existing_voicemail(api, entity_id):
    voicemail = Voicemail.create(context='default', mailbox='1500', fullname='Shared')
    user_id = added_id(
        api.add(
            F, P, body(entity_id, voicemail={'mailbox': '1500'}, **{'voicemail-option': 'search'})
        )
    )
    assert UserFeatures.get_by_id(user_id).voicemailid == voicemail.uniqueid
    with unchanged_store():
        assert_refused(
            api.add(
                F,
                P,
                body(
                    entity_id,
                    number='1002',
                    voicemail={'mailbox': '1599'},
                    **{'voicemail-option': 'search'},
                ),
            ),
            400,
        )


def test_a_bad_voicemail_leaves_nothing_behind(api, entity_id):
    for voicemail in (
        {'name': 'x', 'number': '1001', 'context': 'nowhere'},
        {'name': 'x', 'number': 'abc', 'context': 'default'},
        {'name': 'x', 'number': '1001', 'context': 'default', 'email': 'nope'},
        {'fullname': 'no number'},
        {'name': 'x', 'number': '1001', 'context': 'default', 'max_messages': 'lots'},
    ):
        with unchanged_store():
            assert_refused(api.add(F, P, body(entity_id, voicemail=voicemail)), 400)


def test_voicemail_without_line_needs_a_context(api, entity_id):
    document = {
        'userfeatures': {'firstname': 'NoLine', 'entityid': entity_id},
        'voicemail': {'mailbox': '1700'},
    }
    with unchanged_store():
        assert_refused(api.add(F, P, document), 400)
    document['voicemail'] = {'name': 'NoLine', 'number': '1700', 'context': 'default'}
    user_id = added_id(api.add(F, P, document))
    assert UserFeatures.get_by_id(user_id).voicemailid


def test_deleting_the_user_keeps_the_voicemail(api, entity_id):
    user_id = added_id(
        api.add(
            F,
            P,
            body(entity_id, voicemail={'name': 'Jill', 'number': '1001', 'context': 'default'}),
        )
    )
    assert api.delete(F, P, user_id).status_code == 200
    assert Voicemail.select().count() == 1


def test_deleting_the_voicemail_clears_the_user(api, entity_id):
    user_id = added_id(
        api.add(
            F,
            P,
            body(entity_id, voicemail={'name': 'Jill', 'number': '1001', 'context': 'default'}),
        )
    )
    voicemail = Voicemail.get()
    assert api.delete(F, 'pbx_settings/voicemail', voicemail.uniqueid).status_code == 200
    user = UserFeatures.get_by_id(user_id)
    assert user.voicemailid is None and user.enablevoicemail is False
    assert peer_of(user_id).mailbox is None
    assert api.view(F, P, user_id).get_json()['voicemail'] is False
