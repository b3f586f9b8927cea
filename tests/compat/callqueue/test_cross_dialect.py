"""One store under every dialect: what /api/ver1.0 changes, json.php, agentd and
/api (seed 000) see at once, and the other way round."""

import json

import pytest

from tests.helpers.api import basic
from xivows.models.agent_status import AgentLoginStatus

ADMIN = basic('admin', 'admin-secret')


@pytest.fixture
def other_api(client):
    """/1.0 (agentd) and /api (seed 000) as the admin web-service user."""

    def call(method, path, body=None):
        return client.open(
            path,
            method=method,
            headers=ADMIN,
            data=json.dumps(body) if body is not None else None,
            content_type='application/json',
            environ_base={'REMOTE_ADDR': '127.0.0.1'},
        )

    return call


@pytest.fixture
def setup(cq):
    queue = cq.ok(
        'POST', '/client/@me/extension/', {'name': '370', 'label': 'Sales', 'type': 'queue'}
    )
    phone = cq.ok(
        'POST', '/client/@me/extension/', {'name': '117', 'label': 'Ann Smith', 'type': 'phone'}
    )
    local = cq.ok('POST', '/client/@me/agent/local/', {'extension_id': phone['id'], 'name': 'Ann'})
    remote = cq.ok('POST', '/client/@me/agent/remote/', {'number': '89215650644'})
    return queue, phone, local, remote


def _queue_view(api, name):
    found = [
        row for row in api.list('callcenter', 'settings/queues').get_json() if row['name'] == name
    ]
    return api.view('callcenter', 'settings/queues', found[0]['id']).get_json()


def test_a_queue_extension_is_a_queue_everywhere(cq, api, other_api, setup):
    queue, _, local, remote = setup
    cq.ok(
        'PUT',
        f'/extension/{queue["id"]}/queue/',
        {
            'strategy': 'longest-idle-agent',
            'max_wait_time': 600,
            'announce_frequency': 30,
            'announce_sound': 35,
            'sound': 36,
            'record_enabled': True,
            'timeout_transfer_dst': '333',
            'tier_rules_apply': True,
            'tier_rule_wait_second': 5,
        },
    )
    cq.ok(
        'POST',
        f'/extension/{queue["id"]}/queue/agents/local/',
        {'agent_id': local['id'], 'level': 1},
    )
    cq.ok(
        'POST',
        f'/extension/{queue["id"]}/queue/agents/remote/',
        {'agent_id': remote['id'], 'level': 2},
    )
    view = _queue_view(api, 'q370')
    features, options = view['queuefeatures'], view['queue']
    assert (
        features['number'],
        features['context'],
        features['displayname'],
        features['timeout'],
    ) == ('370', 'acme', 'Sales', '600')
    assert (
        options['strategy'],
        options['announce-frequency'],
        options['announce'],
        options['musicclass'],
        options['monitor-type'],
        options['defaultrule'],
    ) == ('leastrecent', '30', '35', '36', 'mixmonitor', f'tiers-{features["id"]}')
    assert view['dialaction']['noanswer']['actiontype'] == 'extension'
    assert view['dialaction']['noanswer']['actionarg1'] == '333'
    assert [(member['userid'], member['penalty']) for member in view['agent']] == [
        (local['id'], '1'),
        (remote['id'], '2'),
    ]
    numbers = {
        agent['id']: agent['number']
        for agent in api.list('callcenter', 'settings/agents').get_json()
    }
    seed000 = other_api('GET', '/api/queue/q370').get_json()
    assert seed000['agents'] == [numbers[local['id']], numbers[remote['id']]]


