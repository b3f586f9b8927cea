"""What Asterisk is told after agent-control calls: the API only writes the store;
the worker's reconciler (run here in the test's transaction, `pbx.settle()`) makes
the fake AMI peer agree with it."""

import json

import pytest

from tests.helpers.api import added_id, basic
from tests.helpers.asterisk import pbx  # noqa: F401 (fixture)
from tests.helpers.fixtures import make_default_context
from xivows import domain_events
from xivows.models.agent import AgentFeatures
from xivows.models.agent_status import AgentLoginStatus
from xivows.models.entity import Entity
from xivows.models.line import LineFeatures, UserLine
from xivows.models.queue import QueueFeatures, QueueMember


@pytest.fixture
def agentd(client):
    def call(method, path, body=None):
        return client.open(
            '/1.0' + path,
            method=method,
            data=json.dumps(body) if body is not None else None,
            content_type='application/json',
            headers=basic('admin', 'admin-secret'),
        )

    return call


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
    agent = AgentFeatures.create(number='2312', context='default')
    for name, penalty in (('support', 2), ('sales', 0)):
        QueueFeatures.create(name=name, displayname=name, context='default')
        QueueMember.create(
            queue_name=name,
            interface='Agent/2312',
            penalty=penalty,
            usertype='agent',
            userid=agent.id,
            channel='Agent',
            category='queue',
        )
    agent.line_name = line.name
    agent.interface = f'Local/id-{agent.id}@agentcallback'
    return agent


@pytest.fixture
def logins():
    seen = []

    def record(**data):
        seen.append(data)

    domain_events.subscribe('agent_login_changed', record)
    yield seen
    domain_events._subscribers['agent_login_changed'].remove(record)


def login(agentd, agent):
    assert (
        agentd(
            'POST', f'/agents/{agent.id}/login', {'extension': '1001', 'context': 'default'}
        ).status_code
        == 204
    )


def status(agentd, agent):
    return agentd('GET', f'/agents/{agent.id}/status').get_json()


def test_login_adds_the_agent_to_its_queues(agentd, agent, pbx):
    pbx.settle()
    login(agentd, agent)
    assert pbx.told() == []  # the request itself never talks to the AMI
    assert (status(agentd, agent)['in_sync'], status(agentd, agent)['ami_error']) == (False, None)
    pbx.settle()
    line = f'PJSIP/{agent.line_name}'
    assert pbx.told() == [
        {'Action': 'DBPut', 'Family': 'xivows/agent', 'Key': str(agent.id), 'Val': line},
        {
            'Action': 'QueueAdd',
            'Queue': 'sales',
            'Interface': agent.interface,
            'Penalty': '0',
            'MemberName': 'Agent/2312',
            'StateInterface': line,
            'Paused': 'false',
        },
        {
            'Action': 'QueueAdd',
            'Queue': 'support',
            'Interface': agent.interface,
            'Penalty': '2',
            'MemberName': 'Agent/2312',
            'StateInterface': line,
            'Paused': 'false',
        },
    ]
    view = status(agentd, agent)
    assert (view['in_sync'], view['ami_error']) == (True, None)
    assert pbx.peer.astdb == {('xivows/agent', str(agent.id)): line}


def test_pause_unpause_logoff(agentd, agent, pbx):
    login(agentd, agent)
    pbx.settle()
    pbx.told()
    assert agentd('POST', '/agents/by-number/2312/pause', {'reason': 'lunch'}).status_code == 204
    pbx.settle()
    assert pbx.told() == [
        {
            'Action': 'QueuePause',
            'Queue': queue,
            'Interface': agent.interface,
            'Paused': 'true',
            'Reason': 'lunch',
        }
        for queue in ('sales', 'support')
    ]
    assert pbx.peer.member('sales', agent.interface)['PausedReason'] == 'lunch'
    agentd('POST', '/agents/by-number/2312/unpause')
    pbx.settle()
    assert [action['Paused'] for action in pbx.told('QueuePause')] == ['false', 'false']
    agentd('POST', f'/agents/{agent.id}/logoff')
    pbx.settle()
    assert pbx.told() == [
        {'Action': 'QueueRemove', 'Queue': 'sales', 'Interface': agent.interface},
        {'Action': 'QueueRemove', 'Queue': 'support', 'Interface': agent.interface},
        {'Action': 'DBDel', 'Family': 'xivows/agent', 'Key': str(agent.id)},
    ]
    assert pbx.peer.members == {} and pbx.peer.astdb == {}
    assert status(agentd, agent)['in_sync'] is True


