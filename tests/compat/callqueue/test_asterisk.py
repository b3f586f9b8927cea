"""What Asterisk is told (the worker's reconciler, run in the test's transaction
against the fake AMI peer) after seed-003 calls, and the queue status read from
the live tables it feeds."""

import time

import pytest

from tests.compat.callqueue.conftest import refused
from tests.helpers.asterisk import Pbx
from xivows.models.agent import AgentFeatures
from xivows.models.live import LiveChannel, LiveConnection, LiveQueueEntry, LiveQueueMember


@pytest.fixture
def pbx(app):
    fake = Pbx(queues=('q370',))
    yield fake
    fake.close()


@pytest.fixture
def queue(cq):
    queue = cq.ok('POST', '/client/@me/extension/', {'name': '370', 'type': 'queue'})
    phone = cq.ok('POST', '/client/@me/extension/', {'name': '117', 'type': 'phone'})
    remote = cq.ok('POST', '/client/@me/agent/remote/', {'number': '89215650644'})
    local = cq.ok('POST', '/client/@me/agent/local/', {'extension_id': phone['id']})
    for kind, agent, level in (('remote', remote, 2), ('local', local, 1)):
        cq.ok(
            'POST',
            f'/extension/{queue["id"]}/queue/agents/{kind}/',
            {'agent_id': agent['id'], 'level': level},
        )
    return queue['id'], remote['id'], local['id']


REMOTE = 'Local/89215650644@acme-out'


def test_a_remote_agent_is_a_local_channel_member_through_the_outgoing_context(cq, queue, pbx):
    _, remote, _ = queue
    number = AgentFeatures.get_by_id(remote).number
    pbx.settle()
    pbx.told()
    cq.ok('PUT', f'/client/@me/agent/remote/{remote}', {'status': 'available'})
    assert pbx.told() == []  # the request never talks to the AMI
    pbx.settle()
    assert pbx.told() == [
        {'Action': 'DBPut', 'Family': 'xivows/agent', 'Key': str(remote), 'Val': REMOTE},
        {
            'Action': 'QueueAdd',
            'Queue': 'q370',
            'Interface': REMOTE,
            'Penalty': '2',
            'MemberName': f'Agent/{number}',
            'StateInterface': REMOTE,
            'Paused': 'false',
        },
    ]
    # a new level follows
    cq.ok('PUT', f'/extension/{queue[0]}/queue/agents/remote/{remote}', {'level': 4})
    pbx.settle()
    assert pbx.told() == [
        {'Action': 'QueuePenalty', 'Queue': 'q370', 'Interface': REMOTE, 'Penalty': '4'}
    ]
    # logged out: it leaves the queue
    cq.ok('PUT', f'/client/@me/agent/remote/{remote}', {'status': 'logged_out'})
    pbx.settle()
    assert pbx.told() == [
        {'Action': 'QueueRemove', 'Queue': 'q370', 'Interface': REMOTE},
        {'Action': 'DBDel', 'Family': 'xivows/agent', 'Key': str(remote)},
    ]
    # logged in again, then deleted: it leaves the queue too
    cq.ok('PUT', f'/client/@me/agent/remote/{remote}', {'status': 'available'})
    pbx.settle()
    pbx.told()
    cq.ok('DELETE', f'/client/@me/agent/remote/{remote}')
    pbx.settle()
    assert pbx.told('QueueRemove') == [
        {'Action': 'QueueRemove', 'Queue': 'q370', 'Interface': REMOTE}
    ]
    assert pbx.peer.members == {}


def test_a_new_number_moves_the_member(cq, queue, pbx):
    _, remote, _ = queue
    cq.ok('PUT', f'/client/@me/agent/remote/{remote}', {'status': 'available'})
    pbx.settle()
    cq.ok('PUT', f'/client/@me/agent/remote/{remote}', {'number': '5550101'})
    pbx.settle()
    assert set(pbx.peer.members) == {('q370', 'local/5550101@acme-out')}


def test_leftovers_in_outgoing_contexts_go_others_stay(cq, queue, pbx):
    pbx.settle()
    pbx.peer.add_member('q370', 'Local/5559999@acme-out')  # a remote agent deleted meanwhile
    pbx.peer.add_member('q370', 'Local/100@acme')  # not in an outgoing context: not ours
    pbx.peer.add_member('q370', 'PJSIP/somebody')
    pbx.settle(until=lambda: ('q370', 'local/5559999@acme-out') not in pbx.peer.members)
    assert set(pbx.peer.members) == {('q370', 'local/100@acme'), ('q370', 'pjsip/somebody')}


