"""Delivery to a real HTTP receiver on loopback: exactly one distinct event id per
change, in order per callback, retried after failures, failed after the bound."""

import time

import pytest

from tests.helpers.receiver import Receiver
from xivows.models.outbox import OutboxAttempt, OutboxEvent
from xivows.outbox import delivery, network
from xivows.resources.agent_callbacks import service as callbacks


@pytest.fixture(autouse=True)
def _loopback(loopback_allowed):
    pass


def states():
    return [event.state for event in OutboxEvent.select().order_by(OutboxEvent.id)]


def test_one_distinct_event_id_per_change_in_order(receiver, subscribe, change, agent):
    subscribe(receiver.url('/in?key=k1'), 'agent-login', 'GET')
    subscribe(receiver.url('/out'), 'agent-logout', 'POST')
    for logged in (True, False, True, False):
        change(logged)
    change(False)  # "no event when nothing changed" is the emitter's rule; one emit, one event
    summary = delivery.deliver_due()
    assert (summary.delivered, summary.retried, summary.failed) == (5, 0, 0)
    ids = receiver.event_ids()
    assert len(ids) == len(set(ids)) == 5
    queued = [event.uuid for event in OutboxEvent.select().order_by(OutboxEvent.id)]
    per_callback = {
        '/in': [
            u
            for u, e in zip(queued, OutboxEvent.select().order_by(OutboxEvent.id))
            if e.event_type == 'agent-login'
        ],
        '/out': [
            u
            for u, e in zip(queued, OutboxEvent.select().order_by(OutboxEvent.id))
            if e.event_type == 'agent-logout'
        ],
    }
    for path, expected in per_callback.items():
        assert [r.event_id for r in receiver.requests if r.path == path] == expected
    get = next(r for r in receiver.requests if r.path == '/in')
    assert get.method == 'GET' and get.body == b''
    assert get.query == [
        ('key', 'k1'),
        ('agent_status', 'available'),
        ('agent_type', 'local'),
        ('event_source', 'api'),
        ('agent_id', str(agent.id)),
        ('extension_name', '1001@default'),
    ]
    assert get.headers['Host'] == f'127.0.0.1:{receiver.port}'
    post = next(r for r in receiver.requests if r.path == '/out')
    assert post.method == 'POST' and post.query == []
    assert post.headers['Content-Type'] == 'application/x-www-form-urlencoded'
    assert post.form == [
        ('agent_status', 'logged_out'),
        ('agent_type', 'local'),
        ('event_source', 'api'),
        ('agent_id', str(agent.id)),
        ('extension_name', '1001@default'),
    ]
    assert states() == ['delivered'] * 5
    assert delivery.deliver_due().sent == 0
    assert len(receiver.requests) == 5


def test_retries_in_order_after_failures(receiver, subscribe, change):
    subscribe(receiver.url())
    change(True)
    change(False)
    change(True)
    first, second = [event.uuid for event in OutboxEvent.select().order_by(OutboxEvent.id)]
    start = OutboxEvent.select().first().created_at
    receiver.answers = [500, 503]
    assert delivery.deliver_due(now=start).retried == 1
    assert receiver.event_ids() == [first]  # the second waits for the first
    event = OutboxEvent.get(OutboxEvent.uuid == first)
    assert (event.state, event.attempts, event.next_attempt_at) == ('pending', 1, start + 1)
    assert delivery.deliver_due(now=start + 0.5).sent == 0  # not due yet
    assert delivery.deliver_due(now=start + 1).retried == 1
    assert OutboxEvent.get(OutboxEvent.uuid == first).next_attempt_at == start + 1 + 2
    summary = delivery.deliver_due(now=start + 3)
    assert (summary.delivered, summary.retried) == (2, 0)
    assert receiver.event_ids() == [first, first, first, second]
    attempts = [
        (a.outcome, a.status_code) for a in OutboxAttempt.select().order_by(OutboxAttempt.id)
    ]
    assert attempts == [('retry', 500), ('retry', 503), ('delivered', 200), ('delivered', 200)]


