"""The live resources of /v1 against the fake Asterisk (tests/helpers/fake_ami.py)
and the worker's engine run in the test: each seed example answers its fields
with their types; changes show after the AMI event; 503 with the reason while
the live state cannot be trusted."""

import json

import pytest

from tests.compat.v1.conftest import STAMP, enveloped, result
from tests.helpers.api import added_id, basic
from tests.helpers.fixtures import make_default_context
from xivows.live import queries as live
from xivows.models.agent import AgentFeatures
from xivows.models.entity import Entity
from xivows.models.line import LineFeatures, UserLine
from xivows.models.queue import QueueFeatures, QueueMember

ALICE = 'PJSIP/alice-00000001'
CALLER = 'Local/3000@default-00000000;2'
PARKED = 'Local/700@default-00000001;2'


def typed(item, shape, nullable=()):
    """Every field of the seed's `shape` is there with its type (or null when
    `nullable` says the value can be unknown)."""
    missing = set(shape) - set(item)
    assert not missing, missing
    for key, kind in shape.items():
        value = item[key]
        if value is None and key in nullable:
            continue
        kinds = kind if isinstance(kind, tuple) else (kind,)
        assert isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds), (
            key,
            value,
        )
    if item.get('tm_update') is not None:
        assert STAMP.match(item['tm_update'])


@pytest.fixture
def busy(pbx):
    peer = pbx.peer
    peer.add_endpoint('alice')
    peer.add_endpoint('bob')
    peer.register_contact('alice', 'sip:alice@127.0.0.1:5071', user_agent='Blink 3.0.3')
    peer.add_member('support', 'PJSIP/bob', member_name='Bob', penalty=1)
    peer.new_channel(ALICE, caller=('1001', 'Alice'), state='6', context='queue_sales')
    peer.new_channel(CALLER, caller=('5551234', 'Queue Caller'), state='4')
    peer.caller_joins('support', CALLER)
    peer.new_channel(PARKED, caller=('5559999', 'Parked Guy'), state='6')
    peer.park(PARKED)
    peer.add_registration('trunk', 'sip:trunk@127.0.0.1:5099', 'sip:127.0.0.1:5099')
    pbx.settle()
    return pbx


def test_live_reads_need_a_connected_fresh_worker(v1, pbx):
    paths = (
        '/device_states',
        '/peers',
        '/registries',
        '/admin/core/channels',
        '/admin/queue/queues',
        '/admin/pjsip/contacts',
        '/admin/park/parkedcalls',
    )
    for path in paths:
        message = result(v1.get(path), 503)['message']
        assert message == 'live state unavailable: Asterisk not connected'
    pbx.settle()
    for path in paths:
        enveloped(v1.get(path))
    pbx.peer.stop()
    pbx.settle(lambda: not live.connection().connected)
    message = result(v1.get('/admin/core/systems'), 503)['message']
    assert message.startswith('live state unavailable: Asterisk not connected: ')


def test_a_worker_that_never_ran_is_a_503(v1):
    assert (
        result(v1.get('/admin/queue/entries'), 503)['message']
        == 'live state unavailable: the background worker has not run'
    )


def test_device_states(v1, busy):
    listing = result(v1.get('/device_states'))['list']
    assert {'device': 'PJSIP/alice'} in listing and all(
        set(item) == {'device'} for item in listing
    )
    # curl -X GET example.com/device_states/ -d '{"device": "PJSIP/alice"}'
    state = result(
        v1.get(
            '/device_states/',
            raw=b'{"device": "PJSIP/alice"}',
            content_type='application/x-www-form-urlencoded',
        )
    )
    typed(state, {'device': str, 'state': str, 'tm_update': str})
    assert state['state'] == 'NOT_INUSE'
    assert result(v1.get('/device_states/', query={'device': 'PJSIP/alice'})) == state
    assert result(v1.get('/device_states/'), 400)['message'] == 'device: is required'
    # a key the lookup would not apply is refused, not ignored
    refused = result(
        v1.get('/device_states/', raw=b'{"device": "PJSIP/alice", "state": "x"}'), 400
    )
    assert refused['message'] == 'state: Unknown field.'
    enveloped(v1.get('/device_states/', query={'device': 'PJSIP/nobody'}), 404)


