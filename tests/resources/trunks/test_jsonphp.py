"""/service/ipbx/json.php/restricted/trunk_management/{sip,iax,custom}"""

import pytest
from playhouse.test_utils import count_queries

from tests.helpers.api import added_id
from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import (
    assert_refused,
    check_acl,
    check_bad_documents,
    check_malformed_bodies,
    check_unknown_ids,
    unchanged_store,
)
from xivows.models.line import UserCustom, UserSIP
from xivows.models.outcall import Outcall, OutcallTrunk
from xivows.models.trunk import TrunkFeatures, TrunkRegister, UserIAX
from xivows.resources.trunks import service

F = 'ipbx'
SIP, IAX, CUSTOM = 'trunk_management/sip', 'trunk_management/iax', 'trunk_management/custom'
PATHS = {'sip': SIP, 'iax': IAX, 'custom': CUSTOM}


@pytest.fixture(autouse=True)
def dial_plan(app):
    make_default_context()


def sip_body(name='provider', host=None, **protocol):
    """What xivo-ws HEAD sends (objects/siptrunk.py)."""
    section = {
        'transport': 'udp',
        'name': name,
        'context': 'from-extern',
        'type': 'peer',
        **protocol,
    }
    if host is None:
        section.setdefault('host-type', 'dynamic')
    else:
        section.update({'host-type': 'static', 'host-static': host})
    return {'protocol': section, 'trunkfeatures': {}}


def iax_body(name='iaxprovider', host=None, description=None, **protocol):
    """What xivo-ws HEAD sends (objects/iaxtrunk.py)."""
    section = {
        'name': name,
        'context': 'from-extern',
        'type': 'peer',
        'requirecalltoken': 'auto',
        **protocol,
    }
    if host is None:
        section.setdefault('host-type', 'dynamic')
    else:
        section.update({'host-type': 'static', 'host-static': host})
    return {'protocol': section, 'trunkfeatures': {'description': description}}


def custom_body(name='dahdi', interface='dahdi/g1', context=None):
    """What xivo-ws HEAD sends (objects/customtrunk.py)."""
    return {
        'protocol': {
            'name': name,
            'context': context,
            'interface': interface,
            'protocol': 'custom',
        },
        'trunkfeatures': {
            'protocolid': None,
            'registerid': None,
            'registercommented': None,
            'description': None,
        },
    }


BODIES = {'sip': sip_body, 'iax': iax_body, 'custom': custom_body}


def add(api, protocol, body=None):
    return added_id(api.add(F, PATHS[protocol], body or BODIES[protocol]()))


# -- add ---------------------------------------------------------------------------


@pytest.mark.parametrize('protocol', ['sip', 'iax', 'custom'])
def test_add_answers_the_trunk_id_as_a_json_integer(api, protocol):
    response = api.add(F, PATHS[protocol], BODIES[protocol]())
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert text.isdigit()
    features = TrunkFeatures.get_by_id(int(text))
    assert features.protocol == protocol
    assert features.registerid == 0


def test_sip_add_stores_a_trunk_peer(api):
    trunk_id = add(
        api, 'sip', sip_body('provider', host='sip.example.com', username='acct', secret='s3cret')
    )
    features = TrunkFeatures.get_by_id(trunk_id)
    peer = UserSIP.get_by_id(features.protocolid)
    assert (peer.name, peer.category, peer.host, peer.type, peer.transport) == (
        'provider',
        'trunk',
        'sip.example.com',
        'peer',
        'udp',
    )
    assert (peer.username, peer.secret, peer.context) == ('acct', 's3cret', 'from-extern')


def test_dynamic_host_and_type_user_force_dynamic(api):
    trunk_id = add(api, 'sip', sip_body('p1'))
    assert UserSIP.get_by_id(TrunkFeatures.get_by_id(trunk_id).protocolid).host == 'dynamic'
    body = sip_body('p2', host='10.0.0.1', type='user')
    trunk_id = add(api, 'sip', body)
    assert UserSIP.get_by_id(TrunkFeatures.get_by_id(trunk_id).protocolid).host == 'dynamic'


def test_iax_add_stores_an_iax_peer_and_description(api):
    trunk_id = add(
        api,
        'iax',
        iax_body('iaxp', host='iax.example.com', description='main', type='friend', trunk=1),
    )
    features = TrunkFeatures.get_by_id(trunk_id)
    assert features.description == 'main'
    peer = UserIAX.get_by_id(features.protocolid)
    assert (peer.name, peer.host, peer.requirecalltoken, peer.trunk, peer.category) == (
        'iaxp',
        'iax.example.com',
        'auto',
        1,
        'trunk',
    )
    assert peer.username == 'iaxp'  # a friend's username is its name


