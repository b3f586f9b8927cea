"""Agent events queued for callbacks when an agent's login state changes through
any dialect (once per change, none when nothing changes), and what the seed-003
queue parameters become in the generated Asterisk configuration."""

import json

import pytest

from tests.asterisk import extract
from tests.asterisk.checker import check_all
from tests.helpers.api import basic
from xivows.asterisk import config
from xivows.models.outbox import OutboxEvent


@pytest.fixture
def agents(cq):
    phone = cq.ok('POST', '/client/@me/extension/', {'name': '117', 'type': 'phone'})
    local = cq.ok('POST', '/client/@me/agent/local/', {'extension_id': phone['id']})
    remote = cq.ok('POST', '/client/@me/agent/remote/', {'number': '89215650644'})
    for kind, agent in (('local', local), ('remote', remote)):
        for event_type in ('agent-login', 'agent-logout'):
            cq.ok(
                'POST',
                f'/client/@me/agent/{kind}/{agent["id"]}/event/',
                {'url': f'http://crm.example/{kind}', 'event_type': event_type, 'method': 'GET'},
            )
    return local['id'], remote['id']


def queued():
    return [json.loads(event.payload) for event in OutboxEvent.select().order_by(OutboxEvent.id)]


def agentd(client, method, path, body=None):
    return client.open(
        '/1.0' + path,
        method=method,
        headers=basic('admin', 'admin-secret'),
        data=json.dumps(body) if body is not None else None,
        content_type='application/json',
    )


def test_one_event_per_change_whoever_makes_it(cq, client, agents):
    local, remote = agents
    cq.ok('PUT', f'/client/@me/agent/local/{local}', {'status': 'available'})
    cq.ok('PUT', f'/client/@me/agent/local/{local}', {'status': 'available'})  # no change
    cq.ok('PUT', f'/client/@me/agent/local/{local}', {'call_timeout': 20})  # no change
    assert agentd(client, 'POST', f'/agents/{local}/logoff').status_code == 204
    cq.ok('PUT', f'/client/@me/agent/local/{local}', {'status': 'logged_out'})  # no change
    cq.ok('PUT', f'/client/@me/agent/remote/{remote}', {'status': 'available'})
    assert agentd(client, 'POST', f'/agents/{remote}/logoff').status_code == 204
    assert queued() == [
        [
            ['agent_status', 'available'],
            ['agent_type', 'local'],
            ['event_source', 'api'],
            ['agent_id', str(local)],
            ['extension_name', '117@acme'],
        ],
        [
            ['agent_status', 'logged_out'],
            ['agent_type', 'local'],
            ['event_source', 'api'],
            ['agent_id', str(local)],
            ['extension_name', '117@acme'],
        ],
        [
            ['agent_status', 'available'],
            ['agent_type', 'remote'],
            ['event_source', 'api'],
            ['agent_id', str(remote)],
            ['agent_number', '89215650644'],
        ],
        [
            ['agent_status', 'logged_out'],
            ['agent_type', 'remote'],
            ['event_source', 'api'],
            ['agent_id', str(remote)],
            ['agent_number', '89215650644'],
        ],
    ]


def test_a_logout_names_the_extension_without_an_earlier_event(cq, client):
    """A callback on logouts only (the README's step 4): the first event queued for
    the agent is its logout, and it still names the extension it was logged on."""
    phone = cq.ok('POST', '/client/@me/extension/', {'name': '117', 'type': 'phone'})
    local = cq.ok(
        'POST', '/client/@me/agent/local/', {'extension_id': phone['id'], 'status': 'available'}
    )['id']
    cq.ok(
        'POST',
        f'/client/@me/agent/local/{local}/event/',
        {'url': 'http://crm.example/out', 'event_type': 'agent-logout', 'method': 'GET'},
    )
    cq.ok('PUT', f'/client/@me/agent/local/{local}', {'status': 'logged_out'})
    cq.ok('PUT', f'/client/@me/agent/local/{local}', {'status': 'available'})
    assert agentd(client, 'POST', f'/agents/{local}/logoff').status_code == 204
    logout = [
        ['agent_status', 'logged_out'],
        ['agent_type', 'local'],
        ['event_source', 'api'],
        ['agent_id', str(local)],
        ['extension_name', '117@acme'],
    ]
    assert queued() == [logout, logout]


