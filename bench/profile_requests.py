"""Where a json.php request's time goes: queries per request and a cProfile.

    python bench/profile_requests.py [--users 1000] [--database-url URL] [--case view]
                            [--requests 500] [--top 30] [--sort tottime|cumulative]
                            [--served] [--digest] [--timed 200]
                            [--profile-out FILE]

Fills a fresh store (a temporary SQLite file unless --database-url names an
empty PostgreSQL database) with N users shaped like the floor benchmark's (a
SIP line and a voicemail each, added through the json.php `add` document and the
users service in one transaction), then runs the requests of one case through
the Flask test client, in-process (no gunicorn, no gevent: what is left is the
application's own cost), and prints:

* the statements each request ran (peewee's query counter) and their SQL once;
* the median time per request;
* the cProfile of all the case's requests (the functions that cost most).

--served calls the WSGI stack gunicorn serves (xivows.server's HostHeaderCheck and BodyDeadline
around the app) with a gunicorn-shaped environ instead of the test client, and
writes each request's access-log line with gunicorn's logger as served
(xivows.accesslog.RedactingLogger) to /dev/null: the server-side cost without
the test client's own. --digest prints a SHA-256 of every response's status,
headers and body (the same requests each run): equal digests before and after
a change mean the same bytes on the wire.

Cases: view, list, search_one, search_1pct, search_number, add (users), and
queues_view, queues_list, lines_view, lines_list (with --queues Q queues).
A benchmark, not a test: it never runs in CI."""

import argparse
import base64
import cProfile
import hashlib
import io
import json
import logging
import os
import pstats
import random
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))

os.environ.setdefault('XIVOWS_CONFIG', '')

from playhouse.test_utils import count_queries

from bench import data
from xivows import create_app, migrations, wsusers
from xivows.db import database

LOGIN, PASSWORD = 'bench', 'bench-profile-password'
IPBX = '/service/ipbx/json.php/restricted/'
USERS = IPBX + 'pbx_settings/users/'
LINES = IPBX + 'pbx_settings/lines/'
QUEUES = '/callcenter/json.php/restricted/settings/queues/'