def test_failed_after_the_bound_then_the_next_event_goes(receiver, subscribe, change):
    subscribe(receiver.url())
    change(True)
    change(False)
    change(True)
    start = OutboxEvent.select().first().created_at
    receiver.answers = [500] * 20
    moments = [start, start + 1, start + 3, start + 7, start + 10]
    for moment in moments[:-1]:
        assert delivery.deliver_due(now=moment).retried == 1
    summary = delivery.deliver_due(now=moments[-1])
    assert summary.failed == 1 and summary.retried == 1  # the next one's first attempt
    failed = OutboxEvent.select().order_by(OutboxEvent.id).first()
    assert (failed.state, failed.attempts, failed.last_error) == ('failed', 5, 'HTTP 500')
    assert [round(a.started_at - start) for a in failed.attempt_rows] == [0, 1, 3, 7, 10]
    assert receiver.event_ids() == [failed.uuid] * 5 + [
        OutboxEvent.select().order_by(OutboxEvent.id)[1].uuid
    ]
    receiver.answers = []
    assert delivery.deliver_due(now=moments[-1] + 1).delivered == 1
    assert states() == ['failed', 'delivered']


def test_a_receiver_that_does_not_answer_times_out(receiver, subscribe, change, configure):
    configure(CALLBACK_TIMEOUT=0.5)
    subscribe(receiver.url())
    change(True)
    receiver.answers = [('hang', 5)]
    started = time.monotonic()
    assert delivery.deliver_due().retried == 1
    assert time.monotonic() - started < 4
    attempt = OutboxAttempt.get()
    assert attempt.status_code is None and 'no answer within 0.5 s' in attempt.error


def test_an_unreachable_receiver_is_retried(subscribe, change, receiver):
    with Receiver() as gone:
        url = gone.url()
    subscribe(url)
    change(True)
    assert delivery.deliver_due().retried == 1
    attempt = OutboxAttempt.get()
    assert attempt.status_code is None and 'Connection refused' in attempt.error, attempt.error


def test_redirects_are_not_followed(subscribe, change):
    with Receiver() as target, Receiver() as redirecting:
        redirecting.answers = [('redirect', target.url('/elsewhere'))]
        subscribe(redirecting.url())
        change(True)
        assert delivery.deliver_due().retried == 1
        assert target.requests == []
    attempt = OutboxAttempt.get()
    assert attempt.status_code == 302 and 'not followed' in attempt.error


def test_a_crashed_deliverer_resends_the_same_event_id(receiver, subscribe, change):
    subscribe(receiver.url())
    change(True)
    start = OutboxEvent.get().created_at
    claimed = delivery._claim(start, 10)
    assert len(claimed) == 1
    assert delivery._claim(start, 10) == []  # leased: nobody else sends it
    assert delivery.deliver_due(now=start + 1).sent == 0
    # The deliverer died after sending, before recording: the lease expires.
    later = OutboxEvent.get().lease_until + 1
    assert delivery.deliver_due(now=later).delivered == 1
    assert receiver.event_ids() == [claimed[0].uuid]


def test_deleting_a_callback_drops_its_pending_events(receiver, subscribe, change, acme, agent):
    callback = subscribe(receiver.url())
    change(True)
    callbacks.delete(acme.id, agent.id, callback.id)
    assert not OutboxEvent.select().exists()
    assert delivery.deliver_due().sent == 0 and receiver.requests == []


def test_an_edited_url_is_used_for_pending_events(subscribe, change, acme, agent):
    with Receiver() as old, Receiver() as new:
        callback = subscribe(old.url())
        change(True)
        callbacks.edit(acme.id, agent.id, callback.id, callbacks.CallbackChanges(url=new.url()))
        assert delivery.deliver_due().delivered == 1
        assert old.requests == [] and len(new.requests) == 1


