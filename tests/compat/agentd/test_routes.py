"""The agent-control API (store only: no AMI configured)."""

import json

import pytest

from tests.compat.agentd.test_asterisk import login
from tests.helpers.api import added_id, basic
from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import unchanged_store
from xivows import wsusers
from xivows.models.agent import AgentFeatures
from xivows.models.agent_status import AgentLoginStatus, AgentSync
from xivows.models.entity import Entity
from xivows.models.line import LineFeatures, UserLine
from xivows.models.queue import QueueFeatures, QueueMember
from xivows.resources.agent_status import service

PREFIXES = ['/1.0', '/0.1']


@pytest.fixture
def setup(api):
    make_default_context()
    entity_id = Entity.get(Entity.name == 'acme').id
    added_id(
        api.add(
            'ipbx',
            'pbx_settings/users',
            {
                'userfeatures': {'firstname': 'Desk', 'entityid': entity_id},
                'linefeatures': {'protocol': ['sip'], 'context': ['default'], 'number': ['1001']},
            },
        )
    )
    agent = AgentFeatures.create(number='2312', context='default', firstname='Ann')
    other = AgentFeatures.create(number='2313', context='default')
    queue = QueueFeatures.create(name='support', displayname='Support', context='default')
    return agent, other, queue


@pytest.fixture(params=PREFIXES)
def agentd(client, request):
    def call(method, path, body=None, headers=None, raw=None):
        data = json.dumps(body) if body is not None else raw
        return client.open(
            request.param + path,
            method=method,
            data=data,
            content_type='application/json',
            headers=basic('admin', 'admin-secret') if headers is None else headers,
        )

    return call


def error(response, status, message):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.get_json() == {'error': message}


def test_status_of_a_logged_out_agent(agentd, setup):
    agent, _, _ = setup
    response = agentd('GET', f'/agents/{agent.id}/status')
    assert response.status_code == 200
    assert response.get_json()['logged'] is False
    assert response.get_json()['id'] == agent.id and response.get_json()['number'] == '2312'
    assert agentd('GET', '/agents/by-number/2312/status').get_json() == response.get_json()


def test_login_logoff_by_id(agentd, setup):
    agent, _, _ = setup
    response = agentd(
        'POST', f'/agents/{agent.id}/login', {'extension': '1001', 'context': 'default'}
    )
    assert response.status_code == 204 and response.data == b''
    status = AgentLoginStatus.get(AgentLoginStatus.agent_id == agent.id)
    assert status.interface == f'Local/id-{agent.id}@agentcallback'
    assert status.state_interface.startswith('PJSIP/')  # Asterisk 21: no chan_sip
    view = agentd('GET', f'/agents/{agent.id}/status').get_json()
    assert (view['logged'], view['extension'], view['context']) == (True, '1001', 'default')
    assert agentd('POST', f'/agents/{agent.id}/logoff').status_code == 204
    assert not AgentLoginStatus.select().exists()
    error(agentd('POST', f'/agents/{agent.id}/logoff'), 400, 'Not logged')


def test_login_logoff_by_number(agentd, setup):
    assert (
        agentd(
            'POST', '/agents/by-number/2312/login', {'extension': '1001', 'context': 'default'}
        ).status_code
        == 204
    )
    assert agentd('POST', '/agents/by-number/2312/logoff').status_code == 204
    error(agentd('POST', '/agents/by-number/2312/logoff'), 400, 'Not logged')


@pytest.mark.parametrize(
    'path',
    [
        '/agents/999999/login',
        '/agents/by-number/9999/login',
        '/agents/abc/login',
        '/agents/99999999999999999999/login',
    ],
)
def test_login_of_an_unknown_agent_is_404(agentd, setup, path):
    with unchanged_store():
        error(
            agentd('POST', path, {'extension': '1001', 'context': 'default'}), 404, 'No such agent'
        )


@pytest.mark.parametrize(
    'path',
    [
        '/agents/999999/logoff',
        '/agents/by-number/9999/logoff',
        '/agents/by-number/9999/pause',
        '/agents/by-number/9999/unpause',
    ],
)
def test_unknown_agents_are_404(agentd, setup, path):
    error(agentd('POST', path), 404, 'No such agent')


def test_status_of_an_unknown_agent_is_404(agentd, setup):
    error(agentd('GET', '/agents/999999/status'), 404, 'No such agent')
    error(agentd('GET', '/agents/by-number/nope/status'), 404, 'No such agent')


