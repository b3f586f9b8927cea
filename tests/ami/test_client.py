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
    client.queue_add(
        'support',
        'Local/id-5@agentcallback',
        penalty=3,
        member_name='Agent/2312',
        state_interface='SIP/abc',
    )
    [action] = peer.received()
    assert {key: value for key, value in action.items() if key != 'ActionID'} == {
        'Action': 'QueueAdd',
        'Queue': 'support',
        'Interface': 'Local/id-5@agentcallback',
        'Penalty': '3',
        'MemberName': 'Agent/2312',
        'StateInterface': 'SIP/abc',
        'Paused': 'false',
    }
    assert action['ActionID']


def test_remove_pause_and_status(client, peer):
    client.queue_add(
        'support',
        'Local/id-5@agentcallback',
        member_name='Agent/2312',
        state_interface='PJSIP/abc',
    )
    client.queue_pause('Local/id-5@agentcallback', True, reason='lunch')
    [member] = [row for row in client.queue_status('support') if row['Event'] == 'QueueMember']
    assert (member['Name'], member['Location'], member['Paused']) == (
        'Agent/2312',
        'Local/id-5@agentcallback',
        '1',
    )
    client.queue_remove('support', 'Local/id-5@agentcallback')
    assert [row['Event'] for row in client.queue_status()] == ['QueueParams']
    assert member['StateInterface'] == 'PJSIP/abc' and member['PausedReason'] == 'lunch'
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
    peer.login_failure_delay = 0.2
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


def _ami_threads():
    return [thread for thread in threading.enumerate() if thread.name.startswith('ami-')]


def _own_threads():
    """Threads of this process but the fake peer's."""
    return [thread for thread in threading.enumerate() if not thread.name.startswith('fake-ami')]


def test_a_peer_that_never_sends_its_banner_costs_one_timeout_and_no_thread(peer):
    peer.hang_connect = True
    before = len(_own_threads())
    ami = AmiClient('127.0.0.1', peer.port, 'xivows', 'ami-secret', timeout=0.3)
    for _ in range(5):
        started = time.monotonic()
        with pytest.raises(AmiError, match='no banner'):
            ami.connect()
        assert time.monotonic() - started < 1.5
    assert len(_own_threads()) == before
    assert _ami_threads() == []


def test_closing_ends_the_library_threads(peer):
    before = len(_own_threads())
    ami = AmiClient('127.0.0.1', peer.port, 'xivows', 'ami-secret', timeout=1.0)
    ami.queue_add('support', 'SIP/a')
    assert len(_ami_threads()) == 2
    ami.close()
    deadline = time.monotonic() + 3
    while len(_own_threads()) > before and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(_own_threads()) == before
    assert peer.received('Logoff') == [] and peer.actions[-1]['Action'] == 'Logoff'


def test_a_slow_peer_within_the_timeout_is_fine_beyond_it_is_an_error(client, peer):
    peer.delay = 0.3
    client.queue_add('support', 'SIP/a')
    client.timeout = 0.1
    with pytest.raises(AmiError, match='no answer'):
        client.queue_add('support', 'SIP/b')


def test_refused_then_accepted(client, peer):
    timer = peer.refuse_for(0.5)
    with pytest.raises(AmiError, match='unreachable'):
        client.queue_add('support', 'SIP/a')
    timer.join()
    client.queue_add('support', 'SIP/a')


def test_header_values_cannot_inject_lines(client, peer):
    client.queue_add('support', 'SIP/a')
    client.queue_pause('SIP/a', True, reason='lunch\r\n\r\nAction: QueueRemove')
    assert [action['Action'] for action in peer.received()] == ['QueueAdd', 'QueuePause']
    assert peer.member('support', 'SIP/a')['PausedReason'] == 'lunch    Action: QueueRemove'


def test_list_actions_gather_their_items(client, peer):
    peer.add_endpoint('alice')
    peer.register_contact('alice', 'sip:alice@127.0.0.1:5071')
    peer.new_channel('PJSIP/alice-00000001', caller=('1001', 'Alice'), state='6')
    response, items = client.list_action('CoreShowChannels')
    assert response['Message'] == 'Channels will follow'
    assert [(item['Event'], item['Channel'], item['ChannelStateDesc']) for item in items] == [
        ('CoreShowChannel', 'PJSIP/alice-00000001', 'Up')
    ]
    _, items = client.list_action('PJSIPShowEndpoints')
    assert [(item['ObjectName'], item['DeviceState']) for item in items] == [
        ('alice', 'Not in use')
    ]
    _, items = client.list_action('DeviceStateList')
    assert {
        'Event': 'DeviceStateChange',
        'Device': 'PJSIP/alice',
        'State': 'NOT_INUSE',
    }.items() <= items[0].items()
    _, items = client.list_action('Status')  # folded into the response by pyst2
    assert [(item['Event'], item['Channel'], item['Seconds']) for item in items] == [
        ('Status', 'PJSIP/alice-00000001', '0')
    ]


def test_a_list_answer_folded_by_pyst2_keeps_its_items(client, peer):
    client.queue_add('support', 'Local/id-1@agentcallback', member_name='Agent/1001')
    peer.new_channel('Local/3000@default-00000000;2')
    peer.caller_joins('support', 'Local/3000@default-00000000;2')
    rows = client.queue_status()
    assert [row['Event'] for row in rows] == ['QueueParams', 'QueueMember', 'QueueEntry']
    assert rows[0]['Calls'] == '1' and rows[2]['Channel'] == 'Local/3000@default-00000000;2'


def test_an_error_message_ending_in_a_bare_lf(client, peer):
    peer.fail_next('QueueMemberRingInUse', 'Invalid interface, queuename, or ringinuse value\n')
    with pytest.raises(AmiError, match='ringinuse value'):
        client.action('QueueMemberRingInUse', Interface='x', RingInUse='false', Queue='support')


def test_unsolicited_events_reach_the_handler(peer):
    events = []
    ami = AmiClient(
        '127.0.0.1',
        peer.port,
        'xivows',
        'ami-secret',
        timeout=1.0,
        events=True,
        on_event=events.append,
    )
    ami.connect()
    ami.queue_add('support', 'SIP/a', member_name='Agent/1')
    ami.queue_status()
    deadline = time.monotonic() + 3
    while len(events) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    ami.close()
    assert [event['Event'] for event in events] == [
        'FullyBooted',
        'SuccessfulAuth',
        'QueueMemberAdded',
    ]
    assert events[2]['Privilege'] == 'agent,all' and events[2]['MemberName'] == 'Agent/1'
