"""The live tables, fed by the worker from the fake AMI peer (list actions at
connect, events after), and the freshness check dialects call."""

import time

import pytest

from tests.helpers.asterisk import pbx  # noqa: F401 (fixture)
from xivows import settings
from xivows.errors import Unavailable
from xivows.live import queries as live
from xivows.models.live import LiveConnection, LiveQueueMember


@pytest.fixture
def busy(pbx):
    """An Asterisk with endpoints, a registered contact, calls, a caller waiting,
    a parked call and an outbound registration, before the worker connects."""
    peer = pbx.peer
    peer.add_endpoint('alice')
    peer.add_endpoint('bob')
    peer.register_contact('alice', 'sip:alice@127.0.0.1:5071')
    peer.add_member('support', 'PJSIP/bob', member_name='Bob', penalty=1)
    peer.new_channel('PJSIP/alice-00000001', caller=('1001', 'Alice'), state='6')
    peer.new_channel(
        'Local/3000@default-00000000;2', caller=('5551234', 'Queue Caller'), state='4'
    )
    peer.caller_joins('support', 'Local/3000@default-00000000;2')
    peer.new_channel('Local/700@default-00000001;2', caller=('5559999', 'Parked Guy'))
    peer.park('Local/700@default-00000001;2')
    peer.add_registration('trunk', 'sip:trunk@127.0.0.1:5099', 'sip:127.0.0.1:5099')
    return pbx


def test_a_resync_fills_every_table(busy):
    busy.settle()
    assert live.require_fresh().connected
    [support, sales] = sorted(live.queues(), key=lambda row: row.name, reverse=True)
    assert (support.name, support.calls, support.strategy) == ('support', 1, 'ringall')
    [member] = live.queue_members('support')
    assert (member.interface, member.member_name, member.penalty, member.status) == (
        'PJSIP/bob',
        'Bob',
        1,
        5,
    )  # bob has no contact: unavailable
    [entry] = live.queue_entries('support')
    assert (entry.channel, entry.position, entry.caller_id_num) == (
        'Local/3000@default-00000000;2',
        1,
        '5551234',
    )
    assert {(row.channel, row.state_desc, row.caller_id_name) for row in live.channels()} == {
        ('PJSIP/alice-00000001', 'Up', 'Alice'),
        ('Local/3000@default-00000000;2', 'Ring', 'Queue Caller'),
        ('Local/700@default-00000001;2', 'Down', 'Parked Guy'),
    }
    assert {(row.name, row.device_state) for row in live.endpoints()} == {
        ('alice', 'Not in use'),
        ('bob', 'Unavailable'),
    }
    [contact] = live.contacts()
    assert (contact.aor, contact.uri, contact.endpoint, contact.status) == (
        'alice',
        'sip:alice@127.0.0.1:5071',
        'alice',
        'NonQualified',
    )
    assert [row.name for row in live.aors()] == ['alice', 'bob']
    assert [(row.name, row.username) for row in live.auths()] == [
        ('alice-auth', 'alice'),
        ('bob-auth', 'bob'),
    ]
    assert [(row.name, row.status) for row in live.registrations()] == [('trunk', 'Registered')]
    [parked] = live.parked_calls()
    assert (parked.channel, parked.space, parked.parkinglot) == (
        'Local/700@default-00000001;2',
        '701',
        'default',
    )
    assert live.device_state('PJSIP/alice').state == 'NOT_INUSE'


def test_events_keep_the_tables_current(busy):
    busy.settle()
    peer = busy.peer
    peer.set_channel_state('Local/3000@default-00000000;2', '6')
    peer.caller_leaves('Local/3000@default-00000000;2', abandon=True)
    peer.hangup_channel('PJSIP/alice-00000001')
    peer.unpark('Local/700@default-00000001;2')
    peer.unregister_contact('alice')
    peer.set_registration('trunk', 'Unregistered')
    peer.set_device('PJSIP/bob', 'NOT_INUSE')
    # until the last event sent is applied too (events may come in several batches)
    busy.settle(
        lambda: (
            live.parked_calls() == []
            and live.contacts() == []
            and live.queue('support').abandoned == 1
            and getattr(live.device_state('PJSIP/bob'), 'state', None) == 'NOT_INUSE'
        )
    )
    assert {row.channel for row in live.channels()} == {
        'Local/3000@default-00000000;2',
        'Local/700@default-00000001;2',
    }
    assert live.channel('Local/3000@default-00000000;2').state_desc == 'Up'
    assert live.queue_entries() == [] and live.queue('support').calls == 0
    assert live.registrations()[0].status == 'Unregistered'
    assert {(row.name, row.device_state) for row in live.endpoints()} == {
        ('alice', 'Unavailable'),
        ('bob', 'Not in use'),
    }
    assert live.queue_members('support')[0].status == 1


def test_an_unchanged_row_keeps_its_change_time(busy):
    busy.settle()
    before = {row.interface: row.changed_at for row in LiveQueueMember.select()}
    time.sleep(0.05)
    busy.engine.resync_due = 0
    busy.settle(lambda: busy.engine.resync_due > time.monotonic())
    assert {row.interface: row.changed_at for row in LiveQueueMember.select()} == before


def test_reads_are_refused_without_a_connected_fresh_worker(pbx, monkeypatch):
    with pytest.raises(Unavailable, match='not connected|has not run'):
        live.require_fresh()
    pbx.settle()
    live.require_fresh()
    monkeypatch.setitem(settings._current, 'LIVE_MAX_AGE', 5.0)
    LiveConnection.update(checked_at=time.time() - 60).execute()
    with pytest.raises(Unavailable, match='last seen 60 s ago') as refused:
        live.require_fresh()
    assert refused.value.status == 503
    pbx.peer.stop()
    pbx.settle(lambda: not live.connection().connected)
    with pytest.raises(Unavailable, match='Asterisk not connected: AMI'):
        live.require_fresh()