def test_login_refusals(agentd, setup):
    agent, other, _ = setup
    path = f'/agents/{agent.id}/login'
    with unchanged_store():
        error(agentd('POST', path, {'extension': '1001'}), 400, 'missing key context')
        error(
            agentd('POST', path, {'extension': ['1001'], 'context': 'default'}),
            400,
            'invalid type for key extension',
        )
        error(
            agentd('POST', path, {'extension': '1999', 'context': 'default'}),
            404,
            'No such extension and context',
        )
        assert agentd('POST', path, None).status_code == 400
    agentd('POST', path, {'extension': '1001', 'context': 'default'})
    with unchanged_store():
        error(
            agentd('POST', path, {'extension': '1001', 'context': 'default'}),
            400,
            'Already logged',
        )
        error(
            agentd(
                'POST', f'/agents/{other.id}/login', {'extension': '1001', 'context': 'default'}
            ),
            400,
            'Extension and context already in use',
        )


def test_pause_unpause(agentd, setup):
    error(agentd('POST', '/agents/by-number/2312/pause'), 400, 'Not logged')
    agentd('POST', '/agents/by-number/2312/login', {'extension': '1001', 'context': 'default'})
    assert agentd('POST', '/agents/by-number/2312/pause').status_code == 204
    assert agentd('GET', '/agents/by-number/2312/status').get_json()['paused'] is True
    assert agentd('POST', '/agents/by-number/2312/pause').status_code == 204
    assert agentd('POST', '/agents/by-number/2312/unpause').status_code == 204
    assert agentd('GET', '/agents/by-number/2312/status').get_json()['paused'] is False


def test_all_statuses_logoff_all_relog_all(agentd, setup):
    agent, other, _ = setup
    agentd('POST', f'/agents/{agent.id}/login', {'extension': '1001', 'context': 'default'})
    statuses = {row['id']: row for row in agentd('GET', '/agents/all/statuses').get_json()}
    assert statuses[agent.id]['logged'] is True and statuses[other.id]['logged'] is False
    assert agentd('POST', '/agents/all/relog').status_code == 204
    assert AgentLoginStatus.select().count() == 1
    assert agentd('POST', '/agents/all/logoff').status_code == 204
    assert not AgentLoginStatus.select().exists()
    assert agentd('POST', '/agents/all/logoff').status_code == 204


def test_members(agentd, setup):
    agent, _, queue = setup
    body = {'agent_id': agent.id, 'queue_id': queue.id}
    assert agentd('POST', '/members', body).status_code == 204
    member = QueueMember.get(QueueMember.userid == agent.id)
    assert (member.queue_name, member.interface, member.usertype) == (
        'support',
        'Agent/2312',
        'agent',
    )
    with unchanged_store():
        error(agentd('POST', '/members', body), 400, 'Agent already in queue')
        error(
            agentd('POST', '/members', {'agent_id': 999999, 'queue_id': queue.id}),
            400,
            'No such agent',
        )
        error(
            agentd('POST', '/members', {'agent_id': agent.id, 'queue_id': 999999}),
            400,
            'No such queue',
        )
        error(
            agentd('POST', '/members', {'agent_id': 'x', 'queue_id': queue.id}),
            400,
            'invalid type for key agent_id',
        )
    assert agentd('DELETE', '/members', body).status_code == 204
    assert not QueueMember.select().exists()
    error(agentd('DELETE', '/members', body), 400, 'Agent not in queue')


def test_members_are_seen_by_the_queue_service(agentd, setup, api):
    agent, _, queue = setup
    agentd('POST', '/members', {'agent_id': agent.id, 'queue_id': queue.id})
    assert QueueMember.select().where(QueueMember.queue_name == queue.name).count() == 1


def test_daemon_spellings(client, setup):
    agent, _, queue = setup
    headers = basic('admin', 'admin-secret')
    response = client.post(
        f'/1.0/agents/by-id/{agent.id}/add', json={'queue_id': queue.id}, headers=headers
    )
    assert response.status_code == 204
    assert client.get('/1.0/agents', headers=headers).status_code == 200
    assert (
        client.get(f'/1.0/agents/by-id/{agent.id}', headers=headers).get_json()['id'] == agent.id
    )