def test_peers_are_pjsip_endpoints(v1, busy):
    assert result(v1.get('/peers'))['list'] == [{'peer': 'PJSIP/alice'}, {'peer': 'PJSIP/bob'}]
    peer = result(v1.get('/peers/', body={'peer': 'PJSIP/alice'}))
    typed(
        peer,
        {
            'peer': str,
            'status': str,
            'address': str,
            'monitor_status': str,
            'channel_type': str,
            'chan_object_type': str,
            'tm_update': str,
        },
    )
    assert (peer['peer'], peer['address'], peer['monitor_status'], peer['channel_type']) == (
        'PJSIP/alice',
        '127.0.0.1:5071',
        'NonQualified',
        'PJSIP',
    )
    for sip_only in ('dynamic', 'auto_comedia', 'acl', 'video_support'):
        assert peer[sip_only] is None
    bob = result(v1.get('/peers/', query={'peer': 'bob'}))
    assert (bob['status'], bob['address']) == ('Unavailable', None)


def test_registries_are_outbound_registrations(v1, busy):
    assert result(v1.get('/registries'))['list'] == [{'account': 'trunk@127.0.0.1:5099'}]
    registry = result(v1.get('/registries/', body={'account': 'trunk@127.0.0.1'}))
    typed(
        registry,
        {
            'account': str,
            'state': str,
            'username': str,
            'domain': str,
            'domain_port': int,
            'host': str,
            'port': int,
            'refresh': int,
            'tm_update': str,
        },
    )
    assert (
        registry['state'],
        registry['username'],
        registry['domain'],
        registry['domain_port'],
        registry['refresh'],
    ) == ('Registered', 'trunk', '127.0.0.1', 5099, 3600)
    busy.peer.set_registration('trunk', 'Unregistered')
    busy.settle(
        lambda: (
            result(v1.get('/registries/', query={'account': 'trunk'}))['state'] == 'Unregistered'
        )
    )


CHANNEL = {
    'unique_id': str,
    'linked_id': str,
    'channel': str,
    'channel_state': int,
    'channel_state_desc': str,
    'context': str,
    'exten': str,
    'priority': str,
    'caller_id_name': str,
    'caller_id_num': str,
    'connected_line_name': str,
    'connected_line_num': str,
    'account_code': str,
    'language': str,
    'application': str,
    'application_data': str,
    'hangup_cause': int,
    'hangup_cause_desc': str,
    'variables': dict,
    'tm_update': str,
}


def test_channels(v1, busy):
    listing = result(v1.get('/admin/core/channels'))['list']
    assert {item['channel'] for item in listing} == {ALICE, CALLER, PARKED}
    for item in listing:
        typed(item, CHANNEL, nullable=('hangup_cause', 'hangup_cause_desc', 'variables'))
    alice = next(item for item in listing if item['channel'] == ALICE)
    assert (
        alice['caller_id_num'],
        alice['channel_state_desc'],
        alice['context'],
        alice['priority'],
    ) == ('1001', 'Up', 'queue_sales', '1')
    assert result(v1.get(f'/admin/core/channels/{alice["unique_id"]}')) | {
        'duration': None
    } == alice | {'duration': None}
    enveloped(v1.get('/admin/core/channels/1.1'), 404)
    every = [item['channel'] for item in listing]
    paged = result(v1.get('/admin/core/channels', query={'limit': 1, 'offset': 1}))['list']
    assert [item['channel'] for item in paged] == every[1:2]
    assert result(v1.get('/admin/core/channels', query={'offset': 3}))['list'] == []
    busy.peer.hangup_channel(ALICE)
    busy.settle(lambda: v1.get(f'/admin/core/channels/{alice["unique_id"]}').status_code == 404)


