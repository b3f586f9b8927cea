"""/service/ipbx/json.php/<mode>/general_settings/sccp"""

import importlib

import pytest

from tests.helpers.scenarios import (
    assert_refused,
    check_acl,
    check_bad_documents,
    check_malformed_bodies,
    unchanged_store,
)
from xivows.db import database
from xivows.models.sccp import SccpGeneralSettings

F, P = 'ipbx', 'general_settings/sccp'
DEFAULTS = {
    'directmedia': 'no',
    'dialtimeout': '5',
    'keepalive': '10',
    'language': 'en_US',
    'disallow': 'all',
    'allow': '',
}
# What xivo-ws's SCCPGeneralSettings sends.
CLIENT_BODY = {'directmedia': 1, 'dialtimeout': 7, 'language': 'fr_FR'}

seed = importlib.import_module('xivows.migrations.versions.0003_sccp_general_settings')


def view(api, **params):
    response = api.request(F, P, 'view', **params)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.content_type == 'application/json'
    return response.get_json()


def edit(api, body, **params):
    return api.request(F, P, 'edit', body=body, **params)


def stored():
    return dict(
        SccpGeneralSettings.select(
            SccpGeneralSettings.option_name, SccpGeneralSettings.option_value
        ).tuples()
    )


def test_default_options_exist_after_upgrade(api, app):
    shown = view(api)
    assert list(shown) == ['sccpgeneralsettings']
    assert shown['sccpgeneralsettings'] == DEFAULTS
    assert list(shown['sccpgeneralsettings']) == list(DEFAULTS)  # seed order


def test_view_is_the_default_act(api, app):
    response = api.request(F, P)
    assert response.status_code == 200
    assert response.get_json() == {'sccpgeneralsettings': DEFAULTS}


def test_view_in_private_mode(api, app):
    assert view(api, mode='private') == {'sccpgeneralsettings': DEFAULTS}


def test_view_shows_every_stored_option_as_a_string(api, app):
    SccpGeneralSettings.create(option_name='guest', option_value='yes')
    assert view(api)['sccpgeneralsettings'] == {**DEFAULTS, 'guest': 'yes'}


def test_sum_is_ignored(api, app):
    import hashlib

    body = api.request(F, P, 'view').get_data()
    response = api.request(F, P, 'view', sum=hashlib.md5(body).hexdigest())
    assert response.status_code == 200 and response.get_data() == body


def test_the_xivo_ws_round_trip(api, app):
    before = view(api)['sccpgeneralsettings']
    response = edit(api, CLIENT_BODY)
    assert response.status_code == 200 and response.get_data() == b''
    after = view(api)['sccpgeneralsettings']
    assert after == {**before, 'directmedia': 'yes', 'dialtimeout': '7', 'language': 'fr_FR'}
    # xivo-ws reads it back: directmedia yes/no, dialtimeout int-convertible
    assert after['directmedia'] == 'yes' and int(after['dialtimeout']) == 7
    assert SccpGeneralSettings.select().count() == len(DEFAULTS)


def test_edit_every_option(api, app):
    body = {
        'directmedia': 'no',
        'dialtimeout': '10',
        'keepalive': 120,
        'language': 'de_DE',
        'allow': ['g729', 'ULAW', 'g729'],
        'disallow': 'ALL',
    }
    assert edit(api, body).status_code == 200
    assert view(api)['sccpgeneralsettings'] == {
        'directmedia': 'no',
        'dialtimeout': '10',
        'keepalive': '120',
        'language': 'de_DE',
        'disallow': 'all',
        'allow': 'g729,ulaw',
    }


def test_the_view_edited_back_changes_nothing(api, app):
    edit(api, {'directmedia': True, 'allow': 'alaw,g722', 'keepalive': 1})
    shown = view(api)['sccpgeneralsettings']
    assert edit(api, shown).status_code == 200
    assert view(api)['sccpgeneralsettings'] == shown


@pytest.mark.parametrize(
    'given, shown',
    [
        (True, 'yes'),
        (False, 'no'),
        (0, 'no'),
        (1, 'yes'),
        ('1', 'yes'),
        ('0', 'no'),
        ('yes', 'yes'),
        ('NO', 'no'),
        ('on', 'yes'),
        ('off', 'no'),
        ('t', 'yes'),
        ('f', 'no'),
        ('true', 'yes'),
        ('false', 'no'),
        ('y', 'yes'),
        ('n', 'no'),
    ],
)
def test_directmedia_in_every_boolean_form(api, app, given, shown):
    assert edit(api, {'directmedia': given}).status_code == 200
    assert view(api)['sccpgeneralsettings']['directmedia'] == shown


@pytest.mark.parametrize(
    'given, shown',
    [
        ('ulaw,alaw', 'ulaw,alaw'),
        (' g722 , g729 ', 'g722,g729'),
        ('', ''),
        ([], ''),
        (['alaw'], 'alaw'),
        ('ulaw,,ulaw', 'ulaw'),
    ],
)
def test_allow_as_a_list_or_a_comma_string(api, app, given, shown):
    edit(api, {'allow': 'g729'})
    assert edit(api, {'allow': given}).status_code == 200
    assert view(api)['sccpgeneralsettings']['allow'] == shown


