"""Benchmark of the /v1 live list endpoints against json.php lists of the same size.

    python bench/v1_live.py [--size 1000] [--repeat 20] [--database-url URL] [--workers 2]

A wallboard polls every live resource about once a second: each of those reads
must cost about what a plain store list costs, with no AMI round trip. This
fills a fresh store with N agents and N users (with a SIP line each) and starts
a fake Asterisk (tests/helpers/fake_ami.py, replaying a real Asterisk 21) holding
N channels, N queue members, N device states and N registered PJSIP contacts;
`xivows serve` and its worker copy them into the live tables. Then it times, over
HTTP, the /v1 live lists (N items each) and the json.php agents and users lists
(N items each), interleaved, and prints the median of each and its ratio to the
json.php agents list (the target: at most 1.5). A PostgreSQL URL must name an
empty database."""

import argparse
import base64
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
sys.path.insert(0, ROOT)

from bench.serving import free_port
from tests.helpers.fake_ami import FakeAmi  # noqa: E402
from xivows import create_app, migrations, wsusers  # noqa: E402
from xivows.db import database  # noqa: E402
from xivows.jsonphp.resources.users import user_input  # noqa: E402
from xivows.models.agent import AgentFeatures  # noqa: E402
from xivows.models.context import Context, ContextNumbers  # noqa: E402
from xivows.models.entity import Entity  # noqa: E402
from xivows.resources.users import service as users  # noqa: E402

LOGIN, PASSWORD = 'bench', 'bench-password'
AGENTS = '/callcenter/json.php/restricted/settings/agents/?act=list'
USERS = '/service/ipbx/json.php/restricted/pbx_settings/users/?act=list'
LIVE = (
    '/v1/admin/core/channels',
    '/v1/admin/queue/members',
    '/v1/device_states',
    '/v1/admin/pjsip/contacts',
    '/v1/admin/pjsip/endpoints',
    '/v1/peers',
)
FIRST = 100000


def fill_store(size):
    with database.atomic():
        migrations.upgrade()
        entity = Entity.create(name='bench', displayname='Benchmark', dcreate=int(time.time()))
        Context.create(name='bench', displayname='Bench', entity='bench')
        ContextNumbers.create(
            context='bench', type='user', numberbeg=str(FIRST), numberend=str(FIRST + 10 * size)
        )
        wsusers.create(LOGIN, login=LOGIN, password=PASSWORD, grants=['*'])
        for index in range(size):
            AgentFeatures.create(
                number=str(FIRST + index),
                context='bench',
                firstname=f'Agent{index:06d}',
                lastname='Bench',
            )
            users.create(
                user_input(
                    {
                        'userfeatures': {
                            'firstname': f'User{index:06d}',
                            'lastname': 'Bench',
                            'entityid': entity.id,
                        },
                        'linefeatures': {
                            'protocol': ['sip'],
                            'context': ['bench'],
                            'number': [str(FIRST + index)],
                        },
                    },
                    adding=True,
                )
            )


def fill_asterisk(size):
    peer = FakeAmi(queues=('support',), login_failure_delay=0.05)
    for index in range(size):
        name = f'ep{index:06d}'
        peer.add_endpoint(name)
        peer.register_contact(name, f'sip:{name}@127.0.0.1:{10000 + index}')
        peer.new_channel(f'PJSIP/{name}-{index:08x}', caller=(str(FIRST + index), name), state='6')
        peer.add_member(
            'support',
            f'Local/id-{index}@agentcallback',
            member_name=f'Agent/{FIRST + index}',
            state_interface=f'PJSIP/{name}',
        )
    return peer.start()


def call(base, path, headers):
    request = urllib.request.Request(base + path, headers=headers)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            payload, status = response.read(), response.status
    except urllib.error.HTTPError as error:
        payload, status = error.read(), error.code
    elapsed = time.perf_counter() - started
    if status >= 300:
        raise RuntimeError(f'{path}: HTTP {status} {payload[:200]!r}')
    return elapsed, payload


def run(args):
    env = dict(
        os.environ,
        XIVOWS_DATABASE_URL=args.database_url,
        XIVOWS_LOG_LEVEL='WARNING',
        XIVOWS_CONFIG='',
    )
    app = create_app({'DATABASE_URL': args.database_url, 'LOG_LEVEL': 'WARNING'})
    started = time.monotonic()
    with app.app_context():
        fill_store(args.size)
    database.close()
    peer = fill_asterisk(args.size)
    print(f'filled {args.size} of each in {time.monotonic() - started:.1f} s', file=sys.stderr)
    env.update(
        XIVOWS_AMI_HOST='127.0.0.1',
        XIVOWS_AMI_PORT=str(peer.port),
        XIVOWS_AMI_USERNAME='xivows',
        XIVOWS_AMI_SECRET='ami-secret',
        XIVOWS_AMI_TIMEOUT='30',
    )
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            '-m',
            'xivows.cli',
            'serve',
            '--bind',
            f'127.0.0.1:{port}',
            '--workers',
            str(args.workers),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f'http://127.0.0.1:{port}'
    basic = {'Authorization': 'Basic ' + base64.b64encode(f'{LOGIN}:{PASSWORD}'.encode()).decode()}
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                login = urllib.request.Request(
                    base + '/v1/admin/login', data=b'', headers=basic, method='POST'
                )
                with urllib.request.urlopen(login, timeout=5) as response:
                    token = json.loads(response.read())['result']['authtoken']
                # the worker's first resync filled the live tables
                _, payload = call(base, f'/v1/admin/core/channels?authtoken={token}', {})
                if len(json.loads(payload)['result']['list']) == args.size:
                    break
            except (OSError, RuntimeError, ValueError):
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError('xivows serve or its worker did not come up')
            time.sleep(0.5)
        cases = [('json.php agents list', AGENTS, basic), ('json.php users list', USERS, basic)]
        cases += [(f'/v1 {path[4:]}', f'{path}?authtoken={token}', {}) for path in LIVE]
        sizes = {}
        for name, path, headers in cases:  # warm up, check the item counts
            payload = call(base, path, headers)[1]
            document = json.loads(payload)
            items = document['result']['list'] if isinstance(document, dict) else document
            assert len(items) == args.size, (name, len(items))
            sizes[name] = len(payload)
        times = {name: [] for name, _, _ in cases}
        for _ in range(args.repeat):  # interleaved: drifts of the machine hit every case
            for name, path, headers in cases:
                times[name].append(call(base, path, headers)[0])
    finally:
        process.terminate()
        process.wait(timeout=30)
        peer.stop()
    reference = statistics.median(times['json.php agents list'])
    print(
        f'\n{args.size} items per list, {args.repeat} rounds, {args.workers} workers, '
        f'{"SQLite" if args.database_url.startswith("sqlite") else "PostgreSQL"}'
    )
    print(f'{"list":<32} {"KiB":>6} {"median":>9} {"min":>9} {"ratio":>6}')
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f'{name:<32} {sizes[name] // 1024:>6} {median * 1000:>7.1f}ms '
            f'{min(values) * 1000:>7.1f}ms {median / reference:>6.2f}'
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--size', type=int, default=1000)
    parser.add_argument('--repeat', type=int, default=20)
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