def test_callbacks_are_crud(cq, agents):
    local, _ = agents
    base = f'/client/@me/agent/local/{local}/event/'
    listed = cq.ok('GET', base)
    assert [(event['event_type'], event['method']) for event in listed] == [
        ('agent-login', 'GET'),
        ('agent-logout', 'GET'),
    ]
    first = listed[0]['id']
    assert cq.ok('PUT', f'{base}{first}', {'method': 'POST', 'url': 'https://crm.example/x'}) == {
        'id': first,
        'url': 'https://crm.example/x',
        'method': 'POST',
        'event_type': 'agent-login',
    }
    assert cq.ok('GET', f'{base}{first}')['method'] == 'POST'
    cq.ok('DELETE', f'{base}{first}')
    assert [event['id'] for event in cq.ok('GET', base)] == [listed[1]['id']]
    assert cq('GET', f'{base}{first}').status_code == 404


def test_tier_rules_and_recording_reach_asterisk(cq, agents):
    local, remote = agents
    queue = cq.ok('POST', '/client/@me/extension/', {'name': '370', 'type': 'queue'})
    cq.ok('POST', '/client/@me/extension/', {'name': '333', 'type': 'queue'})  # overflow
    cq.ok('POST', f'/extension/{queue["id"]}/queue/agents/local/', {'agent_id': local, 'level': 1})
    cq.ok(
        'POST', f'/extension/{queue["id"]}/queue/agents/remote/', {'agent_id': remote, 'level': 3}
    )
    cq.ok(
        'PUT',
        f'/extension/{queue["id"]}/queue/',
        {
            'tier_rules_apply': True,
            'tier_rule_wait_second': 5,
            'record_enabled': True,
            'timeout_transfer_dst': '333',
            'max_wait_time': 1800,
        },
    )
    rendered = config.render()
    queue_id = rendered.files['queues.conf'].split('[q370]')[1].split('\n\n')[0]
    rule = [line for line in queue_id.split('\n') if line.startswith('defaultrule')][0]
    name = rule.split('=')[1].strip()
    assert (
        extract.sections(rendered.files['queuerules.conf'], name)
        == f'[{name}]\npenaltychange => 5,3\n'
    )
    assert 'monitor-format = wav' in queue_id
    context = f'xivo-queue-{name.split("-")[1]}'
    steps = extract.blocks(rendered.files['extensions.conf'])
    dialplan = '\n'.join(next(lines for section, lines in steps if section == context))
    assert 'Set(QUEUE_MAX_PENALTY=1)' in dialplan
    assert dialplan.index('QUEUE_MAX_PENALTY') < dialplan.index('Queue(q370')
    assert ',1800)' in dialplan  # the wait timeout
    assert 'Goto(acme,333,1)' in dialplan  # the timeout destination
    # with the level multiplied: level 3 after 5 * 3 seconds
    cq.ok('PUT', f'/extension/{queue["id"]}/queue/', {'tier_rule_wait_multiply_level': True})
    assert (
        extract.sections(config.render().files['queuerules.conf'], name)
        == f'[{name}]\npenaltychange => 15,3\n'
    )
    # not applied any more: no rule, no start level
    cq.ok('PUT', f'/extension/{queue["id"]}/queue/', {'tier_rules_apply': False})
    files = config.render().files
    assert (
        name not in files['queuerules.conf']
        and 'QUEUE_MAX_PENALTY' not in files['extensions.conf']
    )
    assert check_all(rendered.files) == []