def test_custom_add_without_context(api):
    trunk_id = add(api, 'custom')
    row = UserCustom.get_by_id(TrunkFeatures.get_by_id(trunk_id).protocolid)
    assert (row.name, row.interface, row.intfsuffix, row.context, row.category) == (
        'dahdi',
        'dahdi/g1',
        '',
        None,
        'trunk',
    )


def test_sip_register_line(api):
    body = sip_body('reg')
    body['register'] = {
        'transport': 'udp',
        'username': 'acct',
        'password': 'pw',
        'authuser': 'auth',
        'host': 'sip.example.com',
        'port': '5060',
        'contact': 'inbound',
        'expiry': '120',
    }
    features = TrunkFeatures.get_by_id(add(api, 'sip', body))
    register = TrunkRegister.get_by_id(features.registerid)
    assert (register.username, register.password, register.host, register.expiry) == (
        'acct',
        'pw',
        'sip.example.com',
        '120',
    )


def test_empty_register_creates_nothing(api):
    body = sip_body('noreg')
    body['register'] = {'username': '', 'host': ''}
    features = TrunkFeatures.get_by_id(add(api, 'sip', body))
    assert features.registerid == 0
    assert TrunkRegister.select().count() == 0


def test_allow_list_is_stored_comma_joined(api):
    trunk_id = add(api, 'sip', sip_body('codecs', allow=['alaw', 'ulaw'], disallow='all'))
    assert UserSIP.get_by_id(TrunkFeatures.get_by_id(trunk_id).protocolid).allow == 'alaw,ulaw'


@pytest.mark.parametrize('protocol', ['sip', 'iax'])
@pytest.mark.parametrize(
    'key, value, reason',
    [
        ('allow', ['ulaw', 'bogus'], "'bogus' is no codec Asterisk knows"),
        ('allow', 'g729:abc', "'g729:abc': the packetization must be a number of ms"),
        ('disallow', 'everything', "'everything' is no codec Asterisk knows"),
    ],
)
def test_a_codec_asterisk_does_not_know_is_refused(api, protocol, key, value, reason):
    # Asterisk would not load the trunk's endpoint at all ("Cannot allow unknown format").
    with unchanged_store():
        response = api.add(F, PATHS[protocol], BODIES[protocol](**{key: value}))
        assert response.status_code == 400
        assert response.get_json() == {'error': f'protocol.{key}: {reason}'}


def test_codecs_as_asterisk_reads_them_are_accepted(api):
    allow = 'ULAW|!g729,g722:20,opus, ,h264'
    trunk_id = add(api, 'sip', sip_body('codecs', allow=allow, disallow='all'))
    assert UserSIP.get_by_id(TrunkFeatures.get_by_id(trunk_id).protocolid).allow == allow


# -- add errors ---------------------------------------------------------------------


def test_add_refuses_bad_documents(api):
    check_bad_documents(
        api,
        F,
        SIP,
        'add',
        [
            {},
            {'trunkfeatures': {}},
            {'protocol': 'x'},
            {'protocol': [], 'trunkfeatures': {}},
            sip_body('UPPER'),
            sip_body('a' * 41),
            sip_body('bad name'),
            sip_body("x'; drop table usersip; --"),
            sip_body('ok', transport='sctp'),
            sip_body('ok', type='boss'),
            sip_body('ok', context='nowhere'),
            sip_body('ok', context=['default']),
            sip_body('ok', secret='a\x00b'),
            sip_body('ok', **{'host-type': 'static'}),
            sip_body('ok', **{'host-type': 'sometimes'}),
            {**sip_body('ok'), 'trunkfeatures': 'x'},
            {**sip_body('ok'), 'trunkfeatures': {'description': ['x']}},
            {**sip_body('ok'), 'register': 'x'},
            {**sip_body('ok'), 'register': {'host': 'h'}},
            {**sip_body('ok'), 'register': {'username': 'u'}},
            {**sip_body('ok'), 'register': {'username': 'u', 'host': 'h', 'port': 'x'}},
            {**sip_body('ok'), 'register': {'username': 'u@x', 'host': 'h'}},
            {
                'protocol': {'name': 'ok', 'context': 'default'},
                'trunkfeatures': {},
            },  # no transport
        ],
    )
    check_bad_documents(
        api,
        F,
        IAX,
        'add',
        [
            iax_body('ok', requirecalltoken='maybe'),
            iax_body('ok', requirecalltoken=None) | {'protocol': {'name': 'ok'}},
            iax_body('bad.name'),
            iax_body('ok', port=70000),
            iax_body('ok', trunk='often'),
            iax_body('ok', timezone='<script>'),
        ],
    )
    check_bad_documents(
        api,
        F,
        CUSTOM,
        'add',
        [
            custom_body(interface=''),
            custom_body(interface='dahdi g1'),
            custom_body(name=''),
            custom_body(context='nowhere'),
            {'protocol': {'name': 'x', 'interface': 'a/b', 'intfsuffix': 'x y'}},
            {'protocol': {'name': 'x', 'interface': 'a/b', 'protocol': 'sip'}},
        ],
    )


