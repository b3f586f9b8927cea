"""What the agent-control API pushes to Asterisk, checked on the fake AMI peer."""
import json

import pytest

from tests.helpers.api import added_id, basic
from tests.helpers.fake_ami import FakeAmi
from tests.helpers.fixtures import make_default_context
from xivows import create_app
from xivows.models.agent import AgentFeatures
from xivows.models.agent_status import AgentLoginStatus
from xivows.models.entity import Entity
from xivows.models.line import LineFeatures, UserLine
from xivows.models.queue import QueueFeatures, QueueMember


@pytest.fixture
def peer():
    fake = FakeAmi(queues=('support', 'sales')).start()
    yield fake
    fake.stop()


@pytest.fixture
def ami_app(app, database_url, peer):
    return create_app({'DATABASE_URL': database_url, 'AMI_HOST': '127.0.0.1',
                       'AMI_PORT': peer.port, 'AMI_USERNAME': 'xivows',
                       'AMI_SECRET': 'ami-secret', 'AMI_TIMEOUT': 1.0})


@pytest.fixture
def agentd(ami_app):
    client = ami_app.test_client()

    def call(method, path, body=None):
        return client.open('/1.0' + path, method=method,
                           data=json.dumps(body) if body is not None else None,
                           content_type='application/json',
                           headers=basic('admin', 'admin-secret'))
    return call


@pytest.fixture
def agent(api):
    make_default_context()
    entity_id = Entity.get(Entity.name == 'acme').id
    user_id = added_id(api.add('ipbx', 'pbx_settings/users', {
        'userfeatures': {'firstname': 'Desk', 'entityid': entity_id},
        'linefeatures': {'protocol': ['sip'], 'context': ['default'], 'number': ['1001']}}))
    line = LineFeatures.get_by_id(UserLine.get(UserLine.user_id == user_id).line_id)
    agent = AgentFeatures.create(number='2312', context='default')
    for name, penalty in (('support', 2), ('sales', 0)):
        QueueFeatures.create(name=name, displayname=name, context='default')
        QueueMember.create(queue_name=name, interface='Agent/2312', penalty=penalty,
                           usertype='agent', userid=agent.id, channel='Agent', category='queue')
    agent.line_name = line.name
    return agent


def headers_of(actions):
    return [{key: value for key, value in action.items() if key != 'ActionID'}
            for action in actions]


def test_login_adds_the_agent_to_its_queues(agentd, agent, peer):
    assert agentd('POST', f'/agents/{agent.id}/login',
                  {'extension': '1001', 'context': 'default'}).status_code == 204
    interface = f'Local/id-{agent.id}@agentcallback'
    assert headers_of(peer.received()) == [
        {'Action': 'QueueAdd', 'Queue': 'sales', 'Interface': interface, 'Penalty': '0',
         'MemberName': 'Agent/2312', 'StateInterface': f'SIP/{agent.line_name}',
         'Paused': 'false'},
        {'Action': 'QueueAdd', 'Queue': 'support', 'Interface': interface, 'Penalty': '2',
         'MemberName': 'Agent/2312', 'StateInterface': f'SIP/{agent.line_name}',
         'Paused': 'false'},
    ]
    assert AgentLoginStatus.get().ami_error is None


def test_pause_unpause_logoff(agentd, agent, peer):
    agentd('POST', f'/agents/{agent.id}/login', {'extension': '1001', 'context': 'default'})
    interface = f'Local/id-{agent.id}@agentcallback'
    agentd('POST', '/agents/by-number/2312/pause')
    agentd('POST', '/agents/by-number/2312/unpause')
    agentd('POST', f'/agents/{agent.id}/logoff')
    assert headers_of(peer.received())[2:] == [
        {'Action': 'QueuePause', 'Interface': interface, 'Paused': 'true'},
        {'Action': 'QueuePause', 'Interface': interface, 'Paused': 'false'},
        {'Action': 'QueueRemove', 'Queue': 'sales', 'Interface': interface},
        {'Action': 'QueueRemove', 'Queue': 'support', 'Interface': interface},
    ]
    assert peer.members == {}


def test_membership_changes_of_a_logged_agent_are_mirrored(agentd, agent, peer):
    agentd('POST', f'/agents/{agent.id}/login', {'extension': '1001', 'context': 'default'})
    support = QueueFeatures.get(QueueFeatures.name == 'support')
    assert agentd('DELETE', '/members', {'agent_id': agent.id,
                                         'queue_id': support.id}).status_code == 204
    assert headers_of(peer.received())[-1] == {
        'Action': 'QueueRemove', 'Queue': 'support',
        'Interface': f'Local/id-{agent.id}@agentcallback'}
    assert agentd('POST', '/members', {'agent_id': agent.id,
                                       'queue_id': support.id}).status_code == 204
    assert headers_of(peer.received())[-1]['Action'] == 'QueueAdd'
    assert ('support', f'local/id-{agent.id}@agentcallback') in peer.members


def test_a_logged_out_agent_sends_nothing(agentd, agent, peer):
    support = QueueFeatures.get(QueueFeatures.name == 'support')
    agentd('DELETE', '/members', {'agent_id': agent.id, 'queue_id': support.id})
    assert peer.received() == []


def test_ami_down_keeps_the_stored_state_and_reports_it(agentd, agent, peer):
    peer.stop()
    response = agentd('POST', f'/agents/{agent.id}/login',
                      {'extension': '1001', 'context': 'default'})
    assert response.status_code == 204
    status = agentd('GET', f'/agents/{agent.id}/status').get_json()
    assert status['logged'] is True
    assert 'QueueAdd' in status['ami_error']
    peer.start()
    assert agentd('POST', '/agents/all/relog').status_code == 204
    assert agentd('GET', f'/agents/{agent.id}/status').get_json()['ami_error'] is None
    assert len(peer.members) == 2


def test_an_asterisk_refusal_is_reported(agentd, agent, peer):
    peer.fail_next('QueueAdd', 'Unable to add interface to queue: No such queue')
    agentd('POST', f'/agents/{agent.id}/login', {'extension': '1001', 'context': 'default'})
    assert 'No such queue' in AgentLoginStatus.get().ami_error


def test_a_hanging_asterisk_does_not_hang_the_request(agentd, agent, peer):
    peer.hang.add('QueueAdd')
    assert agentd('POST', f'/agents/{agent.id}/login',
                  {'extension': '1001', 'context': 'default'}).status_code == 204
    assert 'no answer' in AgentLoginStatus.get().ami_error


def test_a_refused_request_sends_nothing(agentd, agent, peer):
    assert agentd('POST', f'/agents/{agent.id}/login',
                  {'extension': '1999', 'context': 'default'}).status_code == 404
    assert peer.received() == []


def test_deleting_a_logged_agent_through_json_php_logs_it_off(agentd, agent, peer, ami_app):
    agentd('POST', f'/agents/{agent.id}/login', {'extension': '1001', 'context': 'default'})
    response = ami_app.test_client().get(
        '/callcenter/json.php/restricted/settings/agents/',
        query_string={'act': 'delete', 'id': agent.id}, headers=basic('admin', 'admin-secret'))
    assert response.status_code == 200
    assert not AgentLoginStatus.select().exists()
    assert [action['Action'] for action in peer.received()][-2:] == ['QueueRemove'] * 2
    assert peer.members == {}