def test_authentication_and_acl(agentd, setup):
    assert agentd('GET', '/agents/all/statuses', headers={}).status_code == 401
    wsusers.create('ipbx-only', login='ipbx-only', password='ipbx-pw', grants=['service/ipbx'])
    wsusers.create('control', login='control', password='control-pw', grants=['agentd'])
    response = agentd('GET', '/agents/all/statuses', headers=basic('ipbx-only', 'ipbx-pw'))
    assert response.status_code == 403
    assert (
        agentd('GET', '/agents/all/statuses', headers=basic('control', 'control-pw')).status_code
        == 200
    )


def test_malformed_bodies_never_500(agentd, setup):
    agent, _, _ = setup
    from tests.helpers.scenarios import MALFORMED_BODIES

    for raw in MALFORMED_BODIES:
        for method, path in (
            ('POST', f'/agents/{agent.id}/login'),
            ('POST', '/members'),
            ('DELETE', '/members'),
        ):
            with unchanged_store():
                response = agentd(method, path, raw=raw)
                assert response.status_code == 400, (path, raw[:20])
                assert response.get_json()['error']


@pytest.mark.parametrize(
    'method, path, allowed',
    [
        ('GET', '/members', {'POST', 'DELETE'}),
        ('PUT', '/agents/1/login', {'POST'}),
        ('POST', '/agents/all/statuses', {'GET'}),
    ],
)
def test_a_wrong_method_is_405_naming_the_allowed_ones(agentd, setup, method, path, allowed):
    # RFC 9110: a 405 carries Allow (clients and proxies read it).
    with unchanged_store():
        response = agentd(method, path)
    assert response.status_code == 405
    assert response.get_json() == {'error': 'The method is not allowed for the requested URL.'}
    assert allowed <= {name.strip() for name in response.headers['Allow'].split(',')}


def _logged_on_1001(agentd, agent):
    login(agentd, agent)
    return AgentSync.get(AgentSync.agent_id == agent.id).version


def _user_line_id():
    return LineFeatures.get(LineFeatures.number == '1001').id


def _user_id():
    """The user of the line at 1001."""
    return UserLine.get(UserLine.line_id == _user_line_id()).user_id


def _user_on(api, firstname, number):
    """A json.php user with a SIP line at `number`."""
    added_id(
        api.add(
            'ipbx',
            'pbx_settings/users',
            {
                'userfeatures': {
                    'firstname': firstname,
                    'entityid': Entity.get(Entity.name == 'acme').id,
                },
                'linefeatures': {'protocol': ['sip'], 'context': ['default'], 'number': [number]},
            },
        )
    )


def _delete_user(api):
    assert api.delete('ipbx', 'pbx_settings/users', _user_id()).status_code == 200


def _delete_line(api):
    assert api.delete('ipbx', 'pbx_settings/lines', _user_line_id()).status_code == 200


def _delete_all_users(api):
    assert api.delete_all('ipbx', 'pbx_settings/users').status_code == 200


def _replace_the_line(api):
    # The user's line replaced by a new one of the same number: the agent's
    # state interface was the old line's.
    body = {'linefeatures': {'protocol': ['sccp'], 'context': ['default'], 'number': ['1001']}}
    assert api.edit('ipbx', 'pbx_settings/users', _user_id(), body).status_code == 200


def _free_the_line(api):
    # `linefeatures: {}` frees the user's line: it stays, without extension.
    response = api.edit('ipbx', 'pbx_settings/users', _user_id(), {'linefeatures': {}})
    assert response.status_code == 200


@pytest.mark.parametrize(
    'remove', [_delete_user, _delete_line, _delete_all_users, _replace_the_line, _free_the_line]
)
def test_an_agent_logged_on_a_user_line_that_goes_is_logged_off(agentd, setup, api, remove):
    agent, _, _ = setup
    version = _logged_on_1001(agentd, agent)
    remove(api)
    status = agentd('GET', f'/agents/{agent.id}/status').get_json()
    assert (status['logged'], status['extension'], status['in_sync']) == (False, None, False)
    assert AgentSync.get(AgentSync.agent_id == agent.id).version > version  # the worker converges