def test_systems_and_modules(v1, busy):
    [system] = result(v1.get('/admin/core/systems'))['list']
    typed(
        system,
        {
            'id': str,
            'system_name': str,
            'ami_version': str,
            'ast_version': str,
            'cdr_enabled': str,
            'http_enabled': str,
            'current_calls': int,
            'max_calls': int,
            'max_file_handles': int,
            'max_load_avg': float,
            'real_time_enabled': str,
            'reload_date': str,
            'reload_time': str,
            'run_group': str,
            'run_user': str,
            'startup_date': str,
            'startup_time': str,
            'tm_update': str,
        },
    )
    assert (system['ast_version'], system['ami_version'], system['current_calls']) == (
        '21.12.3',
        '10.0.0',
        3,
    )
    assert result(v1.get(f'/admin/core/systems/{system["id"]}')) == system
    enveloped(v1.get('/admin/core/systems/99'), 404)
    modules = result(v1.get('/admin/core/modules'))['list']
    assert 'app_voicemail' in [module['name'] for module in modules]
    module = result(v1.get('/admin/core/modules/app_voicemail'))
    typed(module, {'load': str, 'name': str, 'tm_update': str, 'use_count': int})
    assert module['size'] is None  # not given by Asterisk's AMI
    assert (module['load'], module['description']) == (
        'Running',
        'Comedian Mail (Voicemail System)',
    )
    enveloped(v1.get('/admin/core/modules/app_nope'), 404)


QUEUE = {
    'name': str,
    'strategy': str,
    'max': int,
    'weight': int,
    'calls': int,
    'completed': int,
    'abandoned': int,
    'hold_time': int,
    'talk_time': int,
    'service_level': int,
    'service_level_perf': float,
    'tm_update': str,
}
MEMBER = {
    'id': str,
    'name': str,
    'queue_name': str,
    'status': int,
    'membership': str,
    'state_interface': str,
    'location': str,
    'paused': int,
    'paused_reason': str,
    'penalty': int,
    'calls_taken': int,
    'in_call': int,
    'last_call': int,
    'last_pause': int,
    'ring_inuse': int,
    'tm_update': str,
}
ENTRY = {
    'unique_id': str,
    'queue_name': str,
    'channel': str,
    'caller_id_name': str,
    'caller_id_num': str,
    'connected_line_name': str,
    'connected_line_num': str,
    'position': int,
    'wait': int,
    'tm_update': str,
}


def test_queues_members_and_entries(v1, busy):
    queues = result(v1.get('/admin/queue/queues'))['list']
    assert [queue['name'] for queue in queues] == ['sales', 'support']
    support = result(v1.get('/admin/queue/queues/support'))
    typed(support, QUEUE)
    assert (support['calls'], support['strategy'], support['abandoned']) == (1, 'ringall', 0)
    [member] = result(v1.get('/admin/queue/members'))['list']
    typed(member, MEMBER, nullable=('ring_inuse',))
    assert (member['id'], member['location'], member['penalty'], member['membership']) == (
        'Bob@support',
        'PJSIP/bob',
        1,
        'dynamic',
    )
    # GET /admin/queue/members/Agent%2F10001?queue_name=sales_1 (here: Bob)
    assert result(v1.get('/admin/queue/members/Bob', query={'queue_name': 'support'})) == member
    assert result(v1.get('/admin/queue/members/Bob@support')) == member
    enveloped(v1.get('/admin/queue/members/Bob'), 400)
    [entry] = result(v1.get('/admin/queue/entries'))['list']
    typed(entry, ENTRY)
    assert (entry['channel'], entry['position'], entry['queue_name']) == (CALLER, 1, 'support')
    assert result(v1.get(f'/admin/queue/entries/{entry["unique_id"]}'))['channel'] == CALLER
    # after the AMI events: the caller gives up, a member changes
    busy.peer.caller_leaves(CALLER, abandon=True)
    busy.peer.set_device('PJSIP/bob', 'NOT_INUSE')
    busy.settle(lambda: result(v1.get('/admin/queue/queues/support'))['abandoned'] == 1)
    assert result(v1.get('/admin/queue/entries'))['list'] == []
    assert result(v1.get('/admin/queue/members/Bob@support'))['status'] == 1