def test_add_refuses_malformed_bodies(api):
    for path in PATHS.values():
        check_malformed_bodies(api, F, path, 'add')


def test_names_are_unique_per_protocol(api):
    add(api, 'sip', sip_body('shared'))
    with unchanged_store():
        assert_refused(api.add(F, SIP, sip_body('shared')))
    add(api, 'iax', iax_body('shared'))  # another protocol's table
    with unchanged_store():
        assert_refused(api.add(F, IAX, iax_body('shared')))
    add(api, 'custom', custom_body('shared', 'dahdi/g1'))
    with unchanged_store():
        assert_refused(api.add(F, CUSTOM, custom_body('shared', 'dahdi/g2')))
        assert_refused(api.add(F, CUSTOM, custom_body('other', 'dahdi/g1')))


def test_sip_trunk_name_cannot_be_a_line_name(api):
    api_line = api.add(
        F,
        'pbx_settings/lines',
        {'protocol': {'protocol': 'sip', 'name': 'linename', 'context': 'default'}},
    )
    assert api_line.status_code == 200
    with unchanged_store():
        assert_refused(api.add(F, SIP, sip_body('linename')))


# -- list and search ------------------------------------------------------------


def test_sip_list_item(api):
    body = sip_body('provider', host='sip.example.com', username='acct')
    body['register'] = {'username': 'acct', 'password': 'pw', 'host': 'sip.example.com'}
    body['trunkfeatures'] = {'description': 'main line'}
    trunk_id = add(api, 'sip', body)
    response = api.list(F, SIP)
    assert response.status_code == 200
    [item] = response.json
    features = TrunkFeatures.get_by_id(trunk_id)
    assert item['id'] == str(trunk_id)
    assert item['protocolid'] == str(features.protocolid)
    assert item['registerid'] == str(features.registerid)
    assert 'registercommented' not in item
    assert (item['name'], item['protocol'], item['identity']) == (
        'provider',
        'sip',
        'provider (SIP)',
    )
    assert item['commented'] is False
    assert item['description'] == 'main line'
    assert item['category'] == 'trunk'
    assert item['call-limit'] == ''
    assert item['register'] == {
        'transport': '',
        'username': 'acct',
        'password': 'pw',
        'authuser': '',
        'host': 'sip.example.com',
        'port': '',
        'contact': '',
        'expiry': '',
        'commented': False,
    }
    assert all(
        value is None or isinstance(value, (str, dict))
        for key, value in item.items()
        if key != 'commented'
    )


def test_iax_and_custom_list_items(api):
    iax_id = add(api, 'iax', iax_body('iaxp'))
    custom_id = add(
        api, 'custom', {'protocol': {'name': 'dahdi', 'interface': 'dahdi/g1', 'intfsuffix': 'x'}}
    )
    [iax] = api.list(F, IAX).json
    assert (iax['id'], iax['identity'], iax['requirecalltoken'], iax['register']) == (
        str(iax_id),
        'iaxp (IAX2)',
        'auto',
        False,
    )
    [custom] = api.list(F, CUSTOM).json
    assert (custom['id'], custom['name'], custom['interface'], custom['identity']) == (
        str(custom_id),
        'dahdi',
        'dahdi/g1',
        'dahdi (dahdi/g1|x)',
    )
    assert 'register' not in custom


def test_lists_hold_only_their_protocol(api):
    add(api, 'sip')
    assert api.list(F, IAX).status_code == 204
    assert api.list(F, CUSTOM).status_code == 204
    api.add(
        F,
        'pbx_settings/lines',
        {'protocol': {'protocol': 'custom', 'interface': 'x/y', 'context': 'default'}},
    )
    assert api.list(F, CUSTOM).status_code == 204  # custom lines are not trunks


