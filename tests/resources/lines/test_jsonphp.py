"""/service/ipbx/json.php/restricted/pbx_settings/lines"""

import pytest
from playhouse.test_utils import count_queries

from tests.helpers.api import added_id
from tests.helpers.fixtures import make_context, make_default_context
from tests.helpers.scenarios import (
    assert_refused,
    check_acl,
    check_bad_documents,
    check_malformed_bodies,
    check_unknown_ids,
    unchanged_store,
)
from xivows.models.device import Device
from xivows.models.entity import Entity
from xivows.models.extension import Extension
from xivows.models.line import LineFeatures, SCCPLine, UserCustom, UserLine, UserSIP

F, P = 'ipbx', 'pbx_settings/lines'
USERS = 'pbx_settings/users'


@pytest.fixture
def entity_id(app):
    make_default_context()
    return Entity.get(Entity.name == 'acme').id


def add_line(api, protocol='sip', context='default', number='1500', **protocol_fields):
    body = {
        'protocol': {'protocol': protocol, 'context': context, **protocol_fields},
        'linefeatures': {'number': number},
    }
    return added_id(api.add(F, P, body))


def add_user_with_line(api, entity_id, number='1001', firstname='Jack'):
    return added_id(
        api.add(
            F,
            USERS,
            {
                'userfeatures': {
                    'firstname': firstname,
                    'lastname': 'Johnson',
                    'entityid': entity_id,
                },
                'linefeatures': {'protocol': ['sip'], 'context': ['default'], 'number': [number]},
            },
        )
    )


def test_add_sip_line_is_free_and_holds_no_extension(api, entity_id):
    line = LineFeatures.get_by_id(add_line(api, secret='pw', allow=['alaw', 'ulaw']))
    peer = UserSIP.get_by_id(line.protocolid)
    assert (line.protocol, line.number, line.name) == ('sip', '1500', peer.name)
    assert len(peer.name) == 6 and peer.secret == 'pw'
    assert peer.allow == 'alaw,ulaw'
    assert peer.category == 'user'
    assert not Extension.select().exists()
    assert not UserLine.select().exists()


def test_add_without_secret_gets_a_random_one(api, entity_id):
    line = LineFeatures.get_by_id(add_line(api))
    assert len(UserSIP.get_by_id(line.protocolid).secret) == 6


def test_add_sccp_and_custom_lines(api, entity_id):
    sccp = LineFeatures.get_by_id(add_line(api, 'sccp', number='1600'))
    assert SCCPLine.get_by_id(sccp.protocolid).name == '1600' == sccp.name
    custom = LineFeatures.get_by_id(
        add_line(api, 'custom', number='1700', interface='DAHDI/g1/1700')
    )
    assert UserCustom.get_by_id(custom.protocolid).interface == 'DAHDI/g1/1700'
    identities = {item['protocol']: item['identity'] for item in api.list(F, P).get_json()}
    assert identities == {'sccp': 'SCCP/1600', 'custom': 'DAHDI/g1/1700'}


def test_host_type_static(api, entity_id):
    line_id = add_line(api, **{'host-type': 'static', 'host-static': '10.0.0.9'})
    assert UserSIP.get_by_id(LineFeatures.get_by_id(line_id).protocolid).host == '10.0.0.9'