def test_pjsip_objects(v1, busy):
    [endpoint, _] = result(v1.get('/admin/pjsip/endpoints'))['list']
    typed(
        endpoint,
        {
            'object_name': str,
            'object_type': str,
            'transport': str,
            'aors': str,
            'auth': str,
            'contacts': str,
            'device_state': str,
            'active_channels': int,
            'tm_update': str,
        },
    )
    assert (endpoint['object_name'], endpoint['aors'], endpoint['device_state']) == (
        'alice',
        'alice',
        'Not in use',
    )
    assert result(v1.get('/admin/pjsip/endpoints/alice')) == endpoint
    aor = result(v1.get('/admin/pjsip/aors/alice'))
    typed(
        aor,
        {
            'object_name': str,
            'object_type': str,
            'endpoint_name': str,
            'contacts': str,
            'contacts_registered': int,
            'total_contacts': int,
            'authenticate_qualify': str,
            'default_expiration': int,
            'mailboxes': str,
            'max_contacts': int,
            'maximum_expiration': int,
            'minimum_expiration': int,
            'outbound_proxy': str,
            'qualify_frequency': int,
            'qualify_timeout': (int, float),
            'remove_existing': str,
            'support_path': str,
            'voicemail_extension': str,
            'tm_update': str,
        },
    )
    assert (
        aor['endpoint_name'],
        aor['contacts_registered'],
        aor['total_contacts'],
        aor['remove_existing'],
    ) == ('alice', 1, 1, 'true')
    auths = result(v1.get('/admin/pjsip/auths'))['list']
    assert [auth['object_name'] for auth in auths] == ['alice-auth', 'bob-auth']
    typed(
        auths[0],
        {
            'object_name': str,
            'object_type': str,
            'username': str,
            'auth_type': str,
            'realm': str,
            'nonce_lifetime': int,
            'endpoint_name': str,
            'tm_update': str,
        },
    )
    assert 'password' not in json.dumps(auths) and 'md5_cred' not in json.dumps(auths)
    assert 'alicepw' not in v1.get('/admin/pjsip/auths/alice-auth').get_data(as_text=True)
    [contact] = result(v1.get('/admin/pjsip/contacts'))['list']
    typed(
        contact,
        {
            'id': str,
            'call_id': str,
            'uri': str,
            'aor': str,
            'endpoint_name': str,
            'status': str,
            'qualify_frequency': int,
            'qualify_timout': (int, float),
            'authentication_qualify': int,
            'outbound_proxy': str,
            'path': str,
            'reg_expire': int,
            'round_trip_usec': str,
            'user_agent': str,
            'via_address': str,
            'tm_update': str,
        },
    )
    assert (contact['uri'], contact['user_agent'], contact['via_address']) == (
        'sip:alice@127.0.0.1:5071',
        'Blink 3.0.3',
        '127.0.0.1:5071',
    )
    encoded = contact['id'].replace(';', '%3B').replace('@', '%40')
    assert result(v1.get(f'/admin/pjsip/contacts/{encoded}')) == contact
    [registration] = result(v1.get('/admin/pjsip/registration_outbounds'))['list']
    assert (registration['object_name'], registration['status']) == ('trunk', 'Registered')
    busy.peer.unregister_contact('alice')
    busy.settle(lambda: result(v1.get('/admin/pjsip/contacts'))['list'] == [])


PARKED_CALL = {
    'parkee_unique_id': str,
    'parkee_linked_id': str,
    'parkee_channel': str,
    'parkee_channel_state': str,
    'parkee_channel_state_desc': str,
    'parkee_caller_id_name': str,
    'parkee_caller_id_num': str,
    'parkee_connected_line_name': str,
    'parkee_connected_line_num': str,
    'parkee_account_code': str,
    'parkee_context': str,
    'parkee_exten': str,
    'parkee_priority': str,
    'parker_dial_string': str,
    'parking_duration': int,
    'parking_lot': str,
    'parking_space': str,
    'parking_timeout': int,
    'tm_update': str,
}


def test_parked_calls_and_lots(v1, busy):
    [parked] = result(v1.get('/admin/park/parkedcalls'))['list']
    typed(parked, PARKED_CALL)
    assert (
        parked['parkee_channel'],
        parked['parking_space'],
        parked['parking_lot'],
        parked['parkee_channel_state'],
        parked['parkee_caller_id_name'],
    ) == (PARKED, '701', 'default', '6', 'Parked Guy')
    assert 0 < parked['parking_timeout'] <= 300
    same = result(v1.get(f'/admin/park/parkedcalls/{parked["parkee_unique_id"]}'))
    assert same['parkee_channel'] == PARKED
    [lot] = result(v1.get('/admin/park/parkinglots'))['list']
    typed(
        lot, {'name': str, 'start_space': str, 'stop_spcae': str, 'timeout': int, 'tm_update': str}
    )
    assert (lot['name'], lot['start_space'], lot['stop_spcae'], lot['timeout']) == (
        'default',
        '701',
        '720',
        300,
    )
    assert result(v1.get('/admin/park/parkinglots/default')) == lot
    for method in ('PUT', 'DELETE'):
        response = v1(method, '/admin/park/parkinglots/default', body={})
        assert 'cfg_parkinglots' in result(response, 405)['message']
        assert response.headers['Allow'] == 'GET'
    busy.peer.unpark(PARKED)
    busy.settle(lambda: result(v1.get('/admin/park/parkedcalls'))['list'] == [])