def paths(case, args, rng, ids):
    """The request (method, path, body) of one iteration of a case."""
    if case == 'view':
        return 'GET', f'{USERS}?act=view&id={rng.choice(ids["users"])}', None
    if case == 'list':
        return 'GET', f'{USERS}?act=list', None
    if case == 'search_one':
        return 'GET', f'{USERS}?act=search&search=Doe{rng.randrange(args.users):07d}', None
    if case == 'search_1pct':
        return 'GET', f'{USERS}?act=search&search={rng.choice(data.FIRST_NAMES).lower()}', None
    if case == 'search_number':
        return (
            'GET',
            f'{USERS}?act=search&search={data.FIRST_NUMBER + rng.randrange(args.users)}',
            None,
        )
    if case == 'add':
        index = ids['next_add']
        ids['next_add'] += 1
        return 'POST', f'{USERS}?act=add', json.dumps(data.user_body(index, ids['entity']))
    if case == 'lines_view':
        return 'GET', f'{LINES}?act=view&id={rng.choice(ids["lines"])}', None
    if case == 'lines_list':
        return 'GET', f'{LINES}?act=list', None
    if case == 'queues_view':
        return 'GET', f'{QUEUES}?act=view&id={rng.choice(ids["queues"])}', None
    if case == 'queues_list':
        return 'GET', f'{QUEUES}?act=list', None
    raise SystemExit(f'unknown case {case}')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--users', type=int, default=1000)
    parser.add_argument('--queues', type=int, default=0)
    parser.add_argument('--database-url')
    parser.add_argument('--case', default='view')
    parser.add_argument('--requests', type=int, default=500)
    parser.add_argument('--top', type=int, default=30)
    parser.add_argument('--sort', default='tottime')
    parser.add_argument('--no-profile', action='store_true', help='timings and queries only')
    parser.add_argument('--timed', type=int, default=200, help='requests timed for the median')
    parser.add_argument('--served', action='store_true', help='the served WSGI stack, access log')
    parser.add_argument('--profile-out', help='also write the cProfile data to this file')
    parser.add_argument('--digest', action='store_true', help="a hash of the responses' bytes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        url = args.database_url or f'sqlite:///{directory}/profile.db'
        app = create_app({'DATABASE_URL': url, 'LOG_LEVEL': 'WARNING', 'WORKER': False})
        if args.digest:
            _deterministic()
        with app.app_context():
            data.require_empty(database)
            migrations.upgrade()
            with database.atomic():
                wsusers.create(LOGIN, login=LOGIN, password=PASSWORD, grants=['*'])
            started = time.monotonic()
            clock = time.time
            if args.digest:  # stored creation dates too
                time.time = lambda: 1_750_000_000.0
            try:
                ids = data.fill_in_process(args.users, args.queues)
            finally:
                time.time = clock
            print(
                f'filled {args.users} users, {args.queues} queues in '
                f'{time.monotonic() - started:.1f} s',
                file=sys.stderr,
            )
        database.close()
        ids['next_add'] = args.users
        client = app.test_client()
        token = base64.b64encode(f'{LOGIN}:{PASSWORD}'.encode()).decode()
        headers = {'Authorization': f'Basic {token}'}
        rng = random.Random(1)

        if args.served:
            one = served(app, headers, lambda case: paths(case, args, rng, ids))
        else:

            def one(case):
                return test_client(case, paths(case, args, rng, ids))

        def test_client(case, request):
            method, path, body = request
            response = client.open(
                path,
                method=method,
                data=body,
                headers=headers,
                content_type='application/json' if body else None,
                environ_base={'REMOTE_ADDR': '127.0.0.1'},
            )
            if response.status_code not in (200, 204):
                raise SystemExit(f'{path}: {response.status_code} {response.data[:300]!r}')
            return response.status, list(response.headers.items()), response.data

        for _ in range(20):  # warm up (the password cache, imports, SQLite's page cache)
            one(args.case if args.case != 'add' else 'view')
        logging.getLogger('peewee').propagate = False
        with count_queries() as counted:
            one(args.case)
        print(f'\n{args.case}: {counted.count} statements per request')
        for query in counted.get_queries():
            print('   ', query.msg[0][:160])
        times = []
        cpu = time.process_time()
        for _ in range(args.timed):
            t0 = time.perf_counter()
            one(args.case)
            times.append(time.perf_counter() - t0)
        cpu = (time.process_time() - cpu) / args.timed
        # the least disturbed stretch of 50 requests (others share the machine)
        best = min(
            (statistics.mean(times[at : at + 50]) for at in range(0, len(times) - 49, 50)),
            default=statistics.mean(times),
        )
        print(
            f'median {statistics.median(times) * 1000:.3f} ms, CPU {cpu * 1000:.3f} ms, '
            f'best 50 {best * 1000:.3f} ms '
            f'over {len(times)} requests '
            f'(in-process, {"served stack" if args.served else "test client"})'
        )
        if args.digest:
            rng.seed(2)
            digest = hashlib.sha256()
            for _ in range(100):
                status, response_headers, content = one(args.case)
                digest.update(repr((status, response_headers)).encode() + content)
            print(f'digest of 100 responses: {digest.hexdigest()}')
        if args.no_profile:
            return
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            one(args.case)
        profiler.disable()
        if args.profile_out:
            profiler.dump_stats(args.profile_out)
        stats = pstats.Stats(profiler)
        stats.sort_stats(args.sort).print_stats(args.top)


def _deterministic():
    """--digest: the store's random values (uuids, line names, secrets) drawn
    from a seeded generator, so that two runs store the same data."""
    import secrets
    import uuid

    seeded = random.Random(3)
    uuid.uuid4 = lambda: uuid.UUID(int=seeded.getrandbits(128), version=4)
    secrets.randbelow = seeded.randrange


def served(app, headers, next_request):
    """one(case) through the WSGI callable gunicorn's workers serve, with the
    access-log line gunicorn writes (to /dev/null)."""
    from gunicorn.config import Config

    from xivows.accesslog import RedactingLogger
    from xivows.http.hostcheck import HostHeaderCheck
    from xivows.jsonphp.routes import streamed_request
    from xivows.server import BodyDeadline, _close_after

    wsgi = HostHeaderCheck(
        BodyDeadline(app, 10, app.config['MAX_CONTENT_LENGTH'], streamed=streamed_request),
        _close_after,
    )
    config = Config()
    config.set('accesslog', os.devnull)
    access = RedactingLogger(config)

    class Response:  # what gunicorn's logger reads of its response
        def __init__(self, status, headers, sent):
            self.status, self.headers, self.sent = status, headers, sent

    def one(case):
        method, path, body = next_request(case)
        target, _, query = path.partition('?')
        data = (body or '').encode()
        environ = {
            'REQUEST_METHOD': method,
            'SCRIPT_NAME': '',
            'PATH_INFO': target,
            'QUERY_STRING': query,
            'RAW_URI': path,
            'SERVER_PROTOCOL': 'HTTP/1.1',
            'SERVER_NAME': '127.0.0.1',
            'SERVER_PORT': '8080',
            'REMOTE_ADDR': '127.0.0.1',
            'REMOTE_PORT': '50000',
            'HTTP_HOST': '127.0.0.1:8080',
            'HTTP_AUTHORIZATION': headers['Authorization'],
            'HTTP_USER_AGENT': 'wrk',
            'wsgi.version': (1, 0),
            'wsgi.url_scheme': 'http',
            'wsgi.input': io.BytesIO(data),
            'wsgi.errors': sys.stderr,
            'wsgi.multithread': False,
            'wsgi.multiprocess': True,
            'wsgi.run_once': False,
        }
        if body:
            environ['CONTENT_TYPE'] = 'application/json'
            environ['CONTENT_LENGTH'] = str(len(data))
        started = {}

        def start_response(status, response_headers, exc_info=None):
            started['status'], started['headers'] = status, response_headers

        started_at = time.perf_counter()
        chunks = wsgi(environ, start_response)
        try:
            data = b''.join(chunks)
        finally:
            if hasattr(chunks, 'close'):
                chunks.close()
        status = started['status']
        if not status.startswith(('200', '204')):
            raise SystemExit(f'{path}: {status} {data[:300]!r}')
        access.access(
            Response(status, started['headers'], len(data)),
            None,
            environ,
            time.perf_counter() - started_at,
        )
        return int(status.split()[0]), started['headers'], data

    return one


if __name__ == '__main__':
    main()