def test_list_items_and_filters(api, entity_id):
    assert api.list(F, P).status_code == 204
    free_id = add_line(api, number='1500')
    user_id = add_user_with_line(api, entity_id)
    add_line(api, 'sccp', number='1600')
    items = {item['id']: item for item in api.list(F, P).get_json()}
    assert len(items) == 3
    free = items[free_id]
    assert free['useridentity'] == '-' and free['iduserfeatures'] == 0
    assert isinstance(free['protocolid'], int) and isinstance(free['num'], int)
    assert free['commented'] is False and free['initialized'] is False
    assert free['identity'].startswith('SIP/')
    assert free['entity']['name'] == 'acme'
    for key in (
        'name',
        'type',
        'username',
        'secret',
        'language',
        'host',
        'port',
        'number',
        'context',
        'call-limit',
    ):
        assert key in free
    assert 'fullcontact' not in free
    taken = [item for item in items.values() if item['useridentity'] == 'Jack Johnson']
    assert taken[0]['iduserfeatures'] == user_id

    def ids(**params):
        response = api.list(F, P, **params)
        return (
            sorted(item['id'] for item in response.get_json())
            if response.status_code == 200
            else []
        )

    assert len(ids(free='1')) == 2
    assert ids(free='0') == [taken[0]['id']]
    assert len(ids(protocol='sip')) == 2
    assert len(ids(protocol='sccp')) == 1
    assert ids(protocol='iax') == []
    assert ids(free='1', protocol='sip') == [free_id]
    assert_refused(api.list(F, P, free='yes'), 400)


def test_list_runs_a_constant_number_of_queries(api, entity_id):
    add_line(api, number='1500')
    with count_queries() as few:
        api.list(F, P)
    for index in range(8):
        add_line(api, 'sip' if index % 2 else 'sccp', number=str(1600 + index))
    add_user_with_line(api, entity_id)
    with count_queries() as many:
        assert len(api.list(F, P).get_json()) == 10
    assert many.count <= few.count + 2  # one more query per protocol present


@pytest.mark.parametrize(
    'term,params,count',
    [
        ('15', {}, 1),
        ('1500', {'context': 'default'}, 1),
        ('1500', {'context': 'other'}, 0),
        ('default', {}, 2),
        ('16', {'free': '1'}, 1),
        ('no-such', {}, 0),  # '-' is in no generated SIP name (a-z, 0-9)
    ],
)
def test_search(api, entity_id, term, params, count):
    add_line(api, number='1500')
    add_line(api, number='1600')
    response = api.search(F, P, term, **params)
    if count:
        assert len(response.get_json()) == count
    else:
        assert response.status_code == 204


def test_search_finds_the_name(api, entity_id):
    line = LineFeatures.get_by_id(add_line(api))
    assert api.search(F, P, line.name.upper()).get_json()[0]['id'] == line.id


def test_view(api, entity_id):
    user_id = add_user_with_line(api, entity_id)
    line_id = UserLine.get(UserLine.user_id == user_id).line_id
    view = api.view(F, P, line_id).get_json()
    assert set(view) == {'linefeatures', 'protocol', 'exten'}
    assert view['linefeatures']['id'] == line_id
    assert view['protocol']['id'] == LineFeatures.get_by_id(line_id).protocolid
    assert view['protocol']['identity'].startswith('SIP/')
    assert view['protocol']['commented'] is False
    assert view['exten']['exten'] == '1001'
    free_id = add_line(api)
    assert api.view(F, P, free_id).get_json()['exten'] is False


def test_edit_round_trip(api, entity_id):
    line_id = add_line(api, secret='old')
    view = api.view(F, P, line_id).get_json()
    body = {
        'protocol': {**view['protocol'], 'secret': 'new'},
        'linefeatures': {**view['linefeatures'], 'description': 'desk'},
    }
    assert api.edit(F, P, line_id, body).status_code == 200
    again = api.view(F, P, line_id).get_json()
    assert again['protocol']['secret'] == 'new'
    assert again['linefeatures']['description'] == 'desk'
    assert again['protocol']['name'] == view['protocol']['name']


def test_edit_merges(api, entity_id):
    line_id = add_line(api, secret='old', nat='yes')
    assert api.edit(F, P, line_id, {'protocol': {'secret': 'new'}}).status_code == 200
    peer = UserSIP.get_by_id(LineFeatures.get_by_id(line_id).protocolid)
    assert (peer.secret, peer.nat) == ('new', 'yes')