@pytest.fixture
def agent(api):
    make_default_context()
    entity_id = Entity.get(Entity.name == 'acme').id
    user_id = added_id(
        api.add(
            'ipbx',
            'pbx_settings/users',
            {
                'userfeatures': {'firstname': 'Desk', 'entityid': entity_id},
                'linefeatures': {'protocol': ['sip'], 'context': ['default'], 'number': ['1001']},
            },
        )
    )
    line = LineFeatures.get_by_id(UserLine.get(UserLine.user_id == user_id).line_id)
    agent = AgentFeatures.create(
        number='1001', context='default', firstname='Agent', lastname='One'
    )
    QueueFeatures.create(name='sales', displayname='sales', context='default')
    QueueMember.create(
        queue_name='sales',
        interface='Agent/1001',
        penalty=0,
        usertype='agent',
        userid=agent.id,
        channel='Agent',
        category='queue',
    )
    agent.device = f'PJSIP/{line.name}'
    return agent


AGENT = {
    'id': str,
    'name': str,
    'status': str,
    'logged_in_time': int,
    'channel_name': str,
    'channel_state': int,
    'channel_state_desc': str,
    'caller_id_name': str,
    'caller_id_num': str,
    'connected_line_name': str,
    'connected_line_num': str,
    'context': str,
    'exten': str,
    'priority': str,
    'account_code': str,
    'language': str,
    'unique_id': str,
    'linked_id': str,
    'tm_update': str,
}
CHANNEL_FIELDS = (
    'channel_name',
    'channel_state',
    'channel_state_desc',
    'caller_id_name',
    'caller_id_num',
    'connected_line_name',
    'connected_line_num',
    'context',
    'exten',
    'priority',
    'account_code',
    'language',
    'unique_id',
    'linked_id',
)


def test_agents_logged_through_agentd(v1, client, agent, pbx):
    pbx.settle()
    assert result(v1.get('/agents'))['list'] == [{'id': '1001'}]
    # curl -X GET .../agents/ -d '{"id": "1001"}'
    logged_off = result(
        v1.get('/agents/', raw=b'{"id": "1001"}', content_type='application/x-www-form-urlencoded')
    )
    typed(logged_off, AGENT, nullable=CHANNEL_FIELDS + ('logged_in_time', 'tm_update'))
    assert (logged_off['status'], logged_off['name'], logged_off['channel_name']) == (
        'AGENT_LOGGEDOFF',
        'Agent One',
        None,
    )
    response = client.post(
        f'/1.0/agents/{agent.id}/login',
        headers=basic('admin', 'admin-secret'),
        json={'extension': '1001', 'context': 'default'},
    )
    assert response.status_code == 204
    idle = result(v1.get('/agents/', query={'id': '1001'}))  # the store: at once
    assert idle['status'] == 'AGENT_IDLE' and isinstance(idle['logged_in_time'], int)
    pbx.settle()
    pbx.peer.new_channel(
        f'{agent.device}-00000425', context='sample_agent_login', caller=('300', '300'), state='6'
    )
    pbx.settle(
        lambda: result(v1.get('/agents/', query={'id': '1001'}))['status'] == 'AGENT_ONCALL'
    )
    on_call = result(v1.get('/agents/', query={'id': '1001'}))
    typed(on_call, AGENT)
    assert (
        on_call['channel_name'],
        on_call['channel_state_desc'],
        on_call['context'],
        on_call['caller_id_num'],
    ) == (f'{agent.device}-00000425', 'Up', 'sample_agent_login', '300')
    enveloped(v1.get('/agents/', query={'id': '9999'}), 404)
