"""View and list of users, lines and queues over HTTP, side by side (issue 13).

    python bench/services.py [--users 10000] [--queues 1000] [--database-url URL]
                             [--floor ../shared/bench/floor_app.py] [--floor-python PY]
                             [--requests view=300,list=10] [--workers 2]

The floor benchmark (shared/bench/run_bench.py) serves users only. This script
measures the same per-request work on two other services of xivows, lines and
queues, against the users requests of xivows itself, and against the floor's
users requests when `--floor` names its floor_app.py (the floor is then filled
with the same users and served by gunicorn with gevent workers, as xivows is).

It fills a fresh store in-process through the services (N users shaped like the
floor benchmark's, each with a SIP line and a voicemail, and Q queues of 5 users
each; a temporary SQLite file, or --database-url naming an empty PostgreSQL
database), serves it with `xivows serve` (gevent workers, every dialect, the
background worker), then runs the cases in rounds, each round every case in
turn (order reversed every other round, so that they share the machine's
noise), over keep-alive connections. It prints, per case, the median and p95
latency, the body size, and the ratio of the median to the users request of the
same act (xivows, and the floor's). A benchmark, not a test: it never runs in CI.
"""

import argparse
import base64
import http.client
import json
import os
import random
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..'))

from bench import data
from bench.serving import free_port

LOGIN, PASSWORD = 'bench', 'bench-services-password'
FLOOR_AUTH = 'bench:bench-floor-pw'
PATHS = {
    'users': '/service/ipbx/json.php/restricted/pbx_settings/users/',
    'lines': '/service/ipbx/json.php/restricted/pbx_settings/lines/',
    'queues': '/callcenter/json.php/restricted/settings/queues/',
}
BATCH = {'view': 30, 'list': 1}


class Client:
    def __init__(self, port, auth):
        self.port = port
        self.headers = {'Authorization': 'Basic ' + base64.b64encode(auth.encode()).decode()}
        self.conn = None

    def get(self, path):
        for _ in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection('127.0.0.1', self.port, timeout=600)
            started = time.perf_counter()
            try:
                self.conn.request('GET', path, headers=self.headers)
                response = self.conn.getresponse()
                body = response.read()
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                continue
            elapsed = time.perf_counter() - started
            if response.will_close:
                self.conn.close()
                self.conn = None
            if response.status != 200:
                raise RuntimeError(f'{path}: {response.status} {body[:200]!r}')
            return elapsed, len(body)
        raise RuntimeError(f'{path}: no answer')


def start(argv, env, port, log):
    process = subprocess.Popen(
        argv, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            conn = http.client.HTTPConnection('127.0.0.1', port, timeout=2)
            conn.request('GET', '/healthz')
            if conn.getresponse().status == 200:
                return process
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            raise RuntimeError(f'{argv[0]} did not start')
        time.sleep(0.2)


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)


def fill_xivows(url, users, queues):
    os.environ.setdefault('XIVOWS_CONFIG', '')
    from xivows import create_app, migrations, wsusers
    from xivows.db import database

    app = create_app({'DATABASE_URL': url, 'LOG_LEVEL': 'WARNING', 'WORKER': False})
    with app.app_context():
        data.require_empty(database)
        migrations.upgrade()
        with database.atomic():
            wsusers.create(LOGIN, login=LOGIN, password=PASSWORD, grants=['*'])
        ids = data.fill_in_process(users, queues)
        if url.startswith('sqlite'):
            database.execute_sql('ANALYZE')
    database.close()
    return ids


def fill_floor(floor_app, python, db_path, users, directory):
    subprocess.run([python, floor_app, 'init', db_path], check=True)
    bodies = os.path.join(directory, 'bodies.jsonl')
    with open(bodies, 'w') as fh:
        fh.writelines(json.dumps(data.user_body(index, 1)) + '\n' for index in range(users))
    subprocess.run(
        [python, floor_app, 'fill', db_path, bodies], check=True, stdout=subprocess.DEVNULL
    )


def parse_requests(text):
    counts = {'view': 300, 'list': 10}
    for item in filter(None, text.split(',')):
        key, _, value = item.partition('=')
        counts[key] = int(value)
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--users', type=int, default=10000)
    parser.add_argument('--queues', type=int, default=1000)
    parser.add_argument('--database-url', help='an empty PostgreSQL database (default SQLite)')
    parser.add_argument(
        '--floor', help="shared/bench/floor_app.py: also measure the floor's users"
    )
    parser.add_argument(
        '--floor-python',
        default=sys.executable,
        help='python with flask, gunicorn and gevent for the floor',
    )
    parser.add_argument(
        '--xivows',
        default=f'{sys.executable} -m xivows.cli',
        help='the xivows command (default: this python)',
    )
    parser.add_argument('--workers', type=int, default=2)
    parser.add_argument('--requests', default='', help='view=300,list=10')
    parser.add_argument('--json', help='write every latency to this file')
    args = parser.parse_args()
    counts = parse_requests(args.requests)
    directory = tempfile.mkdtemp(prefix='xivows-services-')
    url = args.database_url or f'sqlite:///{directory}/xivows.db'
    started = time.monotonic()
    ids = fill_xivows(url, args.users, args.queues)
    print(
        f'filled {args.users} users, {args.queues} queues in {time.monotonic() - started:.0f} s',
        file=sys.stderr,
    )
    processes, clients = [], {}
    with open(os.path.join(directory, 'servers.log'), 'ab') as log:
        results = serve_and_measure(args, url, ids, counts, directory, log, processes, clients)
    report(results, args)
    if args.json:
        with open(args.json, 'w') as fh:
            json.dump(
                {
                    'args': vars(args),
                    'results': {f'{t} {s} {a}': r for (t, s, a), r in results.items()},
                },
                fh,
            )