def test_the_seed_sccp_edit_example(api, entity_id):
    line_id = add_line(api, 'sccp', number='101')
    body = {
        'protocol': {'context': 'default', 'protocol': 'sccp'},
        'linefeatures': {
            'id': 150,
            'name': '101',
            'context': 'default',
            'commented': False,
            'protocol': 'sccp',
            'protocolid': 3,
            'iduserfeatures': 37,
            'config': '',
            'configregistrar': 'default',
            'number': '101',
            'provisioningid': 0,
            'rules_type': '',
            'rules_time': '30',
            'rules_order': 1,
            'rules_group': '',
            'num': 1,
            'line_num': 0,
            'ipfrom': '10.32.0.1',
            'internal': False,
            'encryption': False,
            'description': '',
        },
    }
    assert api.edit(F, P, line_id, body).status_code == 200


def test_editing_a_users_line_moves_the_extension(api, entity_id):
    user_id = add_user_with_line(api, entity_id)
    line_id = UserLine.get(UserLine.user_id == user_id).line_id
    assert api.edit(F, P, line_id, {'linefeatures': {'number': '1099'}}).status_code == 200
    assert Extension.get(Extension.typeval == str(user_id)).exten == '1099'
    with unchanged_store():
        assert_refused(api.edit(F, P, line_id, {'linefeatures': {'number': '5000'}}), 400)


def test_device(api, entity_id):
    Device.create(id='a' * 32, mac='00:11:22:33:44:55')
    line_id = added_id(
        api.add(
            F,
            P,
            {
                'protocol': {'protocol': 'sip', 'context': 'default'},
                'linefeatures': {'number': '1500', 'device': 'a' * 32},
            },
        )
    )
    assert LineFeatures.get_by_id(line_id).device == 'a' * 32
    with unchanged_store():
        assert_refused(
            api.add(
                F,
                P,
                {
                    'protocol': {'protocol': 'sip', 'context': 'default'},
                    'linefeatures': {'device': 'a' * 32, 'num': 1},
                },
            ),
            400,
        )


def test_delete(api, entity_id):
    user_id = add_user_with_line(api, entity_id)
    line_id = UserLine.get(UserLine.user_id == user_id).line_id
    assert api.delete(F, P, line_id).status_code == 200
    assert not LineFeatures.select().exists()
    assert not UserSIP.select().exists()
    assert not UserLine.select().exists()
    assert not Extension.select().exists()


def test_deleteall(api, entity_id):
    assert api.delete_all(F, P).status_code == 204
    add_line(api)
    add_line(api, 'sccp', number='1600')
    assert api.delete_all(F, P).status_code == 200
    assert not LineFeatures.select().exists()


def test_sip_names_are_unique(api, entity_id):
    add_line(api, name='peer1')
    with unchanged_store():
        assert_refused(
            api.add(
                F, P, {'protocol': {'protocol': 'sip', 'context': 'default', 'name': 'PEER1'}}
            ),
            400,
        )


@pytest.mark.parametrize(
    'key, value, reason',
    [
        ('allow', ['alaw', 'bogus'], "'bogus' is no codec Asterisk knows"),
        ('allow', 'ulaw:20ms', "'ulaw:20ms': the packetization must be a number of ms"),
        ('disallow', 'most', "'most' is no codec Asterisk knows"),
    ],
)
def test_a_codec_asterisk_does_not_know_is_refused(api, entity_id, key, value, reason):
    # Asterisk would not load the line's endpoint ("Cannot allow unknown format").
    with unchanged_store():
        response = api.add(
            F, P, {'protocol': {'protocol': 'sip', 'context': 'default', key: value}}
        )
        assert_refused(response, 400)
        assert response.get_json() == {'error': f'protocol.{key}: {reason}'}