def test_edit_merges(api, app):
    edit(api, {'keepalive': 60, 'allow': 'alaw'})
    assert edit(api, {'dialtimeout': 3}).status_code == 200
    assert view(api)['sccpgeneralsettings'] == {
        **DEFAULTS,
        'keepalive': '60',
        'allow': 'alaw',
        'dialtimeout': '3',
    }
    with unchanged_store():
        assert edit(api, {}).status_code == 200
        assert edit(api, {'keepalive': None, 'language': None}).status_code == 200
        assert edit(api, {'dialtimeout': ''}).status_code == 200  # empty number = not given
    assert edit(api, {'language': ''}).status_code == 200
    assert view(api)['sccpgeneralsettings']['language'] == ''


def test_a_key_that_is_no_option_is_refused_naming_it(api, app):
    """Not dropped silently: a misspelt option, or the view's wrapper sent
    back as is, changed nothing and answered 200."""
    for body, key in [
        ({'unknown': 'x', 'dialtimeout': 3}, 'unknown'),
        ({'sccpgeneralsettings': {'dialtimeout': 3}}, 'sccpgeneralsettings'),
    ]:
        with unchanged_store():
            response = edit(api, body)
            assert_refused(response, 400)
            assert response.get_json() == {'error': f'{key}: not an SCCP general option'}


def test_a_missing_option_is_created_by_its_edit(api, app):
    SccpGeneralSettings.delete().where(SccpGeneralSettings.option_name == 'keepalive').execute()
    assert 'keepalive' not in view(api)['sccpgeneralsettings']
    assert edit(api, {'keepalive': 30}).status_code == 200
    assert stored()['keepalive'] == '30'


def test_invalid_documents(api, app):
    edit(api, CLIENT_BODY)
    check_bad_documents(
        api,
        F,
        P,
        'edit',
        [
            {'directmedia': 2},
            {'directmedia': 'maybe'},
            {'directmedia': [1]},
            {'dialtimeout': 0},
            {'dialtimeout': 11},
            {'dialtimeout': -1},
            {'dialtimeout': 5.5},
            {'dialtimeout': 'five'},
            {'dialtimeout': True},
            {'dialtimeout': 10**30},
            {'keepalive': 0},
            {'keepalive': 121},
            {'keepalive': {'a': 1}},
            {'language': 'xx_XX'},
            {'language': 'fr'},
            {'language': 42},
            {'language': ['fr_FR']},
            {'language': "fr_FR'; DROP TABLE sccpgeneralsettings; --"},
            {'allow': 'gsm'},
            {'allow': ['ulaw', 'speex']},
            {'allow': ['ulaw', 1]},
            {'allow': [None]},
            {'allow': {'codec': 'ulaw'}},
            {'allow': True},
            {'allow': 'ulaw,' * 20},
            {'disallow': 'ulaw'},
            {'disallow': ''},
            {'disallow': ['all']},
            # one bad option refuses the whole edit
            {**CLIENT_BODY, 'directmedia': 0, 'keepalive': 500},
            [],
            [CLIENT_BODY],
        ],
    )
    assert view(api)['sccpgeneralsettings']['dialtimeout'] == '7'


def test_error_answers_name_the_option(api, app):
    response = edit(api, {'dialtimeout': 11})
    assert response.get_json() == {'error': 'dialtimeout: must be at most 10'}
    response = edit(api, {'allow': 'gsm'})
    assert response.get_json()['error'].startswith('allow: ')


def test_malformed_bodies(api, app):
    check_malformed_bodies(api, F, P, 'edit')


def test_edit_without_body_is_refused(api, app):
    with unchanged_store():
        assert_refused(api.request(F, P, 'edit', method='GET'), 400)
        assert_refused(api.request(F, P, 'edit', method='POST'), 400)


@pytest.mark.parametrize(
    'act', ['list', 'search', 'add', 'delete', 'deleteall', 'get', 'EDIT', 'bogus']
)
def test_other_acts_are_refused(api, app, act):
    with unchanged_store():
        assert_refused(api.request(F, P, act, body=CLIENT_BODY), 400)


def test_acl(api, app):
    denied, _ = check_acl(api, F, P, 'service/ipbx/general_settings/sccp', act='view')
    with unchanged_store():
        response = api.as_user('denied', 'denied-pw').request(F, P, 'edit', body=CLIENT_BODY)
        assert response.status_code == 403


def test_unauthenticated_is_401(api, app):
    anonymous = api.as_user(None, None, peer='192.0.2.1')
    with unchanged_store():
        assert anonymous.request(F, P, 'view').status_code == 401
        assert anonymous.request(F, P, 'edit', body=CLIENT_BODY).status_code == 401


def test_seed_is_idempotent_and_keeps_stored_values(app):
    SccpGeneralSettings.update(option_value='8').where(
        SccpGeneralSettings.option_name == 'dialtimeout'
    ).execute()
    SccpGeneralSettings.delete().where(SccpGeneralSettings.option_name == 'allow').execute()
    seed.upgrade(database, None)
    seed.upgrade(database, None)
    names = [row.option_name for row in SccpGeneralSettings.select()]
    assert sorted(names) == sorted(DEFAULTS)  # one row per option, the missing one back
    assert stored() == {**DEFAULTS, 'dialtimeout': '8'}
