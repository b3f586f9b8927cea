"""Benchmark of the seed-003 dialect (/api/ver1.0) over HTTP, served by
`xivows serve` with its background worker (not a test: it prints figures).

    python bench/callqueue.py [--agents 200] [--repeat 50] [--changes-per-minute 1000]
                              [--duration 60] [--database-url URL] [--workers 2]

1. Reads: the seed-003 view of an agent and of a queue against json.php's view of
   the same object (median, min, max of --repeat requests, one connection each).
2. Callback latency: one agent login change at a time through the API; the time
   from the request to the callback's arrival at a receiver on loopback.
3. Callback throughput: agent login changes at --changes-per-minute for --duration
   seconds, spread over the agents (each has a callback per event type); the
   events waiting in the outbox are sampled every second, and the latency of every
   event is measured (each agent's events arrive in order).
A PostgreSQL URL must name an empty database."""

import argparse
import base64
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))

from bench.serving import serve
from xivows import create_app, db, migrations, wsusers  # noqa: E402
from xivows.db import database  # noqa: E402
from xivows.models.context import Context, ContextNumbers  # noqa: E402
from xivows.models.entity import Entity  # noqa: E402
from xivows.models.outbox import OutboxEvent  # noqa: E402
from xivows.numbering import extension_of  # noqa: E402
from xivows.resources.agent_callbacks import service as callbacks  # noqa: E402
from xivows.resources.agent_settings import service as agent_settings  # noqa: E402
from xivows.resources.agents import service as agents  # noqa: E402
from xivows.resources.agents.inputs import AgentInput  # noqa: E402
from xivows.resources.api_clients import service as api_clients  # noqa: E402
from xivows.resources.lines.inputs import LineInput  # noqa: E402
from xivows.resources.queue_members.inputs import MemberInput  # noqa: E402
from xivows.resources.queues import service as queues  # noqa: E402
from xivows.resources.queues.inputs import QueueInput  # noqa: E402
from xivows.resources.users import service as users  # noqa: E402
from xivows.resources.users.inputs import UserInput  # noqa: E402

LOGIN, PASSWORD = 'bench', 'bench-password'
PREFIX = '/api/ver1.0'
AGENTS_VIEW = '/callcenter/json.php/restricted/settings/agents/'
QUEUES_VIEW = '/callcenter/json.php/restricted/settings/queues/'


# -- a callback receiver ------------------------------------------------------------


class Receiver:
    """Records (arrival time, agent id, event id, status) of every callback."""

    def __init__(self):
        self.arrivals = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = 'HTTP/1.1'

            def log_message(self, *args):
                pass

            def do_GET(self):
                arrived = time.time()
                fields = dict(parse_qsl(urlsplit(self.path).query))
                with receiver.lock:
                    receiver.arrivals.append(
                        (
                            arrived,
                            fields.get('agent_id'),
                            self.headers.get('X-Event-Id'),
                            fields.get('agent_status'),
                        )
                    )
                self.send_response(200)
                self.send_header('Content-Length', '0')
                self.end_headers()

        self.server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def count(self):
        with self.lock:
            return len(self.arrivals)

    def stop(self):
        self.server.shutdown()


# -- the store ----------------------------------------------------------------------


def fill(count, receiver_port):
    """Entity bench: N local agents, each on its own phone, with a login and a logout
    callback; one queue with every agent; an application; a web-service user."""
    started = time.monotonic()
    with database.atomic():
        migrations.upgrade()
        entity = Entity.create(name='bench', displayname='Benchmark', dcreate=int(time.time()))
        Context.create(name='bench', displayname='Bench', entity='bench')
        Context.create(name='bench-out', displayname='Out', entity='bench', contexttype='outcall')
        ContextNumbers.create(context='bench', type='user', numberbeg='1000', numberend='9999')
        ContextNumbers.create(context='bench', type='queue', numberbeg='300', numberend='399')
        wsusers.create(LOGIN, login=LOGIN, password=PASSWORD, grants=['*'])
        application = api_clients.create('bench', 'bench')
        agent_ids, phones = [], []
        for index in range(count):
            user_id = users.create(
                UserInput(
                    features={'firstname': f'Phone{index:04d}', 'entityid': entity.id},
                    line=LineInput(protocol='sip', context='bench', number=str(1000 + index)),
                )
            )
            phone = extension_of('user', user_id)
            agent_id = agents.create(
                AgentInput(
                    features={
                        'number': str(8000 + index),
                        'context': 'bench',
                        'numgroup': 1,
                        'autologoff': 0,
                        'firstname': f'Agent{index:04d}',
                    }
                )
            )
            agent_settings.save(
                agent_id,
                agent_settings.SettingsChanges(
                    extension_id=phone.id, call_timeout=30, wrap_up_time=5
                ),
            )
            for event_type in callbacks.EVENT_TYPES:
                callbacks.create(
                    entity.id,
                    agent_id,
                    callbacks.CallbackInput(
                        f'http://127.0.0.1:{receiver_port}/hook', event_type, 'GET'
                    ),
                )
            agent_ids.append(agent_id)
            phones.append(phone.id)
        queue_id = queues.create(
            QueueInput(
                features={'name': 'bench', 'number': '300', 'context': 'bench'},
                agents=[
                    MemberInput(agent_id, index % 3) for index, agent_id in enumerate(agent_ids)
                ],
            )
        )
        queue_extension = extension_of('queue', queue_id).id
    print(f'filled {count} agents in {time.monotonic() - started:.1f} s', file=sys.stderr)
    return application, agent_ids, queue_id, queue_extension