def serve_and_measure(args, url, ids, counts, directory, log, processes, clients):
    try:
        port = free_port()
        env = dict(os.environ, XIVOWS_DATABASE_URL=url, XIVOWS_CONFIG='')
        processes.append(
            start(
                shlex.split(args.xivows)
                + ['serve', '--bind', f'127.0.0.1:{port}', '--workers', str(args.workers)],
                env,
                port,
                log,
            )
        )
        clients['xivows'] = Client(port, f'{LOGIN}:{PASSWORD}')
        if args.floor:
            floor_db = os.path.join(directory, 'floor.db')
            fill_floor(args.floor, args.floor_python, floor_db, args.users, directory)
            port = free_port()
            env = dict(os.environ, FLOOR_DB=floor_db, FLOOR_AUTH=FLOOR_AUTH)
            processes.append(
                start(
                    [
                        args.floor_python,
                        '-m',
                        'gunicorn',
                        '--workers',
                        str(args.workers),
                        '--worker-class',
                        'gevent',
                        '--bind',
                        f'127.0.0.1:{port}',
                        '--chdir',
                        os.path.dirname(os.path.abspath(args.floor)),
                        'floor_app:app',
                    ],
                    env,
                    port,
                    log,
                )
            )
            clients['floor'] = Client(port, FLOOR_AUTH)
        return measure(clients, ids, counts)
    finally:
        for process in processes:
            stop(process)


def cases(clients):
    found = [(target, 'users', act) for target in clients for act in ('view', 'list')]
    found += [
        ('xivows', service, act) for service in ('lines', 'queues') for act in ('view', 'list')
    ]
    return found


def measure(clients, ids, counts):
    rng = random.Random(1)
    floor_ids = list(range(1, len(ids['users']) + 1))  # the floor numbers its users from 1
    key_ids = {
        ('xivows', 'users'): ids['users'],
        ('floor', 'users'): floor_ids,
        ('xivows', 'lines'): ids['lines'],
        ('xivows', 'queues'): ids['queues'],
    }
    plan = cases(clients)
    results = {case: {'ms': [], 'bytes': 0} for case in plan}
    for case in plan:  # warm up
        target, service, act = case
        for _ in range(3):
            clients[target].get(path(service, act, key_ids[target, service], rng))
    rounds = max(counts['view'] // BATCH['view'], counts['list'] // BATCH['list'])
    for index in range(rounds):
        for case in plan if index % 2 == 0 else plan[::-1]:
            target, service, act = case
            done = results[case]['ms']
            if len(done) >= counts[act]:
                continue
            for _ in range(BATCH[act]):
                elapsed, size = clients[target].get(
                    path(service, act, key_ids[target, service], rng)
                )
                done.append(elapsed * 1000)
                results[case]['bytes'] = size
    return results


def path(service, act, keys, rng):
    if act == 'view':
        return f'{PATHS[service]}?act=view&id={rng.choice(keys)}'
    return f'{PATHS[service]}?act=list'


def report(results, args):
    def median(case):
        return statistics.median(results[case]['ms'])

    print(
        f'\nN = {args.users} users, {args.queues} queues, '
        f'{"PostgreSQL" if args.database_url else "SQLite"}, {args.workers} gevent workers\n'
    )
    head = ['target', 'service', 'act', 'median ms', 'p95 ms', 'bytes', 'x xivows users']
    has_floor = any(target == 'floor' for target, _, _ in results)
    if has_floor:
        head.append("x floor's users")
    print('| ' + ' | '.join(head) + ' |')
    print('|' + '---|' * len(head))
    for case in results:
        target, service, act = case
        values = sorted(results[case]['ms'])
        row = [
            target,
            service,
            act,
            f'{median(case):.2f}',
            f'{values[int(0.95 * (len(values) - 1))]:.2f}',
            str(results[case]['bytes']),
            f'{median(case) / median(("xivows", "users", act)):.2f}',
        ]
        if has_floor:
            row.append(f'{median(case) / median(("floor", "users", act)):.2f}')
        print('| ' + ' | '.join(row) + ' |')


if __name__ == '__main__':
    main()