def test_a_paused_agent_joins_a_queue_paused_with_its_reason(agentd, agent, pbx, api):
    """Point 6: QueueAdd carries Paused and the pause Reason (a new queue, a relog
    after an Asterisk restart)."""
    login(agentd, agent)
    agentd('POST', '/agents/by-number/2312/pause', {'reason': 'training'})
    pbx.settle()
    assert [(action['Paused'], action['Reason']) for action in pbx.told('QueueAdd')] == [
        ('true', 'training')
    ] * 2
    QueueFeatures.create(name='vip', displayname='vip', context='default')
    pbx.peer.add_queue('vip')
    vip = QueueFeatures.get(QueueFeatures.name == 'vip')
    assert (
        agentd('POST', '/members', {'agent_id': agent.id, 'queue_id': vip.id}).status_code == 204
    )
    pbx.settle()
    [add] = pbx.told()
    assert (add['Queue'], add['Paused'], add['Reason']) == ('vip', 'true', 'training')
    pbx.peer.restart(persistent_members=False)
    pbx.settle(lambda: len(pbx.peer.members) == 3 and pbx.agreed())
    assert {
        (member['Paused'], member['PausedReason']) for member in pbx.peer.members.values()
    } == {('1', 'training')}


def test_the_state_interface_is_the_pjsip_endpoint(agentd, agent, pbx):
    """Point 7: `SIP/<line>` is Invalid in Asterisk 21 (no chan_sip) and never rung;
    the member's state follows the registered PJSIP endpoint."""
    pbx.peer.add_endpoint(agent.line_name)
    pbx.peer.register_contact(agent.line_name, f'sip:{agent.line_name}@127.0.0.1:5071')
    login(agentd, agent)
    pbx.settle()
    member = pbx.peer.member('support', agent.interface)
    assert member['StateInterface'] == f'PJSIP/{agent.line_name}'
    assert member['Status'] == '1'  # not in use: app_queue rings it (Invalid is 4)


def test_membership_changes_of_a_logged_agent_are_mirrored(agentd, agent, pbx):
    login(agentd, agent)
    pbx.settle()
    pbx.told()
    support = QueueFeatures.get(QueueFeatures.name == 'support')
    assert (
        agentd('DELETE', '/members', {'agent_id': agent.id, 'queue_id': support.id}).status_code
        == 204
    )
    pbx.settle()
    assert pbx.told() == [
        {'Action': 'QueueRemove', 'Queue': 'support', 'Interface': agent.interface}
    ]
    assert (
        agentd('POST', '/members', {'agent_id': agent.id, 'queue_id': support.id}).status_code
        == 204
    )
    pbx.settle()
    assert [action['Action'] for action in pbx.told()] == ['QueueAdd']
    assert pbx.peer.member('support', agent.interface) is not None


def test_a_logged_out_agent_sends_nothing(agentd, agent, pbx):
    support = QueueFeatures.get(QueueFeatures.name == 'support')
    agentd('DELETE', '/members', {'agent_id': agent.id, 'queue_id': support.id})
    pbx.settle()
    assert pbx.told() == []


def test_ami_error_stays_until_asterisk_agrees(agentd, agent, pbx):
    """Point 4: Asterisk down at login; back up; a membership removed and added
    again: `ami_error` clears only once Asterisk has the members."""
    pbx.settle()
    pbx.peer.stop()
    login(agentd, agent)
    # The login's own steps may fail first ("DBPut 1: AMI unreachable at ...")
    # before the worker notices the connection is gone ("Asterisk unreachable: ...").
    pbx.settle(lambda: 'unreachable' in (status(agentd, agent)['ami_error'] or ''))
    view = status(agentd, agent)
    assert view['logged'] is True and view['in_sync'] is False
    assert 'unreachable' in view['ami_error']
    pbx.peer.start()
    support = QueueFeatures.get(QueueFeatures.name == 'support')
    agentd('DELETE', '/members', {'agent_id': agent.id, 'queue_id': support.id})
    agentd('POST', '/members', {'agent_id': agent.id, 'queue_id': support.id})
    assert status(agentd, agent)['in_sync'] is False
    pbx.engine.next_connect = 0  # skip the reconnection backoff
    pbx.settle()
    view = status(agentd, agent)
    assert (view['in_sync'], view['ami_error']) == (True, None)
    assert len(pbx.peer.members) == 2


def test_an_asterisk_refusal_is_reported_and_retried(agentd, agent, pbx):
    pbx.peer.fail_next('QueueAdd', 'Unable to add interface to queue: No such queue')
    login(agentd, agent)
    pbx.settle(lambda: status(agentd, agent)['ami_error'])
    view = status(agentd, agent)
    assert 'No such queue' in view['ami_error'] and view['in_sync'] is False
    pbx.engine.retry_at = 0  # the retry comes after a few seconds
    pbx.settle()
    assert status(agentd, agent)['ami_error'] is None and len(pbx.peer.members) == 2


def test_removals_during_an_outage_are_not_forgotten(agentd, agent, pbx):
    """Point 5: a logoff while Asterisk is down answers 204; the members are
    removed once it is back."""
    login(agentd, agent)
    pbx.settle()
    pbx.peer.stop()
    assert agentd('POST', f'/agents/{agent.id}/logoff').status_code == 204
    pbx.settle(lambda: status(agentd, agent)['ami_error'])
    assert status(agentd, agent)['in_sync'] is False
    pbx.peer.start()
    pbx.engine.next_connect = 0
    pbx.settle()
    assert pbx.peer.members == {} and pbx.peer.astdb == {}
    assert status(agentd, agent)['in_sync'] is True


