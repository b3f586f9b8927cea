"""Delivery of queued events: `deliver_due()` for the background worker,
`purge_old()` for the clean-up.

Per callback, only its oldest pending event is ever sent: the next one waits until
it was delivered or failed for good, so a receiver sees a callback's events in
order. An event is claimed (a lease in the store) before it is sent, so two
deliverers never send it at once; a deliverer that dies mid-way leaves a lease that
expires, and the event is sent again (at least once: receivers dedupe on
`X-Event-Id`). No transaction is open while requests are in flight."""

import json
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from peewee import fn

from xivows import db, settings
from xivows.models.outbox import AgentCallback, OutboxAttempt, OutboxEvent

logger = logging.getLogger(__name__)

PENDING, DELIVERED, FAILED = 'pending', 'delivered', 'failed'


@dataclass(frozen=True)
class _Job:
    event_id: int
    uuid: str
    method: str
    url: str
    fields: list
    attempts: int
    created_at: float


@dataclass
class Summary:
    delivered: int = 0
    retried: int = 0
    failed: int = 0
    errors: list = field(default_factory=list)

    @property
    def sent(self):
        return self.delivered + self.retried + self.failed


def _write_transaction():
    # SQLite: take the write lock at BEGIN (see xivows.transaction).
    if db.is_sqlite():
        return db.database.atomic(lock_type='IMMEDIATE')
    return db.database.atomic()


def backoff(attempts):
    """Delay after the n-th failed attempt: doubling from CALLBACK_BACKOFF_INITIAL,
    at most CALLBACK_BACKOFF_MAX."""
    initial = float(settings.get('CALLBACK_BACKOFF_INITIAL'))
    return min(float(settings.get('CALLBACK_BACKOFF_MAX')), initial * 2 ** max(attempts - 1, 0))


def _lease_seconds():
    return 4 * float(settings.get('CALLBACK_TIMEOUT')) + 10


def _claim(now, limit):
    """Lease the due head event of each callback (oldest pending first)."""
    heads = (
        OutboxEvent.select(fn.MIN(OutboxEvent.id))
        .where(OutboxEvent.state == PENDING)
        .group_by(OutboxEvent.callback)
    )
    free = OutboxEvent.lease_until.is_null() | (OutboxEvent.lease_until < now)
    jobs = []
    with _write_transaction():
        rows = (
            OutboxEvent.select(OutboxEvent, AgentCallback)
            .join(AgentCallback)
            .where(OutboxEvent.id.in_(heads) & (OutboxEvent.next_attempt_at <= now) & free)
            .order_by(OutboxEvent.id)
            .limit(limit)
        )
        for row in rows:
            leased = (
                OutboxEvent.update(lease_until=now + _lease_seconds())
                .where((OutboxEvent.id == row.id) & (OutboxEvent.state == PENDING) & free)
                .execute()
            )
            if leased:
                jobs.append(
                    _Job(
                        row.id,
                        row.uuid,
                        row.callback.method,
                        row.callback.url,
                        [tuple(pair) for pair in json.loads(row.payload)],
                        row.attempts,
                        row.created_at,
                    )
                )
    return jobs


def _send(job):
    # urllib3 (with http.client, email and importlib.metadata under it: ~6 MiB
    # of resident memory) loads with the first callback sent, not in every
    # process that imports the outbox.
    from xivows.outbox import transport

    try:
        return transport.send(
            job.method,
            job.url,
            job.fields,
            {'X-Event-Id': job.uuid},
            timeout=float(settings.get('CALLBACK_TIMEOUT')),
            ca_file=settings.get('CALLBACK_CA_FILE') or None,
        )
    except Exception as exc:  # a bug must not leave the event leased and unrecorded
        logger.exception('sending callback event %s', job.uuid)
        return transport.Result(None, f'internal error: {type(exc).__name__}: {exc}', 0.0)


def _send_all(jobs):
    concurrency = max(1, int(settings.get('CALLBACK_CONCURRENCY')))
    if len(jobs) == 1 or concurrency == 1:
        return [(job, _send(job)) for job in jobs]
    # Threads only send: the store is read and written by the calling thread.
    with ThreadPoolExecutor(max_workers=min(concurrency, len(jobs))) as pool:
        return list(zip(jobs, pool.map(_send, jobs)))


def _record(outcomes, now, summary):
    retry_for = float(settings.get('CALLBACK_RETRY_FOR'))
    with _write_transaction():
        for job, result in outcomes:
            attempts = job.attempts + 1
            deadline = job.created_at + retry_for
            if result.delivered:
                outcome, changes = (
                    DELIVERED,
                    {'state': DELIVERED, 'finished_at': now, 'last_error': None},
                )
            elif now >= deadline:
                outcome, changes = (
                    FAILED,
                    {'state': FAILED, 'finished_at': now, 'last_error': result.error},
                )
            else:
                outcome = 'retry'
                changes = {
                    'next_attempt_at': min(now + backoff(attempts), deadline),
                    'last_error': result.error,
                }
            updated = (
                OutboxEvent.update(attempts=attempts, lease_until=None, **changes)
                .where(OutboxEvent.id == job.event_id)
                .execute()
            )
            if not updated:
                continue  # its callback was deleted meanwhile
            OutboxAttempt.create(
                event=job.event_id,
                started_at=now - result.duration,
                duration=result.duration,
                status_code=result.status,
                error=result.error,
                outcome=outcome,
            )
            if outcome == DELIVERED:
                summary.delivered += 1
            elif outcome == FAILED:
                summary.failed += 1
                logger.warning('callback event %s failed for good: %s', job.uuid, result.error)
            else:
                summary.retried += 1
                summary.errors.append(result.error)


def deliver_due(now=None, max_events=1000, batch=50):
    """Send every due event (each callback's oldest pending one, again and again
    while they succeed), at most `max_events`; returns a Summary. `now` (epoch
    seconds) replaces the clock for scheduling, for tests and replays."""
    summary = Summary()
    while summary.sent < max_events:
        started = time.time() if now is None else now
        jobs = _claim(started, min(batch, max_events - summary.sent))
        if not jobs:
            break
        outcomes = _send_all(jobs)
        _record(outcomes, time.time() if now is None else now, summary)
    return summary


def purge_old(now=None):
    """Delete delivered and failed events (and their attempts) finished more than
    CALLBACK_KEEP seconds ago; returns how many events."""
    now = time.time() if now is None else now
    limit = now - float(settings.get('CALLBACK_KEEP'))
    with _write_transaction():
        return (
            OutboxEvent.delete()
            .where(OutboxEvent.state.in_((DELIVERED, FAILED)) & (OutboxEvent.finished_at < limit))
            .execute()
        )