def test_store_rule_refusals_name_their_field(api, entity_id):
    """The refusals that need the store name the field of the document, as
    the schemas' refusals do."""
    Device.create(id='a' * 32, mac='00:11:22:33:44:55')
    sip = {'protocol': 'sip', 'context': 'default'}
    added_id(
        api.add(F, P, {'protocol': {**sip, 'name': 'peer1'}, 'linefeatures': {'device': 'a' * 32}})
    )
    add_line(api, 'sccp', number='1600')
    for body, error in [
        (
            {'protocol': {**sip, 'context': 'nowhere'}},
            'protocol.context: no such context: nowhere',
        ),
        ({'protocol': {**sip, 'name': 'PEER1'}}, 'protocol.name: SIP name already used: peer1'),
        (
            {'protocol': {'protocol': 'sccp', 'context': 'default', 'name': '1600'}},
            'protocol.name: SCCP line already exists: 1600',
        ),
        # a free line holds no number: only users' lines are checked (users below)
        (
            {'protocol': sip, 'linefeatures': {'device': 'nosuchdevice'}},
            'linefeatures.device: no such device: nosuchdevice',
        ),
        (
            {'protocol': sip, 'linefeatures': {'device': 'a' * 32}},
            f'linefeatures.num: line 1 of device {"a" * 32} is already used',
        ),
    ]:
        with unchanged_store():
            response = api.add(F, P, body)
            assert_refused(response, 400)
            assert response.get_json() == {'error': error}


def test_number_refusals_of_a_users_line_name_the_field(api, entity_id):
    user_id = add_user_with_line(api, entity_id)
    line_id = UserLine.get(UserLine.user_id == user_id).line_id
    add_user_with_line(api, entity_id, number='1002', firstname='Ann')
    for number, reason in [
        ('5000', 'number 5000 is outside the user ranges of context default'),
        ('1002', 'number 1002 is already used in context default'),
    ]:
        with unchanged_store():
            response = api.edit(F, P, line_id, {'linefeatures': {'number': number}})
            assert response.get_json() == {'error': f'linefeatures.number: {reason}'}


def test_unknown_ids(api, entity_id):
    check_unknown_ids(api, F, P, body={'linefeatures': {'number': '1'}})


def test_malformed_bodies(api, entity_id):
    check_malformed_bodies(api, F, P, 'add')
    line_id = add_line(api)
    check_malformed_bodies(api, F, P, 'edit', id=line_id)


def test_invalid_documents(api, entity_id):
    make_context('other', entity='acme')

    def body(**protocol):
        return {'protocol': {'protocol': 'sip', 'context': 'default', **protocol}}

    check_bad_documents(
        api,
        F,
        P,
        'add',
        [
            {},
            {'linefeatures': {'number': '1500'}},
            {'protocol': 'sip'},
            {'protocol': {'context': 'default'}},
            {'protocol': {'protocol': 'iax', 'context': 'default'}},
            body(context='nowhere'),
            body(context=None),
            body(name='Bad Name!'),
            body(type='router'),
            body(**{'host-type': 'static'}),
            body(**{'call-limit': 'ten'}),
            body(allow=[1, 2]),
            {'protocol': {'protocol': 'custom', 'context': 'default'}},
            {**body(), 'linefeatures': {'number': 'abc'}},
            {**body(), 'linefeatures': {'num': 0}},
            {**body(), 'linefeatures': 'x'},
            {**body(), 'linefeatures': {'device': 'nosuchdevice'}},
        ],
    )
    line_id = add_line(api)
    check_bad_documents(
        api,
        F,
        P,
        'edit',
        [
            {'protocol': {'protocol': 'sccp'}},
            {'protocol': {'context': 'nowhere'}},
            {'protocol': 'sip'},
        ],
        id=line_id,
    )


def test_acl(api, entity_id):
    check_acl(api, F, P, 'service/ipbx/pbx_settings/lines')


# -- issue 9 point 2: every field an edit sends is applied or refused ---------------


