"""The active worker's work, one `tick()` at a time, in one thread: keep the AMI
session (connect with backoff, every exchange bounded), feed the live tables from
its events, resync on every (re)connect (at FullyBooted) and periodically, run the
reconciler when an agent's desired state changed (or Asterisk drifted, or a retry
is due), answer the dialects' requests, run the registered tasks."""

import logging
import queue
import time

from xivows import settings as configuration
from xivows.ami import AmiClient, AmiError
from xivows.models.live import LiveConnection
from xivows.worker import changes, live, requests, store, tasks
from xivows.worker.reconciler import Actual, Reconciler, families, member_from_event, owner_of

logger = logging.getLogger(__name__)

PING_SECONDS = 5.0  # an idle link is checked this often
RETRY_SECONDS = 5.0  # agents Asterisk refused are retried this often
TASK_RETRY_SECONDS = 5.0  # a task that failed runs again this soon (its period if shorter)
BOOT_WAIT_SECONDS = 3.0  # resync anyway if FullyBooted did not come after login
SYSTEM_SECONDS = 1.0  # the core status (current calls) is re-read at most this often
MAX_BACKOFF = 10.0
CONNECTION = 'ami'
NO_AMI = 'no AMI configured (AMI_HOST)'


def _astdb_entries(rows):
    """DBGetTreeResponse items -> {(family, key): value}."""
    entries = {}
    for row in rows:
        family, key = row.get('Family', ''), row.get('Key', '')
        full = key if key.startswith('/') else f'/{family}/{key}'
        family, _, key = full.strip('/').rpartition('/')
        entries[(family, key)] = row.get('Val', '')
    return entries