def test_purge_old(receiver, subscribe, change, configure):
    configure(CALLBACK_KEEP=100.0)
    subscribe(receiver.url())
    change(True)
    change(False)
    change(True)
    start = OutboxEvent.select().first().created_at
    assert delivery.deliver_due(now=start).delivered == 1  # the second is not due yet
    receiver.answers = [500]
    assert delivery.deliver_due(now=start + 1).retried == 1
    assert states() == ['delivered', 'pending']
    assert delivery.purge_old(now=start + 99) == 0
    assert delivery.purge_old(now=start + 101) == 1
    assert states() == ['pending']
    assert OutboxAttempt.select().count() == 1


# -- the network policy at connect time ---------------------------------------------------


def test_loopback_is_refused_by_default(receiver, subscribe, change, configure, monkeypatch):
    subscribe(receiver.url(host='receiver.test'))
    configure(CALLBACK_ALLOWED_NETWORKS=[])
    monkeypatch.setattr(network, '_lookup', lambda host, port: ['127.0.0.1'])
    change(True)
    assert delivery.deliver_due().retried == 1
    assert receiver.requests == []
    assert OutboxAttempt.get().error.startswith('refused: 127.0.0.1 is in 127.0.0.0/8')


@pytest.mark.parametrize(
    'answers',
    [
        ['169.254.169.254'],
        ['fe80::1'],
        ['::ffff:169.254.169.254'],
        ['100.100.100.200'],
        ['0.0.0.0'],
    ],
)
def test_a_name_resolving_to_a_refused_address(receiver, subscribe, change, monkeypatch, answers):
    subscribe('http://metadata.test/latest/meta-data/')
    monkeypatch.setattr(network, '_lookup', lambda host, port: answers)
    change(True)
    assert delivery.deliver_due().retried == 1
    attempt = OutboxAttempt.get()
    assert attempt.status_code is None and attempt.error.startswith('refused:')


def test_configured_denied_networks(receiver, subscribe, change, configure):
    subscribe(receiver.url())
    configure(CALLBACK_DENIED_NETWORKS=['127.0.0.1/32'])
    change(True)
    assert delivery.deliver_due().retried == 1 and receiver.requests == []
    assert 'CALLBACK_DENIED_NETWORKS' in OutboxAttempt.get().error


def test_the_checked_address_is_the_one_connected(receiver, subscribe, change, monkeypatch):
    """The name is resolved once, by xivows, and urllib3 connects to that address:
    `receiver.test` exists in no DNS, so a second resolution would fail, and a
    rebinding answer (the second one here) is never asked for."""
    answers = [['127.0.0.1'], ['169.254.169.254']]
    lookups = []

    def lookup(host, port):
        lookups.append(host)
        return answers[min(len(lookups) - 1, 1)]

    monkeypatch.setattr(network, '_lookup', lookup)
    subscribe(receiver.url('/hook', host='receiver.test'))
    change(True)
    assert delivery.deliver_due().delivered == 1
    assert lookups == ['receiver.test']
    assert receiver.requests[0].headers['Host'] == f'receiver.test:{receiver.port}'
    change(False)
    change(True)
    assert delivery.deliver_due().retried == 1  # the rebinding answer is refused
    assert len(receiver.requests) == 1


def test_the_next_address_is_tried_when_one_does_not_connect(
    receiver, subscribe, change, monkeypatch
):
    monkeypatch.setattr(network, '_lookup', lambda host, port: ['127.0.0.2', '127.0.0.1'])
    subscribe(f'http://receiver.test:{receiver.port}/')
    change(True)
    assert delivery.deliver_due().delivered == 1  # 127.0.0.2 refused the connection
    assert len(receiver.requests) == 1 and OutboxAttempt.get().outcome == 'delivered'


def test_non_ascii_urls_are_percent_encoded(receiver, subscribe, change):
    subscribe(receiver.url('/café?x=é'))
    change(True)
    assert delivery.deliver_due().delivered == 1
    request = receiver.requests[0]
    assert request.path == '/caf%C3%A9' and request.query[0] == ('x', 'é')