# -- HTTP ---------------------------------------------------------------------------


def call(base, path, headers, method='GET', body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        base + path,
        data=data,
        method=method,
        headers={**headers, 'Content-Type': 'application/json'},
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            payload, status = response.read(), response.status
    except urllib.error.HTTPError as error:
        payload, status = error.read(), error.code
    if status >= 300:
        raise RuntimeError(f'{method} {path}: HTTP {status} {payload[:200]!r}')
    return time.perf_counter() - started, payload


def token(base, application):
    credentials = base64.b64encode(
        f'{application.client.client_id}:{application.client_secret}'.encode()
    ).decode()
    request = urllib.request.Request(
        base + PREFIX + '/oauth/token',
        data=b'grant_type=client_credentials',
        headers={'Authorization': f'Basic {credentials}'},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())['access_token']


def stats(values):
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95, ordered[0], ordered[-1]


def pending_events():
    database.connect(reuse_if_open=True)
    try:
        return OutboxEvent.select().where(OutboxEvent.state == 'pending').count()
    finally:
        database.close()


# -- the measures -------------------------------------------------------------------


def reads(base, bearer, basic, agent_id, queue_id, queue_extension, repeat):
    pairs = [
        (
            'agent: seed-003 GET agent/local/{id}',
            PREFIX + f'/client/@me/agent/local/{agent_id}',
            bearer,
        ),
        ('agent: json.php settings/agents view', f'{AGENTS_VIEW}?act=view&id={agent_id}', basic),
        (
            'queue: seed-003 GET extension/{id}/queue/',
            PREFIX + f'/extension/{queue_extension}/queue/',
            bearer,
        ),
        (
            'queue: seed-003 GET .../queue/agents/local/',
            PREFIX + f'/extension/{queue_extension}/queue/agents/local/',
            bearer,
        ),
        ('queue: json.php settings/queues view', f'{QUEUES_VIEW}?act=view&id={queue_id}', basic),
    ]
    rows = []
    for name, path, headers in pairs:
        call(base, path, headers)  # warm up
        times = [call(base, path, headers)[0] for _ in range(repeat)]
        rows.append((name, statistics.median(times), min(times), max(times)))
    return rows


def latency(base, bearer, receiver, agent_id, changes):
    """One change at a time: request start -> callback arrival."""
    measured = []
    status = 'available'
    for _ in range(changes):
        before = receiver.count()
        started = time.time()
        call(
            base, PREFIX + f'/client/@me/agent/local/{agent_id}', bearer, 'PUT', {'status': status}
        )
        deadline = time.monotonic() + 30
        while receiver.count() == before:
            if time.monotonic() > deadline:
                raise RuntimeError('no callback within 30 s')
            time.sleep(0.001)
        measured.append(receiver.arrivals[before][0] - started)
        status = 'logged_out' if status == 'available' else 'available'
    return measured


def throughput(base, bearer, receiver, agent_ids, per_minute, duration):
    """Changes at a steady rate over the agents; (sent, pending samples, latencies)."""
    interval = 60.0 / per_minute
    states = {agent_id: 'logged_out' for agent_id in agent_ids}
    sent = {agent_id: [] for agent_id in agent_ids}  # request start times, in order
    first_arrival = len(receiver.arrivals)
    samples = []
    lock = threading.Lock()

    def change(agent_id):
        with lock:
            wanted = 'available' if states[agent_id] == 'logged_out' else 'logged_out'
            states[agent_id] = wanted
            sent[agent_id].append(time.time())
        call(
            base, PREFIX + f'/client/@me/agent/local/{agent_id}', bearer, 'PUT', {'status': wanted}
        )

    stop = threading.Event()

    def sample():
        while not stop.wait(1.0):
            samples.append(pending_events())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    total = int(per_minute * duration / 60)
    began = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        futures = []
        for index in range(total):
            due = began + index * interval
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            futures.append(pool.submit(change, agent_ids[index % len(agent_ids)]))
        for future in futures:
            future.result()
    elapsed = time.monotonic() - began
    deadline = time.monotonic() + 30
    while receiver.count() - first_arrival < total and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    sampler.join()
    arrivals = {}
    for arrived, agent, event_id, _ in receiver.arrivals[first_arrival:]:
        arrivals.setdefault(int(agent), {}).setdefault(event_id, arrived)
    latencies = []
    for agent_id, starts in sent.items():
        firsts = list(arrivals.get(agent_id, {}).values())
        latencies += [arrived - start for start, arrived in zip(starts, firsts)]
    delivered = sum(len(by_id) for by_id in arrivals.values())
    return total, elapsed, delivered, samples, latencies, pending_events()


def run(args):
    receiver = Receiver()
    env = dict(
        os.environ,
        XIVOWS_DATABASE_URL=args.database_url,
        XIVOWS_LOG_LEVEL='WARNING',
        XIVOWS_CALLBACK_ALLOWED_NETWORKS='127.0.0.1/32',
    )
    app = create_app(
        {
            'DATABASE_URL': args.database_url,
            'LOG_LEVEL': 'WARNING',
            'CALLBACK_ALLOWED_NETWORKS': ['127.0.0.1/32'],
        }
    )
    with app.app_context():
        application, agent_ids, queue_id, queue_extension = fill(args.agents, receiver.port)
    database.close()
    db.close_all()
    process, base = serve(env, args.workers)
    try:
        bearer = {'Authorization': f'Bearer {token(base, application)}'}
        basic = {
            'Authorization': 'Basic ' + base64.b64encode(f'{LOGIN}:{PASSWORD}'.encode()).decode()
        }
        rows = reads(base, bearer, basic, agent_ids[0], queue_id, queue_extension, args.repeat)
        print(
            f'\n{"read (" + str(args.agents) + " agents, queue of all)":<48} '
            f'{"median":>9} {"min":>9} {"max":>9}'
        )
        for name, median, low, high in rows:
            print(f'{name:<48} {median * 1000:>7.1f}ms {low * 1000:>7.1f}ms {high * 1000:>7.1f}ms')
        measured = latency(base, bearer, receiver, agent_ids[1], args.latency_changes)
        median, p95, low, high = stats(measured)
        print(
            f'\ncallback latency, one change at a time ({len(measured)} changes): median '
            f'{median * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {high * 1000:.0f} ms'
        )
        total, elapsed, delivered, samples, latencies, left = throughput(
            base, bearer, receiver, agent_ids, args.changes_per_minute, args.duration
        )
        median, p95, low, high = stats(latencies) if latencies else (0, 0, 0, 0)
        print(
            f'\nthroughput: {total} changes in {elapsed:.1f} s '
            f'({total / elapsed * 60:.0f}/min over {len(agent_ids)} agents), '
            f'{delivered} callbacks received'
        )
        print(
            f'  outbox pending, sampled each second: max {max(samples or [0])}, '
            f'last {samples[-1] if samples else 0}, after the run {left}'
        )
        print(
            f'  callback latency: median {median * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, '
            f'max {high * 1000:.0f} ms'
        )
    finally:
        process.terminate()
        process.wait(timeout=30)
        receiver.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--agents', type=int, default=200)
    parser.add_argument('--repeat', type=int, default=50)
    parser.add_argument('--latency-changes', type=int, default=50)
    parser.add_argument('--changes-per-minute', type=int, default=1000)
    parser.add_argument('--duration', type=float, default=60.0)
    parser.add_argument('--workers', type=int, default=2)
    parser.add_argument(
        '--database-url', help='default: a new SQLite file in a temporary directory'
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        args.database_url = args.database_url or f'sqlite:///{directory}/bench.db'
        run(args)


if __name__ == '__main__':
    main()