def test_search_on_name_or_username(api):
    add(api, 'sip', sip_body('alpha', username='Zeta'))
    add(api, 'sip', sip_body('beta'))
    assert [item['name'] for item in api.search(F, SIP, 'ALP').json] == ['alpha']
    assert [item['name'] for item in api.search(F, SIP, 'zet').json] == ['alpha']
    assert api.search(F, SIP, '%').status_code == 204
    assert api.search(F, SIP, '').status_code == 204
    assert api.request(F, SIP, 'search').status_code == 204
    add(api, 'custom', custom_body('gamma', 'dahdi/alpha'))
    assert api.search(F, CUSTOM, 'alpha').status_code == 204  # custom: name only
    assert [item['name'] for item in api.search(F, CUSTOM, 'amm').json] == ['gamma']


def test_list_runs_a_constant_number_of_queries(api):
    def queries_for_list():
        with count_queries() as counter:
            assert api.list(F, SIP).status_code == 200
        return counter.count

    for index in range(2):
        body = sip_body(f'few{index}')
        body['register'] = {'username': 'u', 'host': 'h'}
        add(api, 'sip', body)
    few = queries_for_list()
    for index in range(10):
        body = sip_body(f'many{index}')
        body['register'] = {'username': 'u', 'host': 'h'}
        add(api, 'sip', body)
    assert queries_for_list() == few


def test_empty_list_is_204(api):
    for path in PATHS.values():
        response = api.list(F, path)
        assert response.status_code == 204
        assert response.data == b''


# -- view ---------------------------------------------------------------------------


def test_sip_view(api):
    body = sip_body('provider', host='sip.example.com')
    body['register'] = {'username': 'acct', 'host': 'sip.example.com', 'expiry': '60'}
    trunk_id = add(api, 'sip', body)
    response = api.view(F, SIP, trunk_id)
    assert response.status_code == 200
    view = response.json
    assert set(view) == {'trunkfeatures', 'protocol', 'register'}
    features = TrunkFeatures.get_by_id(trunk_id)
    assert view['trunkfeatures'] == {
        'id': trunk_id,
        'protocol': 'sip',
        'protocolid': features.protocolid,
        'registerid': features.registerid,
        'registercommented': False,
        'description': '',
    }
    protocol = view['protocol']
    assert protocol['id'] == features.protocolid
    assert protocol['commented'] is False
    assert protocol['identity'] == 'provider (SIP)'
    assert (protocol['name'], protocol['host'], protocol['transport']) == (
        'provider',
        'sip.example.com',
        'udp',
    )
    assert protocol['allow'] is None
    assert view['register']['expiry'] == '60'


def test_custom_view_has_no_register(api):
    trunk_id = add(api, 'custom')
    view = api.view(F, CUSTOM, trunk_id).json
    assert set(view) == {'trunkfeatures', 'protocol'}
    assert view['protocol']['identity'] == 'dahdi (dahdi/g1)'


def test_view_of_another_protocols_trunk_is_404(api):
    sip_id = add(api, 'sip')
    assert api.view(F, IAX, sip_id).status_code == 404
    assert api.view(F, CUSTOM, sip_id).status_code == 404
    assert api.delete(F, IAX, sip_id).status_code == 404
    assert TrunkFeatures.get_or_none(TrunkFeatures.id == sip_id) is not None


def test_unknown_ids(api):
    for path in PATHS.values():
        check_unknown_ids(api, F, path, body={'trunkfeatures': {'description': 'x'}})


# -- edit ------------------------------------------------------------------------------


def test_sip_edit_merges_over_the_stored_trunk(api):
    body = sip_body('provider', host='sip.example.com', username='acct', secret='pw')
    body['register'] = {'username': 'acct', 'host': 'sip.example.com'}
    trunk_id = add(api, 'sip', body)
    response = api.edit(F, SIP, trunk_id, {'protocol': {'secret': 'new'}})
    assert response.status_code == 200
    features = TrunkFeatures.get_by_id(trunk_id)
    peer = UserSIP.get_by_id(features.protocolid)
    assert (peer.name, peer.host, peer.username, peer.secret, peer.transport) == (
        'provider',
        'sip.example.com',
        'acct',
        'new',
        'udp',
    )
    assert features.registerid  # kept: not in the body


