"""Where a json.php request's time goes: queries per request and a cProfile.

    python bench/profile_requests.py [--users 1000] [--database-url URL] [--case view]
                            [--requests 500] [--top 30] [--sort tottime|cumulative]

Fills a fresh store (a temporary SQLite file unless --database-url names an
empty PostgreSQL database) with N users shaped like the floor benchmark's (a
SIP line and a voicemail each, added through the json.php `add` document and the
users service in one transaction), then runs the requests of one case through
the Flask test client, in-process (no gunicorn, no gevent: what is left is the
application's own cost), and prints:

* the statements each request ran (peewee's query counter) and their SQL once;
* the median time per request;
* the cProfile of all the case's requests (the functions that cost most).

Cases: view, list, search_one, search_1pct, search_number, add (users), and
queues_view, queues_list, lines_view, lines_list (with --queues Q queues).
A benchmark, not a test: it never runs in CI."""

import argparse
import base64
import cProfile
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        url = args.database_url or f'sqlite:///{directory}/profile.db'
        app = create_app({'DATABASE_URL': url, 'LOG_LEVEL': 'WARNING', 'WORKER': False})
        with app.app_context():
            migrations.upgrade()
            with database.atomic():
                wsusers.create(LOGIN, login=LOGIN, password=PASSWORD, grants=['*'])
            started = time.monotonic()
            ids = data.fill_in_process(args.users, args.queues)
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

        def one(case):
            method, path, body = paths(case, args, rng, ids)
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
            return response

        for _ in range(20):  # warm up (the password cache, imports, SQLite's page cache)
            one(args.case if args.case != 'add' else 'view')
        logging.getLogger('peewee').propagate = False
        with count_queries() as counted:
            one(args.case)
        print(f'\n{args.case}: {counted.count} statements per request')
        for query in counted.get_queries():
            print('   ', query.msg[0][:160])
        times = []
        for _ in range(min(args.requests, 200)):
            t0 = time.perf_counter()
            one(args.case)
            times.append(time.perf_counter() - t0)
        print(
            f'median {statistics.median(times) * 1000:.3f} ms over {len(times)} requests '
            f'(in-process, test client)'
        )
        if args.no_profile:
            return
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            one(args.case)
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats(args.sort).print_stats(args.top)


if __name__ == '__main__':
    main()