def test_jsonphp_changes_are_seen_here(cq, api, setup):
    queue, _, local, _ = setup
    view = _queue_view(api, 'q370')
    response = api.edit(
        'callcenter',
        'settings/queues',
        view['queuefeatures']['id'],
        {
            'queuefeatures': {
                'name': 'q370',
                'number': '371',
                'context': 'acme',
                'displayname': 'Sales 2',
                'timeout': 90,
            },
            'queue': {'strategy': 'rrmemory', 'announce-frequency': 45},
            'agent': [local['id']],
        },
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    assert cq.ok('GET', f'/extension/{queue["id"]}/') | {} == {
        **queue,
        'name': '371',
        'label': 'Sales 2',
    }
    params = cq.ok('GET', f'/extension/{queue["id"]}/queue/')
    assert (params['strategy'], params['announce_frequency'], params['max_wait_time']) == (
        'round-robin',
        45,
        90,
    )
    assert cq.ok('GET', f'/extension/{queue["id"]}/queue/agents/local/') == [
        {'agent_id': local['id'], 'level': 0, 'position': 1}
    ]


def test_agents_are_the_agents_of_jsonphp_and_agentd(cq, api, other_api, setup):
    _, phone, local, remote = setup
    view = api.view('callcenter', 'settings/agents', local['id']).get_json()
    assert (view['agentfeatures']['firstname'], view['agentfeatures']['context']) == (
        'Ann',
        'acme',
    )
    number = view['agentfeatures']['number']
    assert number.isdigit() and 8000 <= int(number) <= 8999
    # agentd logs the local agent in on its phone: available here
    assert (
        other_api(
            'POST', f'/1.0/agents/{local["id"]}/login', {'extension': '117', 'context': 'acme'}
        ).status_code
        == 204
    )
    assert cq.ok('GET', f'/client/@me/agent/local/{local["id"]}')['status'] == 'available'
    # logged out here: agentd sees it
    cq.ok('PUT', f'/client/@me/agent/local/{local["id"]}', {'status': 'logged_out'})
    assert other_api('GET', f'/1.0/agents/{local["id"]}/status').get_json()['logged'] is False
    # the remote agent logs in on its number, through the outgoing context
    cq.ok('PUT', f'/client/@me/agent/remote/{remote["id"]}', {'status': 'available'})
    status = other_api('GET', f'/1.0/agents/{remote["id"]}/status').get_json()
    assert (status['logged'], status['extension'], status['context']) == (
        True,
        '89215650644',
        'acme-out',
    )
    row = AgentLoginStatus.get(AgentLoginStatus.agent_id == remote['id'])
    assert row.interface == row.state_interface == 'Local/89215650644@acme-out'
    # agentd logs it off: logged_out here
    assert other_api('POST', f'/1.0/agents/{remote["id"]}/logoff').status_code == 204
    assert cq.ok('GET', f'/client/@me/agent/remote/{remote["id"]}')['status'] == 'logged_out'
    # json.php renames it: the name here
    response = api.edit(
        'callcenter',
        'settings/agents',
        remote['id'],
        {'agentfeatures': {'firstname': 'Bob', 'lastname': 'Remote'}},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    assert cq.ok('GET', f'/client/@me/agent/remote/{remote["id"]}')['name'] == 'Bob Remote'
    # json.php deletes it: gone here
    assert api.delete('callcenter', 'settings/agents', remote['id']).status_code == 200
    assert cq('GET', f'/client/@me/agent/remote/{remote["id"]}').status_code == 404
    assert cq.ok('GET', '/client/@me/agent/remote/') == []


def test_deleted_here_gone_there(cq, api, setup):
    queue, phone, local, _ = setup
    cq.ok('DELETE', f'/client/@me/agent/local/{local["id"]}')
    assert api.view('callcenter', 'settings/agents', local['id']).status_code == 404
    users = api.list('ipbx', 'pbx_settings/users').get_json()
    assert [user['firstname'] for user in users] == ['Ann Smith']
    cq.ok('DELETE', f'/extension/{phone["id"]}/')
    assert api.list('ipbx', 'pbx_settings/users').status_code == 204
    cq.ok('DELETE', f'/extension/{queue["id"]}/')
    assert api.list('callcenter', 'settings/queues').status_code == 204


def test_a_phone_is_a_user_with_a_sip_line(cq, api, setup):
    _, phone, _, _ = setup
    users = api.list('ipbx', 'pbx_settings/users').get_json()
    view = api.view('ipbx', 'pbx_settings/users', users[0]['id']).get_json()
    line = view['linefeatures'][0]
    assert (line['number'], line['context'], line['protocol']) == ('117', 'acme', 'sip')
    # renamed in json.php, relabelled here
    response = api.edit(
        'ipbx',
        'pbx_settings/users',
        users[0]['id'],
        {'userfeatures': {'firstname': 'Anne', 'lastname': 'Smith'}},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    assert cq.ok('GET', f'/extension/{phone["id"]}/')['label'] == 'Anne Smith'


def test_renumbered_here_renumbered_there(cq, api, setup):
    queue, phone, _, _ = setup
    assert (
        cq.ok('PUT', f'/extension/{queue["id"]}/', {'name': '371', 'label': 'Sales 2'})['name']
        == '371'
    )
    view = _queue_view(api, 'q370')
    assert (view['queuefeatures']['number'], view['queuefeatures']['displayname']) == (
        '371',
        'Sales 2',
    )
    assert cq.ok('PUT', f'/extension/{phone["id"]}/', {'name': '118'})['id'] == phone['id']
    users = api.list('ipbx', 'pbx_settings/users').get_json()
    line = api.view('ipbx', 'pbx_settings/users', users[0]['id']).get_json()['linefeatures'][0]
    assert line['number'] == '118'


def test_a_new_extension_moves_a_logged_agent(cq, other_api, setup):
    _, phone, local, _ = setup
    cq.ok('PUT', f'/client/@me/agent/local/{local["id"]}', {'status': 'available'})
    desk = cq.ok('POST', '/client/@me/extension/', {'name': '120', 'type': 'phone'})
    moved = cq.ok('PUT', f'/client/@me/agent/local/{local["id"]}', {'extension_id': desk['id']})
    assert (moved['status'], moved['extension_id']) == ('available', desk['id'])
    status = other_api('GET', f'/1.0/agents/{local["id"]}/status').get_json()
    assert (status['logged'], status['extension'], status['context']) == (True, '120', 'acme')


def test_an_agent_logged_elsewhere_by_agentd_shows_where_it_is(cq, other_api, setup):
    """agentd logs the local agent in on another phone: its extension_id here is
    that phone, and asking to move it back to its first phone moves it."""
    _, phone, local, _ = setup
    desk = cq.ok('POST', '/client/@me/extension/', {'name': '120', 'type': 'phone'})
    path = f'/client/@me/agent/local/{local["id"]}'
    assert (
        other_api(
            'POST', f'/1.0/agents/{local["id"]}/login', {'extension': '120', 'context': 'acme'}
        ).status_code
        == 204
    )
    shown = cq.ok('GET', path)
    assert (shown['status'], shown['extension_id']) == ('available', desk['id'])
    assert [agent['extension_id'] for agent in cq.ok('GET', '/client/@me/agent/local/')] == [
        desk['id']
    ]
    moved = cq.ok('PUT', path, {'extension_id': phone['id']})
    assert (moved['status'], moved['extension_id']) == ('available', phone['id'])
    status = other_api('GET', f'/1.0/agents/{local["id"]}/status').get_json()
    assert (status['logged'], status['extension']) == (True, '117')
    # logged out: the phone it logs in on next
    cq.ok('PUT', path, {'status': 'logged_out'})
    assert cq.ok('GET', path)['extension_id'] == phone['id']
