"""The seed's worked example (queue 370, its parameters, a local and a remote
agent, both added to the queue), adapted to local ids: each answer has the
seed's fields with the seed's types."""

from tests.compat.callqueue.conftest import refused

EXTENSION_FIELDS = {
    'status': str,
    'domain': type(None),
    'create_date': type(None),
    'name': str,
    'dial_rule_limit': type(None),
    'extension_group_id': type(None),
    'label': str,
    'caller_id_name': type(None),
    'client_id': int,
    'extra_params': type(None),
    'message_did': type(None),
    'dial_rule_id': type(None),
    'ani_rfc3325': bool,
    'type': str,
    'id': int,
    'did_as_transfer_caller_id': type(None),
}


def typed(answer, types):
    assert set(answer) == set(types), set(answer) ^ set(types)
    for key, kind in types.items():
        assert isinstance(answer[key], kind), (key, answer[key])


def test_the_seed_example(cq, acme):
    # 1. a queue extension
    queue = cq.ok(
        'POST',
        '/client/@me/extension/',
        {'status': 'active', 'name': '370', 'label': 'test queue', 'type': 'queue'},
    )
    typed(queue, EXTENSION_FIELDS)
    assert (queue['name'], queue['label'], queue['type'], queue['status'], queue['client_id']) == (
        '370',
        'test queue',
        'queue',
        'active',
        acme.id,
    )
    assert queue['ani_rfc3325'] is False
    # 2. its parameters
    params = cq.ok(
        'PUT',
        f'/extension/{queue["id"]}/queue/',
        {
            'announce_frequency': 15,
            'announce_sound': 35,
            'max_wait_time': 1800,
            'record_enabled': True,
            'sound': 36,
            'sound_type': 'music',
            'strategy': 'ring-all',
            'timeout_transfer_dst': '333',
            'tier_rules_apply': True,
            'tier_rule_wait_second': 5,
        },
    )
    assert params == {
        'announce_frequency': 15,
        'announce_sound': 35,
        'max_wait_time': 1800,
        'record_enabled': True,
        'sound': 36,
        'sound_type': 'music',
        'strategy': 'ring-all',
        'timeout_transfer_dst': '333',
        'tier_rules_apply': True,
        'tier_rule_wait_second': 5,
        'tier_rule_wait_multiply_level': False,
    }
    assert cq.ok('GET', f'/extension/{queue["id"]}/queue/') == params
    # 3. a local agent, on a phone extension
    phone = cq.ok(
        'POST', '/client/@me/extension/', {'name': '117', 'label': 'Ann', 'type': 'phone'}
    )
    local = cq.ok(
        'POST',
        '/client/@me/agent/local/',
        {
            'busy_delay_time': 10,
            'call_timeout': 30,
            'extension_id': phone['id'],
            'no_answer_delay_time': 10,
            'reject_delay_time': 10,
            'status': 'available',
            'wrap_up_time': 0,
        },
    )
    typed(
        local,
        {
            'status': str,
            'name': type(None),
            'busy_delay_time': int,
            'no_answer_delay_time': int,
            'call_timeout': int,
            'wrap_up_time': int,
            'extension_id': int,
            'reject_delay_time': int,
            'extra_params': type(None),
            'id': int,
        },
    )
    assert {key: value for key, value in local.items() if key != 'id'} == {
        'status': 'available',
        'name': None,
        'busy_delay_time': 10,
        'no_answer_delay_time': 10,
        'call_timeout': 30,
        'wrap_up_time': 0,
        'extension_id': phone['id'],
        'reject_delay_time': 10,
        'extra_params': None,
    }
    # 4. a remote agent
    remote = cq.ok(
        'POST',
        '/client/@me/agent/remote/',
        {
            'busy_delay_time': 10,
            'call_timeout': 30,
            'no_answer_delay_time': 10,
            'number': '89215650644',
            'reject_delay_time': 10,
            'status': 'available',
            'wrap_up_time': 0,
            'name': 'string',
            'extra_params': 'string',
        },
    )
    typed(
        remote,
        {
            'busy_delay_time': int,
            'call_timeout': int,
            'extra_params': str,
            'id': int,
            'name': str,
            'no_answer_delay_time': int,
            'number': str,
            'reject_delay_time': int,
            'status': str,
            'wrap_up_time': int,
        },
    )
    assert {key: value for key, value in remote.items() if key != 'id'} == {
        'busy_delay_time': 10,
        'call_timeout': 30,
        'extra_params': 'string',
        'name': 'string',
        'no_answer_delay_time': 10,
        'number': '89215650644',
        'reject_delay_time': 10,
        'status': 'available',
        'wrap_up_time': 0,
    }
    # 5. the local agent in the queue, first position, first level
    assert cq.ok(
        'POST',
        f'/extension/{queue["id"]}/queue/agents/local/',
        {'agent_id': local['id'], 'level': 1, 'position': 1},
    ) == {'position': 1, 'agent_id': local['id'], 'level': 1}
    # 6. the remote agent, first position, second level
    assert cq.ok(
        'POST',
        f'/extension/{queue["id"]}/queue/agents/remote/',
        {'agent_id': remote['id'], 'level': 2, 'position': 1},
    ) == {'position': 1, 'agent_id': remote['id'], 'level': 2}
    assert cq.ok('GET', f'/extension/{queue["id"]}/queue/agents/local/') == [
        {'position': 2, 'agent_id': local['id'], 'level': 1}
    ]
    assert cq.ok('GET', f'/extension/{queue["id"]}/queue/agents/remote/') == [
        {'position': 1, 'agent_id': remote['id'], 'level': 2}
    ]
    # the event example: a callback on the local agent's login
    event = cq.ok(
        'POST',
        f'/client/{acme.id}/agent/local/{local["id"]}/event/',
        {
            'url': 'https://somehost.com/fordel/show.php',
            'event_type': 'agent-login',
            'method': 'GET',
        },
    )
    typed(event, {'url': str, 'id': int, 'method': str, 'event_type': str})
    assert {key: value for key, value in event.items() if key != 'id'} == {
        'url': 'https://somehost.com/fordel/show.php',
        'method': 'GET',
        'event_type': 'agent-login',
    }


def test_a_token_is_needed(cq):
    response = cq('GET', '/client/@me/extension/', token='')
    refused(response, 401)
    assert response.headers['WWW-Authenticate'].startswith('Bearer')
    refused(cq('GET', '/client/@me/extension/', token='nope'), 401, 'invalid_token')
