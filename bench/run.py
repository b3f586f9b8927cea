"""Benchmark of the json.php services over HTTP, served by gunicorn.

    python bench/run.py [--users 10000] [--repeat 5] [--database-url URL] [--workers 2]

Fills a fresh database with N users (each with a SIP line and a voicemail)
through the service layer, serves it with `xivows serve`, then times `list`,
`search`, `view` and `add` of pbx_settings/users over HTTP and prints the
median (and min/max) of the repeats. With --cel N it also loads N call events
and times `call_management/cel?act=searchid` (limit 5000). A PostgreSQL URL
must name an empty database."""

import argparse
import base64
import os
import random
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))

from bench.serving import serve
from xivows import create_app, migrations, wsusers
from xivows.db import database
from xivows.jsonphp.resources.users import user_input
from xivows.models.context import Context, ContextNumbers
from xivows.models.entity import Entity
from xivows.resources.users import service as users

LOGIN, PASSWORD = 'bench', 'bench-password'
USERS = '/service/ipbx/json.php/restricted/pbx_settings/users/'
CEL = '/service/ipbx/json.php/restricted/call_management/cel/'
FIRST_NUMBER = 100000


def user_document(entity_id, index):
    number = str(FIRST_NUMBER + index)
    return {
        'userfeatures': {
            'firstname': f'User{index:06d}',
            'lastname': 'Bench',
            'entityid': entity_id,
            'language': 'en_US',
        },
        'linefeatures': {'protocol': ['sip'], 'context': ['bench'], 'number': [number]},
        'voicemail': {
            'name': f'User{index:06d} Bench',
            'number': number,
            'context': 'bench',
            'password': '1234',
        },
    }


def fill(count, cel_count):
    started = time.monotonic()
    with database.atomic():
        migrations.upgrade()
        entity = Entity.create(name='bench', displayname='Benchmark', dcreate=int(time.time()))
        Context.create(name='bench', displayname='Bench', entity='bench')
        ContextNumbers.create(
            context='bench',
            type='user',
            numberbeg=str(FIRST_NUMBER),
            numberend=str(FIRST_NUMBER + 10 * count + 10000),
        )
        wsusers.create(LOGIN, login=LOGIN, password=PASSWORD, grants=['*'])
        for index in range(count):
            users.create(user_input(user_document(entity.id, index), adding=True))
            if index and index % 1000 == 0:
                print(f'  {index} users...', file=sys.stderr)
    if cel_count:
        from xivows.resources.cel import service as cel

        with database.atomic():
            cel.generate(cel_count)
    print(
        f'filled {count} users and {cel_count} call events in {time.monotonic() - started:.1f} s',
        file=sys.stderr,
    )
    return entity.id


class Client:
    def __init__(self, base):
        self.base = base
        token = base64.b64encode(f'{LOGIN}:{PASSWORD}'.encode()).decode()
        self.headers = {'Authorization': f'Basic {token}'}

    def call(self, path, body=None):
        request = urllib.request.Request(self.base + path, data=body, headers=self.headers)
        if body is not None:
            request.add_header('Content-Type', 'application/json')
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                payload = response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            payload, status = error.read(), error.code
        elapsed = time.perf_counter() - started
        if status >= 300:
            raise RuntimeError(f'{path}: HTTP {status} {payload[:200]!r}')
        return elapsed, payload


def measure(repeat, function):
    times = [function() for _ in range(repeat)]
    return statistics.median(times), min(times), max(times)


def run(args):
    import json

    env = dict(os.environ, XIVOWS_DATABASE_URL=args.database_url, XIVOWS_LOG_LEVEL='WARNING')
    app = create_app({'DATABASE_URL': args.database_url, 'LOG_LEVEL': 'WARNING'})
    with app.app_context():
        entity_id = fill(args.users, args.cel)
    database.close()
    process, base = serve(env, args.workers)
    client = Client(base)
    rows = []
    try:
        client.call(USERS + '?act=list')  # warm up the workers
        size = len(client.call(USERS + '?act=list')[1])
        rows.append(
            (
                f'users list ({args.users} users, {size // 1024} KiB)',
                measure(args.repeat, lambda: client.call(USERS + '?act=list')[0]),
            )
        )
        rows.append(
            (
                'users search (substring of names)',
                measure(
                    args.repeat, lambda: client.call(USERS + '?act=search&search=User0001')[0]
                ),
            )
        )
        ids = [random.randint(1, args.users) for _ in range(args.repeat)]
        rows.append(
            (
                'users view',
                measure(args.repeat, lambda: client.call(f'{USERS}?act=view&id={ids.pop()}')[0]),
            )
        )
        next_index = iter(range(args.users, args.users + 10 * args.repeat))
        rows.append(
            (
                'users add (user + line + voicemail)',
                measure(
                    args.repeat,
                    lambda: client.call(
                        USERS + '?act=add',
                        json.dumps(user_document(entity_id, next(next_index))).encode(),
                    )[0],
                ),
            )
        )
        if args.cel:
            starts = [random.randint(0, max(args.cel - 5000, 0)) for _ in range(args.repeat)]
            rows.append(
                (
                    f'cel searchid ({args.cel} events, limit 5000)',
                    measure(
                        args.repeat,
                        lambda: client.call(f'{CEL}?act=searchid&idbeg={starts.pop()}')[0],
                    ),
                )
            )
    finally:
        process.terminate()
        process.wait(timeout=30)
    print(f'\n{"request":<48} {"median":>9} {"min":>9} {"max":>9}')
    for name, (median, low, high) in rows:
        print(f'{name:<48} {median * 1000:>7.1f}ms {low * 1000:>7.1f}ms {high * 1000:>7.1f}ms')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--users', type=int, default=10000)
    parser.add_argument('--cel', type=int, default=0, help='call events to load (e.g. 1000000)')
    parser.add_argument('--repeat', type=int, default=5)
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