def test_edit_round_trip_from_the_view(api):
    body = sip_body('provider', host='sip.example.com')
    body['register'] = {'username': 'acct', 'host': 'sip.example.com'}
    trunk_id = add(api, 'sip', body)
    before = api.view(F, SIP, trunk_id).json
    document = {
        'protocol': dict(before['protocol']),
        'trunkfeatures': {'description': 'renamed'},
        'register': dict(before['register']),
    }
    document['protocol']['name'] = 'provider2'
    document['register']['port'] = '5061'
    assert api.edit(F, SIP, trunk_id, document).status_code == 200
    after = api.view(F, SIP, trunk_id).json
    assert after['protocol']['name'] == 'provider2'
    assert after['protocol']['identity'] == 'provider2 (SIP)'
    assert after['trunkfeatures']['description'] == 'renamed'
    assert after['register']['port'] == '5061'
    assert after['trunkfeatures']['registerid'] == before['trunkfeatures']['registerid']
    unchanged = {
        key: value for key, value in before['protocol'].items() if key not in ('name', 'identity')
    }
    assert {key: after['protocol'][key] for key in unchanged} == unchanged


def test_edit_with_an_empty_register_removes_it(api):
    body = sip_body('provider')
    body['register'] = {'username': 'acct', 'host': 'sip.example.com'}
    trunk_id = add(api, 'sip', body)
    assert api.edit(F, SIP, trunk_id, {'register': False}).status_code == 200
    assert TrunkFeatures.get_by_id(trunk_id).registerid == 0
    assert TrunkRegister.select().count() == 0
    assert api.view(F, SIP, trunk_id).json['register'] is False
    assert (
        api.edit(F, SIP, trunk_id, {'register': {'username': 'u', 'host': 'h'}}).status_code == 200
    )
    assert api.view(F, SIP, trunk_id).json['register']['host'] == 'h'


def test_edit_refusals_leave_the_store_unchanged(api):
    trunk_id = add(api, 'sip', sip_body('provider'))
    add(api, 'sip', sip_body('other'))
    check_bad_documents(
        api,
        F,
        SIP,
        'edit',
        [
            {'protocol': {'name': 'other'}},
            {'protocol': {'transport': 'x'}},
            {'protocol': {'context': 'nowhere'}},
            {'protocol': {'protocol': 'iax'}},
            {'protocol': 'x'},
            {'register': {'username': 'u'}},
            {'trunkfeatures': {'description': ['x']}},
            [],
        ],
        id=trunk_id,
    )
    check_malformed_bodies(api, F, SIP, 'edit', id=trunk_id)


def test_iax_and_custom_edit(api):
    iax_id = add(api, 'iax', iax_body('iaxp'))
    assert api.edit(F, IAX, iax_id, {'protocol': {'requirecalltoken': 'no'}}).status_code == 200
    assert UserIAX.get_by_id(TrunkFeatures.get_by_id(iax_id).protocolid).requirecalltoken == 'no'
    custom_id = add(api, 'custom')
    assert api.edit(F, CUSTOM, custom_id, {'protocol': {'intfsuffix': 'sfx'}}).status_code == 200
    assert api.view(F, CUSTOM, custom_id).json['protocol']['identity'] == 'dahdi (dahdi/g1|sfx)'


# -- delete ------------------------------------------------------------------------------


@pytest.mark.parametrize('protocol', ['sip', 'iax'])
def test_delete_removes_every_part(api, protocol):
    body = BODIES[protocol]()
    body['register'] = {'username': 'u', 'host': 'h'}
    trunk_id = add(api, protocol, body)
    assert api.delete(F, PATHS[protocol], trunk_id).status_code == 200
    assert TrunkFeatures.select().count() == 0
    assert TrunkRegister.select().count() == 0
    model = {'sip': UserSIP, 'iax': UserIAX}[protocol]
    assert model.select().where(model.category == 'trunk').count() == 0
    assert api.view(F, PATHS[protocol], trunk_id).status_code == 404
    assert api.delete(F, PATHS[protocol], trunk_id).status_code == 404


def test_a_trunk_an_outcall_uses_cannot_be_deleted(api):
    trunk_id = add(api, 'custom')
    outcall = Outcall.create(name='out', context='to-extern')
    OutcallTrunk.create(outcallid=outcall.id, trunkfeaturesid=trunk_id, priority=0)
    with unchanged_store():
        response = api.delete(F, CUSTOM, trunk_id)
        assert_refused(response)
        assert 'out' in response.json['error']
        assert_refused(api.delete_all(F, CUSTOM))


