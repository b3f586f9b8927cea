"""The pyst2 adapter against the fake AMI peer (no database needed)."""
import os
import threading
import time

import pytest

from tests.helpers.fake_ami import FakeAmi
from xivows.ami.client import AmiClient, AmiError


@pytest.fixture
def peer():
    fake = FakeAmi().start()
    yield fake
    fake.stop()


@pytest.fixture
def client(peer):
    ami = AmiClient('127.0.0.1', peer.port, 'xivows', 'ami-secret', timeout=1.0)
    yield ami
    ami.close()


def test_queue_add_sends_the_headers(client, peer):
    client.queue_add('support', 'Local/id-5@agentcallback', penalty=3, member_name='Agent/2312',
                     state_interface='SIP/abc')
    [action] = peer.received()
    assert {key: value for key, value in action.items() if key != 'ActionID'} == {
        'Action': 'QueueAdd', 'Queue': 'support', 'Interface': 'Local/id-5@agentcallback',
        'Penalty': '3', 'MemberName': 'Agent/2312', 'StateInterface': 'SIP/abc',
        'Paused': 'false'}
    assert action['ActionID']


def test_remove_pause_and_status(client, peer):
    client.queue_add('support', 'Local/id-5@agentcallback', member_name='Agent/2312')
    client.queue_pause('Local/id-5@agentcallback', True, reason='lunch')
    [member] = [row for row in client.queue_status('support') if row['Event'] == 'QueueMember']
    assert (member['Name'], member['Location'], member['Paused']) == \
        ('Agent/2312', 'Local/id-5@agentcallback', '1')
    client.queue_remove('support', 'Local/id-5@agentcallback')
    assert [row['Event'] for row in client.queue_status()] == ['QueueParams']
    pause = peer.received('QueuePause')[0]
    assert (pause['Paused'], pause['Reason'], 'Queue' in pause) == ('true', 'lunch', False)


def test_asterisk_errors_are_ami_errors(client, peer):
    with pytest.raises(AmiError, match='No such queue'):
        client.queue_add('nowhere', 'SIP/x')
    with pytest.raises(AmiError, match='Not there'):
        client.queue_remove('support', 'SIP/x')
    with pytest.raises(AmiError, match='Interface not found'):
        client.queue_pause('SIP/x', True)
    peer.fail_next('QueueAdd', 'Unable to add interface: Already there')
    with pytest.raises(AmiError, match='Already there'):
        client.queue_add('support', 'SIP/x')
    client.queue_add('support', 'SIP/x')  # the connection is still usable


def test_each_action_has_its_own_action_id(client, peer):
    client.queue_add('support', 'SIP/a')
    client.queue_add('support', 'SIP/b')
    first, second = peer.received()
    assert first['ActionID'] != second['ActionID']
    assert 'Queue' in second and second['Interface'] == 'SIP/b'


def test_one_login_for_many_actions(client, peer):
    for index in range(5):
        client.queue_add('support', f'SIP/{index}')
    assert peer.logins == 1


def test_a_hanging_peer_times_out_and_the_next_action_reconnects(client, peer):
    peer.hang.add('QueueAdd')
    started = time.monotonic()
    with pytest.raises(AmiError, match='no answer'):
        client.queue_add('support', 'SIP/a')
    assert time.monotonic() - started < 5
    peer.hang.clear()
    client.queue_add('support', 'SIP/b')
    assert peer.logins == 2


def test_refused_login(peer):
    ami = AmiClient('127.0.0.1', peer.port, 'xivows', 'wrong', timeout=1.0)
    with pytest.raises(AmiError, match='login refused'):
        ami.queue_add('support', 'SIP/a')
    assert peer.received() == []


def test_ami_down_then_back(client, peer):
    client.queue_add('support', 'SIP/a')
    peer.stop()
    with pytest.raises(AmiError):
        client.queue_add('support', 'SIP/b')
    with pytest.raises(AmiError, match='unreachable'):
        client.queue_add('support', 'SIP/b')
    peer.start()
    client.queue_add('support', 'SIP/b')
    assert peer.logins == 2


def test_nothing_listens(peer):
    port = peer.port
    peer.stop()
    ami = AmiClient('127.0.0.1', port, 'xivows', 'ami-secret', timeout=1.0)
    with pytest.raises(AmiError, match='unreachable'):
        ami.queue_pause('SIP/a', False)


def test_concurrent_callers_each_get_their_answer(client, peer):
    errors = []

    def add(index):
        try:
            client.queue_add('support', f'SIP/{index}')
        except AmiError as exc:
            errors.append(exc)
    threads = [threading.Thread(target=add, args=(index,)) for index in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert errors == []
    assert len(peer.members) == 10


def test_a_forked_child_opens_its_own_connection(client, peer):
    client.queue_add('support', 'SIP/parent')
    pid = os.fork()
    if pid == 0:  # child: must not use the parent's pyst2 threads
        try:
            client.queue_add('support', 'SIP/child')
            os._exit(0)
        except BaseException:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 0
    assert peer.logins == 2
    assert ('support', 'sip/child') in peer.members
    client.queue_add('support', 'SIP/parent-again')