def test_persistent_members_of_a_logged_out_agent_are_removed_after_a_restart(agentd, agent, pbx):
    """Point 5: with persistentmembers, Asterisk restores the members it had; those
    of agents logged out meanwhile go; members xivows does not own stay."""
    login(agentd, agent)
    pbx.settle()
    pbx.peer.add_member('support', 'PJSIP/bob', member_name='Bob')
    pbx.peer.add_member('support', 'Local/3000@elsewhere')
    pbx.peer.stop()
    agentd('POST', f'/agents/{agent.id}/logoff')
    pbx.peer.restart(persistent_members=True)
    pbx.engine.next_connect = 0
    pbx.settle()
    assert sorted(interface for _, interface in pbx.peer.members) == [
        'local/3000@elsewhere',
        'pjsip/bob',
    ]


def test_relog_rereads_asterisk_and_restores_what_it_lost(agentd, agent, pbx):
    login(agentd, agent)
    pbx.settle()
    pbx.peer.members.clear()  # lost behind our back, no event
    pbx.told()
    assert agentd('POST', '/agents/all/relog').status_code == 204
    pbx.settle()
    assert [action['Queue'] for action in pbx.told('QueueAdd')] == ['sales', 'support']


def test_a_change_made_behind_our_back_is_reverted(agentd, agent, pbx):
    login(agentd, agent)
    pbx.settle()
    member = pbx.peer.member('sales', agent.interface)
    member['Paused'], member['PausedReason'] = '1', 'by hand'
    pbx.peer.broadcast('QueueMemberPause', 'agent', **member)
    pbx.settle(lambda: pbx.peer.member('sales', agent.interface)['Paused'] == '0')
    assert status(agentd, agent)['paused'] is False


def test_a_hung_asterisk_never_reaches_the_requests(agentd, agent, pbx):
    """Point 2: requests do not wait on the AMI (they never talk to it); the
    worker's exchanges are bounded and the status says what is wrong."""
    pbx.settle()
    pbx.peer.hang.add('QueueAdd')
    login(agentd, agent)
    assert agentd('GET', '/agents/all/statuses').status_code == 200
    pbx.settle(lambda: status(agentd, agent)['ami_error'])
    assert 'no answer' in status(agentd, agent)['ami_error']


def test_a_refused_request_sends_nothing(agentd, agent, pbx):
    assert (
        agentd(
            'POST', f'/agents/{agent.id}/login', {'extension': '1999', 'context': 'default'}
        ).status_code
        == 404
    )
    pbx.settle()
    assert pbx.told() == []


def test_deleting_a_logged_agent_through_json_php_logs_it_off(agentd, agent, pbx, client, logins):
    login(agentd, agent)
    pbx.settle()
    pbx.told()
    response = client.get(
        '/callcenter/json.php/restricted/settings/agents/',
        query_string={'act': 'delete', 'id': agent.id},
        headers=basic('admin', 'admin-secret'),
    )
    assert response.status_code == 200
    assert not AgentLoginStatus.select().exists()
    pbx.settle()
    assert [action['Action'] for action in pbx.told()] == ['QueueRemove', 'QueueRemove', 'DBDel']
    assert pbx.peer.members == {}
    where = {'extension': '1001', 'context': 'default'}  # where it was logged, both times
    assert logins == [
        {**where, 'agent_id': agent.id, 'logged': True, 'source': 'api'},
        {**where, 'agent_id': agent.id, 'logged': False, 'source': 'api'},
    ]


def test_login_changes_are_domain_events(agentd, agent, logins):
    login(agentd, agent)
    agentd('POST', '/agents/by-number/2312/pause')
    agentd('POST', f'/agents/{agent.id}/login', {'extension': '1001', 'context': 'default'})
    agentd('POST', f'/agents/{agent.id}/logoff')
    agentd('POST', f'/agents/{agent.id}/logoff')  # refused: no change
    login(agentd, agent)
    agentd('POST', '/agents/all/logoff')
    assert [(event['logged'], event['source']) for event in logins] == [
        (True, 'api'),
        (False, 'api'),
        (True, 'api'),
        (False, 'api'),
    ]


def test_an_agent_changed_well_into_an_outage_says_why(agentd, agent, pbx):
    """Found on a real Asterisk: once the worker had recorded an outage, an agent
    logged in later stayed `in_sync: false` with `ami_error: null` until the
    outage's reason changed."""
    pbx.settle()
    pbx.peer.stop()
    pbx.settle(lambda: 'refused' in (pbx.engine.last_error or ''))
    pbx.engine.next_connect = 0
    pbx.engine.tick()  # another failed attempt, for the same reason
    login(agentd, agent)
    pbx.settle(lambda: status(agentd, agent)['ami_error'], timeout=2)
    view = status(agentd, agent)
    assert view['in_sync'] is False and 'Asterisk unreachable' in view['ami_error']
    assert 'Connection refused' in view['ami_error']