@pytest.mark.parametrize(
    'body,reason',
    [
        (
            {'protocol': {'protocol': 'sccp'}},
            'protocol.protocol: the protocol of a line cannot change',
        ),
        ({'protocol': {'name': ['peer']}}, 'protocol.name: '),
        ({'protocol': {'context': ['default']}}, 'protocol.context: '),
        ({'protocol': {'secret': {'a': 1}}}, 'protocol.secret: '),
        ({'protocol': {'call-limit': 'ten'}}, 'protocol.call-limit: '),
        ({'linefeatures': {'number': {'a': 1}}}, 'linefeatures.number: '),
        ({'linefeatures': {'number': 'abc'}}, 'linefeatures.number: '),
        ({'linefeatures': {'num': [1]}}, 'linefeatures.num: '),
        ({'linefeatures': {'callerid': ['x']}}, 'linefeatures.callerid: '),
        ({'linefeatures': {'description': {'a': 1}}}, 'linefeatures.description: '),
    ],
)
def test_wrongly_typed_or_unchangeable_fields_are_refused(api, entity_id, body, reason):
    line_id = add_line(api)
    with unchanged_store():
        response = api.edit(F, P, line_id, body)
        assert_refused(response, 400)
        assert response.get_json()['error'].startswith(reason)


def test_linefeatures_callerid_is_the_sip_caller_id(api, entity_id):
    """As the original: the protocol's callerid, else the linefeatures one."""
    line_id = added_id(
        api.add(
            F,
            P,
            {
                'protocol': {'protocol': 'sip', 'context': 'default'},
                'linefeatures': {'callerid': '"Desk" <1500>'},
            },
        )
    )
    peer = UserSIP.get_by_id(LineFeatures.get_by_id(line_id).protocolid)
    assert peer.callerid == '"Desk" <1500>'
    assert api.edit(F, P, line_id, {'linefeatures': {'callerid': '"Hall"'}}).status_code == 200
    assert UserSIP.get_by_id(peer.id).callerid == '"Hall"'
    sccp_id = add_line(api, 'sccp', number='1600')
    with unchanged_store():
        assert_refused(api.edit(F, P, sccp_id, {'linefeatures': {'callerid': 'x'}}), 400)


def test_renaming_a_users_line_moves_its_memberships(api, entity_id):
    from xivows.models.queue import GroupFeatures, QueueMember

    GroupFeatures.create(name='sales', context='default')
    user_id = add_user_with_line(api, entity_id)
    assert api.edit('ipbx', USERS, user_id, {'group-select': ['sales']}).status_code == 200
    line_id = UserLine.get(UserLine.user_id == user_id).line_id
    assert api.edit(F, P, line_id, {'protocol': {'name': 'renamed'}}).status_code == 200
    assert LineFeatures.get_by_id(line_id).name == 'renamed'
    assert QueueMember.get(QueueMember.userid == user_id).interface == 'SIP/renamed'


def test_a_new_number_of_a_users_line_moves_its_caller_id(api, entity_id):
    user_id = add_user_with_line(api, entity_id)
    line = LineFeatures.get_by_id(UserLine.get(UserLine.user_id == user_id).line_id)
    assert api.edit(F, P, line.id, {'linefeatures': {'number': '1099'}}).status_code == 200
    assert UserSIP.get_by_id(line.protocolid).callerid == '"Jack Johnson" <1099>'


def test_deleting_a_users_line_ends_its_memberships(api, entity_id):
    from xivows.models.queue import GroupFeatures, QueueMember

    GroupFeatures.create(name='sales', context='default')
    user_id = add_user_with_line(api, entity_id)
    assert api.edit('ipbx', USERS, user_id, {'group-select': ['sales']}).status_code == 200
    line_id = UserLine.get(UserLine.user_id == user_id).line_id
    assert api.delete(F, P, line_id).status_code == 200
    assert not QueueMember.select().exists()


def test_deleteall_runs_a_constant_number_of_queries(api, entity_id):
    add_line(api)
    add_user_with_line(api, entity_id)
    with count_queries() as few:
        assert api.delete_all(F, P).status_code == 200
    for index in range(6):
        add_line(api, 'sip' if index % 2 else 'sccp', number=str(1600 + index))
        add_user_with_line(api, entity_id, number=str(1100 + index), firstname=f'U{index}')
    with count_queries() as many:
        assert api.delete_all(F, P).status_code == 200
    assert not LineFeatures.select().exists() and not Extension.select().exists()
    assert many.count <= few.count + 1  # one more query per protocol present