@pytest.mark.parametrize('remove', [_delete_user, _delete_line])
def test_a_remote_agent_called_on_that_number_stays_logged(agentd, setup, api, remove):
    # A remote agent (seed 003) is called on a number through the context's
    # routes: it is on no line.
    _, other, _ = setup
    service.login_external(other, '1001', 'default')
    remove(api)
    assert AgentLoginStatus.get(AgentLoginStatus.agent_id == other.id).extension == '1001'


def test_an_agent_stays_logged_when_another_line_goes(agentd, setup, api):
    agent, _, _ = setup
    version = _logged_on_1001(agentd, agent)
    _user_on(api, 'Other', '1002')
    line_id = LineFeatures.get(LineFeatures.number == '1002').id
    assert api.delete('ipbx', 'pbx_settings/lines', line_id).status_code == 200
    assert agentd('GET', f'/agents/{agent.id}/status').get_json()['logged'] is True
    assert AgentSync.get(AgentSync.agent_id == agent.id).version == version


def test_an_agent_whose_number_is_not_all_digits_cannot_join_a_queue(agentd, setup):
    # The rule json.php's queue and agent services apply (Agent/<number> with
    # * or # is no queue member): agent control applies it too, so a queue it
    # changed can still be edited back through json.php.
    _, _, queue = setup
    star = AgentFeatures.create(number='*12#', context='default')
    message = 'Agent number *12# is not all digits: it cannot be a queue member'
    with unchanged_store():
        error(
            agentd('POST', '/members', {'agent_id': star.id, 'queue_id': queue.id}), 400, message
        )
        error(agentd('POST', f'/agents/by-id/{star.id}/add', {'queue_id': queue.id}), 400, message)


def _renumber(api, number, context='default'):
    body = {'linefeatures': {'id': [_user_line_id()], 'number': [number], 'context': [context]}}
    assert api.edit('ipbx', 'pbx_settings/users', _user_id(), body).status_code == 200


def test_an_agent_logged_on_a_renumbered_line_follows_it(agentd, setup, api):
    # The agent is on the line: its login (and the line it relogs on) take the
    # line's new number, which another agent can then not take, while the old
    # number is free for a new line and an agent on it.
    agent, other, _ = setup
    _logged_on_1001(agentd, agent)
    _renumber(api, '1005')
    status = agentd('GET', f'/agents/{agent.id}/status').get_json()
    assert (status['logged'], status['extension'], status['context']) == (True, '1005', 'default')
    assert service.presence(agent.id)[:2] == ('1005', 'default')
    error(
        agentd('POST', f'/agents/{other.id}/login', {'extension': '1005', 'context': 'default'}),
        400,
        'Extension and context already in use',
    )
    _user_on(api, 'Next', '1001')
    response = agentd(
        'POST', f'/agents/{other.id}/login', {'extension': '1001', 'context': 'default'}
    )
    assert response.status_code == 204


def test_a_renumbered_line_does_not_move_a_remote_agent(agentd, setup, api):
    # A remote agent called on the line's new number (seed 003) is on no line:
    # the agent logged on the line cannot take that place and is logged off.
    agent, other, _ = setup
    _logged_on_1001(agentd, agent)
    service.login_external(other, '1005', 'default')
    _renumber(api, '1005')
    assert agentd('GET', f'/agents/{agent.id}/status').get_json()['logged'] is False
    assert AgentLoginStatus.get(AgentLoginStatus.agent_id == other.id).extension == '1005'


def test_the_openapi_status_schema_describes_every_key_of_a_status(agentd, setup):
    agent, _, _ = setup
    answered = agentd('GET', f'/agents/{agent.id}/status').get_json()
    spec = agentd('GET', '/openapi.json').get_json()
    assert set(spec['components']['schemas']['Status']['properties']) == set(answered)


def test_an_agent_logged_on_a_renamed_line_is_dialled_by_its_new_name(agentd, setup, api):
    # The agent's calls ring the line's endpoint: renamed, the old one is gone.
    agent, _, _ = setup
    version = _logged_on_1001(agentd, agent)
    line_id = _user_line_id()
    body = {'protocol': {'name': 'renamedpeer'}}
    assert api.edit('ipbx', 'pbx_settings/lines', line_id, body).status_code == 200
    status = AgentLoginStatus.get(AgentLoginStatus.agent_id == agent.id)
    assert (status.state_interface, status.extension) == ('PJSIP/renamedpeer', '1001')
    assert AgentSync.get(AgentSync.agent_id == agent.id).version > version  # the worker converges