def test_deleteall(api):
    add(api, 'sip', sip_body('a'))
    add(api, 'sip', sip_body('b'))
    iax_id = add(api, 'iax')
    assert api.delete_all(F, SIP).status_code == 200
    assert api.list(F, SIP).status_code == 204
    assert api.view(F, IAX, iax_id).status_code == 200
    assert api.delete_all(F, SIP).status_code == 204


def test_a_context_used_by_a_trunk_cannot_be_deleted(api):
    add(api, 'iax', iax_body('iaxp'))
    with unchanged_store():
        assert_refused(api.delete(F, 'system_management/context', 'from-extern'))


@pytest.mark.parametrize('protocol', ['sip', 'iax', 'custom'])
def test_acl(api, protocol):
    check_acl(api, F, PATHS[protocol], f'service/ipbx/{PATHS[protocol]}')


@pytest.mark.parametrize(
    'protocol,body,named',
    [
        ('sip', {'protocol': {'name': ['x']}}, 'protocol.name'),
        ('sip', {'protocol': {'name': {'a': 1}}}, 'protocol.name'),
        ('sip', {'protocol': {'allow': {'a': 1}}}, 'protocol.allow'),
        ('sip', {'protocol': {'port': 'abc'}}, 'protocol.port'),
        ('sip', {'protocol': {'context': ['from-extern']}}, 'protocol.context'),
        ('sip', {'protocol': {'call-limit': 'abc'}}, 'protocol.call-limit'),
        ('sip', {'protocol': {'commented': True}}, 'protocol.commented'),
        ('sip', {'protocol': {'host-type': ['static']}}, 'protocol.host-type'),
        ('sip', {'trunkfeatures': {'description': {'a': 1}}}, 'trunkfeatures.description'),
        ('sip', {'register': {'username': ['u'], 'host': 'h'}}, 'register.username'),
        ('sip', {'register': 5}, 'register'),
        ('iax', {'protocol': {'trunk': 'abc'}}, 'protocol.trunk'),
        ('iax', {'protocol': {'port': 'x'}}, 'protocol.port'),
        ('iax', {'protocol': {'commented': 1}}, 'protocol.commented'),
        ('custom', {'protocol': {'interface': ['x']}}, 'protocol.interface'),
        ('custom', {'protocol': {'commented': 'yes'}}, 'protocol.commented'),
        ('custom', {'register': {'username': 'u', 'host': 'h'}}, 'register'),
    ],
)
def test_edit_refuses_what_it_cannot_apply_naming_it(api, protocol, body, named):
    trunk_id = add(api, protocol)
    with unchanged_store():
        response = api.edit(F, PATHS[protocol], trunk_id, body)
        assert_refused(response)
    assert response.json['error'].startswith(named + ':')


def test_edit_applies_the_sip_port_and_name(api):
    trunk_id = add(api, 'sip', sip_body('provider'))
    body = {'protocol': {'name': 'renamed', 'port': '5061', 'commented': False}}
    assert api.edit(F, SIP, trunk_id, body).status_code == 200
    peer = UserSIP.get_by_id(TrunkFeatures.get_by_id(trunk_id).protocolid)
    assert (peer.name, peer.port, peer.commented) == ('renamed', '5061', False)


@pytest.mark.parametrize('protocol', ['sip', 'iax', 'custom'])
def test_deleteall_is_set_based(api, protocol):
    def add_some(count):
        for index in range(count):
            body = BODIES[protocol](f'trunk{index}')
            if protocol == 'custom':
                body['protocol']['interface'] = f'dahdi/g{index}'
            else:
                body['register'] = {'username': 'u', 'host': 'h'}
            add(api, protocol, body)

    other = add(api, 'iax' if protocol != 'iax' else 'sip')
    add_some(2)
    with count_queries() as few:
        assert service.delete_all(protocol) == 2
    add_some(12)
    with count_queries() as many:
        assert service.delete_all(protocol) == 12
    # the count, the first trunk in use, the register lines, the protocol rows
    # and the trunks
    assert many.count == few.count == 5
    assert api.delete_all(F, PATHS[protocol]).status_code == 204
    assert [row.id for row in TrunkFeatures.select()] == [other]
    model = {'sip': UserSIP, 'iax': UserIAX, 'custom': UserCustom}[protocol]
    assert not model.select().where(model.category == 'trunk').exists()
    assert not TrunkRegister.select().exists()