class Engine:
    def __init__(self, keep_alive=None, holder='', client=None):
        """`client`: an AmiClient to use instead of the configured one (tests)."""
        self.holder = holder
        self.events = queue.SimpleQueue()
        host = configuration.get('AMI_HOST')
        self.client = client
        if client is not None:
            client.on_event = self.events.put
            client.events = True
        elif host:
            self.client = AmiClient(
                host,
                configuration.get('AMI_PORT'),
                configuration.get('AMI_USERNAME'),
                configuration.get('AMI_SECRET'),
                configuration.get('AMI_TIMEOUT'),
                events=True,
                on_event=self.events.put,
            )
        self.resync_seconds = float(configuration.get('WORKER_RESYNC_SECONDS'))
        self.actual = Actual()
        self.reconciler = Reconciler(self.actual, keep_alive)
        self.connected_at = None
        self.booted = False
        self.next_connect = 0.0
        self.backoff = 0.5
        self.last_error = None
        self.resync_due = None
        self.reconcile_needed = False
        self.retry_at = 0.0
        self.system_due = False
        self.system_next = 0.0
        self.handled = None
        self.flagged = None  # pending agents last told why Asterisk is out of reach
        self.last_seen = 0.0
        self.last_written = 0.0
        self.last_event = None
        self.counters = None
        self.task_runs = {}
        self._write_connection(
            connected=False, since=time.time(), error=None if self.client else NO_AMI
        )
        if self.client is None:
            self.reconciler.unreachable(NO_AMI)

    # -- the connection row ----------------------------------------------------------

    def _write_connection(self, **fields):
        now = time.time()
        fields.update(holder=self.holder, changed_at=now, configured=self.client is not None)
        with store.writing():
            updated = (
                LiveConnection.update(**fields).where(LiveConnection.name == CONNECTION).execute()
            )
            if not updated:
                LiveConnection.insert(name=CONNECTION, **fields).on_conflict_ignore().execute()

    def _seen(self, now):
        """The link is alive; recorded at most once a second."""
        self.last_seen = now
        if now - self.last_written >= 1.0:
            self.last_written = now
            fields = {'checked_at': time.time()}
            if self.last_event is not None:
                fields['last_event_at'] = self.last_event
            self._write_connection(**fields)

    # -- one turn --------------------------------------------------------------------

    def tick(self):
        now = time.monotonic()
        if self.client is not None:
            self._ami(now)
        else:
            self._flag_unreachable(NO_AMI)
        self._tasks(now)

    def _flag_unreachable(self, reason):
        """While Asterisk cannot be reached, agents changed meanwhile say why they
        are not in sync (the outage was recorded when it began, before them)."""
        pending = frozenset(self.reconciler.pending().items())
        if pending and pending != self.flagged and reason:
            self.reconciler.unreachable(reason)
        self.flagged = pending

    def _ami(self, now):
        client = self.client
        if not client.connected():
            if self.connected_at is not None:
                self._down('AMI connection lost')
            self._flag_unreachable(self.last_error)
            if now < self.next_connect:
                self._answer_requests()
                return
            try:
                client.connect()
            except AmiError as exc:
                self._down(str(exc))
                self._answer_requests()
                return
            self._up(now)
        try:
            self._events(now)
            if not self.booted and now - self.connected_at >= BOOT_WAIT_SECONDS:
                self.booted = True
                self._resync(now)
            elif self.resync_due is not None and now >= self.resync_due:
                self._resync(now)
            if self._resync_asked():
                self._resync(now)
            self._refresh(now)
            if self.system_due and now >= self.system_next:
                self.system_due = False
                self.system_next = now + SYSTEM_SECONDS
                live.refresh_system(client)
            if self.actual.known:
                self._reconcile(now)
            self._answer_requests()
            if now - self.last_seen >= PING_SECONDS:
                client.action('Ping')
                self._seen(now)
        except AmiError as exc:
            logger.warning('AMI: %s', exc)
            if not client.connected():
                self._down(str(exc))

    def _up(self, now):
        logger.info('AMI connected to %s:%s', self.client.host, self.client.port)
        self.connected_at = now
        self.booted = False
        self.backoff = 0.5
        self.last_error = None
        self.actual.known = False
        self.resync_due = None
        self.reconciler.refresh_queues.clear()
        self.flagged = None
        self._write_connection(
            connected=True, since=time.time(), error=None, checked_at=time.time()
        )
        self.last_written = self.last_seen = now

    def _down(self, reason):
        if self.connected_at is not None or reason != self.last_error:
            logger.warning('AMI down: %s', reason)
            self._write_connection(connected=False, since=time.time(), error=reason)
            self.reconciler.unreachable(reason)
        self.connected_at = None
        self.last_error = reason
        self.actual.known = False
        while not self.events.empty():
            self.events.get_nowait()
        self.next_connect = time.monotonic() + self.backoff
        self.backoff = min(self.backoff * 2, MAX_BACKOFF)

    def _events(self, now):
        batch = []
        while not self.events.empty() and len(batch) < 1000:
            batch.append(self.events.get_nowait())
        if not batch:
            return
        self.last_event = time.time()
        followups = live.apply_events(batch)
        for event in batch:
            name = event.get('Event')
            if name == 'FullyBooted':
                self.booted = True
            if self.actual.event(event) and owner_of(event.get('Interface', '')) is not None:
                # An event may be older than the answer to our last action on that
                # member (pyst2 hands them over on another thread): re-read the
                # queue before acting on it.
                if event.get('Queue'):
                    self.reconciler.refresh_queues.add(event['Queue'])
        self.reconciler.refresh_queues.update(followups.queues)
        if followups.resync:
            self._resync(now)
        if followups.registrations:
            live.refresh_registrations(self.client)
        if followups.parked:
            live.refresh_parked(self.client)
        if followups.system:
            self.system_due = True
        self._seen(now)

    def _resync(self, now):
        """Re-read everything (live tables, members, AstDB keys) and converge."""
        items = live.resync(self.client, keep_alive=self.reconciler.keep_alive)
        self.actual.replace_members(
            [member_from_event(item) for item in items if item.get('Event') == 'QueueMember']
        )
        astdb = {}
        for family in families():
            try:
                astdb.update(
                    _astdb_entries(self.client.list_action('DBGetTree', Family=family)[1])
                )
            except AmiError as exc:
                if not self.client.connected():
                    raise
                if 'not found' not in str(exc).lower():
                    logger.warning('DBGetTree %s: %s', family, exc)
        self.actual.astdb = astdb
        self.booted = True
        self.reconcile_needed = True
        self.resync_due = now + self.resync_seconds
        self.last_written = now
        self._write_connection(synced_at=time.time(), checked_at=time.time())
        self.last_seen = now

    def _resync_asked(self):
        counters = changes.counters()
        asked = self.counters is not None and counters.get(changes.RESYNC) != self.counters.get(
            changes.RESYNC
        )
        self.counters = counters
        return asked

    def _refresh(self, now):
        while self.reconciler.refresh_queues:
            name = self.reconciler.refresh_queues.pop()
            items = live.refresh_queue(self.client, name)
            self.actual.replace_members(
                [member_from_event(item) for item in items if item.get('Event') == 'QueueMember'],
                queue=name,
            )
            self.reconcile_needed = True

    def _reconcile(self, now):
        pending = self.reconciler.pending()
        state = frozenset(pending.items())
        if state != self.handled or self.reconcile_needed or (pending and now >= self.retry_at):
            self.reconcile_needed = False
            self.retry_at = now + RETRY_SECONDS
            self.handled = state
            self.reconciler.run(self.client)
            self._seen(now)

    def _answer_requests(self):
        requests.answer_pending(self.client)

    # -- registered tasks ---------------------------------------------------------------

    def _tasks(self, now):
        registered = tasks.registered()
        if not registered:
            return
        counters = changes.counters() if any(task.wake_on for task in registered) else {}
        for task in registered:
            last = self.task_runs.get(task.name)  # (when, wake-up counter, failed)
            due = last is None
            if task.every is not None and last is not None and now - last[0] >= task.every:
                due = True
            if task.wake_on and last is not None and counters.get(task.wake_on) != last[1]:
                due = True
            # A failure (Asterisk unreachable for the configuration's reload...) is
            # retried soon, not at the next period or write.
            if last is not None and last[2] and now - last[0] >= TASK_RETRY_SECONDS:
                due = True
            if not due:
                continue
            started = time.time()  # `now` is monotonic: /healthz shows UNIX time
            try:
                task.function()
            except Exception as exc:  # its own atomic() blocks rolled back what it wrote
                logger.exception('task %s failed', task.name)
                self.task_runs[task.name] = (now, counters.get(task.wake_on), True)
                tasks.record(task.name, started, f'{type(exc).__name__}: {exc}')
            else:
                self.task_runs[task.name] = (now, counters.get(task.wake_on), False)
                tasks.record(task.name, started, None)

    def stop(self):
        if self.client is not None:
            self.client.close()
        try:
            self._write_connection(connected=False, since=time.time(), error='worker stopped')
        except Exception:  # the database may be what stopped us
            logger.debug('could not record the stop', exc_info=True)