def test_a_local_agent_logs_in_on_its_phone(cq, queue, pbx):
    _, _, local = queue
    cq.ok('PUT', f'/client/@me/agent/local/{local}', {'status': 'available'})
    pbx.settle()
    member = pbx.peer.member('q370', f'Local/id-{local}@agentcallback')
    assert member['StateInterface'].startswith('PJSIP/') and member['Penalty'] == '1'


# -- queue status --------------------------------------------------------------------


def test_status_without_asterisk_is_503_with_a_reason(cq, queue):
    for path in ('status/', 'status/members/'):
        body = refused(
            cq('GET', f'/extension/{queue[0]}/queue/{path}'), 503, 'temporarily_unavailable'
        )
        assert 'background worker' in body['error_description']
    LiveConnection.create(name='ami', configured=False, changed_at=time.time())
    body = refused(cq('GET', f'/extension/{queue[0]}/queue/status/'), 503)
    assert 'AMI_HOST' in body['error_description']


def test_status_from_the_worker(cq, queue, pbx):
    pbx.settle()
    pbx.peer.new_channel('PJSIP/caller-00000001', caller=('5551234', 'Caller'))
    pbx.peer.caller_joins('q370', 'PJSIP/caller-00000001')
    pbx.settle(until=lambda: LiveQueueEntry.select().exists())
    assert cq.ok('GET', f'/extension/{queue[0]}/queue/status/') == {
        'answered_members': 0,
        'trying_members': 0,
        'waiting_members': 1,
    }
    [caller] = cq.ok('GET', f'/extension/{queue[0]}/queue/status/members/')
    assert (caller['number'], caller['state'], caller['serving_agent']) == (
        '5551234',
        'waiting',
        None,
    )
    assert isinstance(caller['wait_time'], int) and len(caller['joined_datetime']) == 19
    assert caller['call_api_id'] == LiveQueueEntry.get().uniqueid


def test_trying_and_answered_callers(cq, queue):
    """Read from live rows as the worker writes them."""
    _, remote, local = queue
    now = time.time()
    LiveConnection.create(
        name='ami', configured=True, connected=True, synced_at=now, checked_at=now, changed_at=now
    )
    for position, channel in enumerate(('PJSIP/a-00000001', 'PJSIP/b-00000002'), start=1):
        LiveQueueEntry.create(
            channel=channel,
            queue='q370',
            position=position,
            uniqueid=f'{position}.0',
            caller_id_num=f'55500{position}',
            joined_at=now - 30 * position,
            changed_at=now,
        )
        LiveChannel.create(
            channel=channel,
            uniqueid=f'{position}.0',
            linkedid=f'{position}.0',
            state=6,
            changed_at=now,
        )
    cq.ok('PUT', f'/client/@me/agent/remote/{remote}', {'status': 'available'})
    # Asterisk rings the remote agent's member for the first caller
    LiveChannel.create(
        channel='Local/89215650644@acme-out-0000000a;1', linkedid='1.0', state=5, changed_at=now
    )
    LiveQueueMember.create(
        queue='q370', interface=f'Local/id-{local}@agentcallback', in_call=True, changed_at=now
    )
    assert cq.ok('GET', f'/extension/{queue[0]}/queue/status/') == {
        'answered_members': 1,
        'trying_members': 1,
        'waiting_members': 1,
    }
    callers = cq.ok('GET', f'/extension/{queue[0]}/queue/status/members/')
    assert [
        (
            caller['call_api_id'],
            caller['state'],
            caller['serving_agent'],
            caller['wait_time'] >= 30,
        )
        for caller in callers
    ] == [('1.0', 'trying', str(remote), True), ('2.0', 'waiting', None, True)]


def test_an_agents_wrap_up_time_is_its_members(cq, queue, pbx):
    _, remote, local = queue
    interface = f'Local/id-{local}@agentcallback'
    cq.ok('PUT', f'/client/@me/agent/local/{local}', {'status': 'available', 'wrap_up_time': 15})
    pbx.settle()
    assert [
        (action['Interface'], action.get('Wrapuptime')) for action in pbx.told('QueueAdd')
    ] == [(interface, '15')]
    assert pbx.peer.member('q370', interface)['Wrapuptime'] == '15'
    # a new one: Asterisk cannot change it in place, the member is added again
    cq.ok('PUT', f'/client/@me/agent/local/{local}', {'wrap_up_time': 0})
    pbx.settle()
    assert [action['Action'] for action in pbx.told() if action['Action'].startswith('Queue')] == [
        'QueueRemove',
        'QueueAdd',
    ]
    assert pbx.peer.member('q370', interface)['Wrapuptime'] == '0'
    # logged out, it changes nothing in Asterisk
    cq.ok('PUT', f'/client/@me/agent/remote/{remote}', {'wrap_up_time': 30})
    pbx.settle()
    assert pbx.told() == []
