"""Benchmark of the users import (`xivows users import`), as a user runs it.

    python bench/import_users.py [--users 50000] [--format jsonl|pipe|csv]
                                 [--postgres ADMIN_DSN] [--keep DIR]

Creates a fresh store (a SQLite file in a temporary directory, or with
--postgres a database created and dropped through that DSN), an entity and a
context with a user range, writes the users file (the floor benchmark's data
set: user #i has a SIP line 1000000+i and a voicemail of the same number, see
shared/bench/run_bench.py user_body), then runs `xivows users import` in a
process of its own and reports its wall time, users/s and peak RSS, and checks
what the store holds afterwards. The file is written in the format asked
(jsonl: the benchmark's add documents; pipe/csv: the original's columns)."""

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKOUT = os.path.dirname(HERE)
sys.path.insert(0, CHECKOUT)

from bench.data import CONTEXT_NAME as CONTEXT  # noqa: E402  (the checkout's package)
from bench.data import user_body  # noqa: E402

COLUMNS = (
    'entityid',
    'firstname',
    'lastname',
    'language',
    'musiconhold',
    'enablexfer',
    'enablehint',
    'bosssecretary',
    'userfield',
    'phonenumber',
    'context',
    'protocol',
    'linesecret',
    'voicemailname',
    'voicemailnumber',
    'voicemailcontext',
    'voicemailpassword',
)


def table_row(i, entity_id):
    body = user_body(i, entity_id)
    user, line, box = body['userfeatures'], body['linefeatures'], body['voicemail']
    return [
        entity_id,
        user['firstname'],
        user['lastname'],
        'en_US',
        'default',
        '1',
        '1',
        'no',
        user['userfield'],
        line['number'][0],
        CONTEXT,
        'sip',
        line['secret'][0],
        box['name'],
        box['number'],
        CONTEXT,
        box['password'],
    ]


def write_file(path, count, entity_id, format_):
    with open(path, 'w', encoding='utf-8', newline='') as out:
        if format_ == 'jsonl':
            out.writelines(
                json.dumps(user_body(i, entity_id), separators=(',', ':')) + '\n'
                for i in range(count)
            )
            return
        writer = csv.writer(out, delimiter='|' if format_ == 'pipe' else ',', lineterminator='\n')
        writer.writerow(COLUMNS)
        for i in range(count):
            writer.writerow(table_row(i, entity_id))


def run(cmd, env):
    completed = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if completed.returncode:
        sys.exit(
            f'{" ".join(cmd)} failed ({completed.returncode}):\n'
            f'{completed.stdout[-2000:]}{completed.stderr[-2000:]}'
        )
    return completed.stdout


def setup_store(env, python):
    """Schema, entity and context (users 1000000-1999999); the entity's id."""
    script = (
        'import time\n'
        'from xivows import create_app\n'
        'from xivows.db import database\n'
        'from xivows.models.context import Context, ContextNumbers\n'
        'from xivows.models.entity import Entity\n'
        'app = create_app()\n'
        'with app.app_context(), database.atomic():\n'
        '    entity = Entity.create(name="bench", displayname="Bench", dcreate=int(time.time()))\n'
        f'    Context.create(name="{CONTEXT}", displayname="Bench", entity="bench",'
        ' contexttype="internal")\n'
        f'    ContextNumbers.create(context="{CONTEXT}", type="user", numberbeg="1000000",'
        ' numberend="1999999")\n'
        '    print(entity.id)\n'
    )
    return int(run([python, '-c', script], env).strip())


def counts(env, python):
    script = (
        'from xivows import create_app\n'
        'from xivows.models.line import LineFeatures, UserSIP\n'
        'from xivows.models.user import UserFeatures\n'
        'from xivows.models.voicemail import Voicemail\n'
        'from xivows.models.extension import Extension\n'
        'app = create_app()\n'
        'with app.app_context():\n'
        '    print(UserFeatures.select().count(), LineFeatures.select().count(),'
        ' UserSIP.select().count(), Voicemail.select().count(), Extension.select().count())\n'
    )
    return tuple(int(value) for value in run([python, '-c', script], env).split())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--users', type=int, default=50000)
    parser.add_argument('--format', choices=('jsonl', 'pipe', 'csv'), default='jsonl')
    parser.add_argument('--postgres', help='admin DSN: a throwaway database is created there')
    parser.add_argument('--keep', help='keep the work files in this directory')
    parser.add_argument(
        '--xivows',
        default=os.path.join(os.path.dirname(sys.executable), 'xivows'),
        help='the xivows command (default: beside this python)',
    )
    args = parser.parse_args()
    workdir = args.keep or tempfile.mkdtemp(prefix='xivows-import-')
    os.makedirs(workdir, exist_ok=True)
    env = dict(os.environ, XIVOWS_CONFIG='', XIVOWS_DATA_DIR=workdir, XIVOWS_WORKER='false')
    pg_name = None
    if args.postgres:
        import psycopg2

        pg_name = f'xivows_import_{os.getpid()}'
        admin = psycopg2.connect(args.postgres)
        admin.autocommit = True
        admin.cursor().execute(f'CREATE DATABASE {pg_name}')
        env['XIVOWS_DATABASE_URL'] = args.postgres.rsplit('/', 1)[0] + '/' + pg_name
    else:
        env['XIVOWS_DATABASE_URL'] = 'sqlite:///' + os.path.join(workdir, 'xivows.db')
    try:
        run([args.xivows, 'db', 'upgrade'], env)
        entity_id = setup_store(env, sys.executable)
        data = os.path.join(workdir, f'users.{args.format}')
        write_file(data, args.users, entity_id, args.format)
        size = os.path.getsize(data)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        load = os.getloadavg()[0]
        started = time.perf_counter()
        output = run(
            [args.xivows, 'users', 'import', '--format', args.format, '--no-progress', data], env
        )
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        peak = after.ru_maxrss / 1024
        stored = counts(env, sys.executable)
        database = 'PostgreSQL' if args.postgres else 'SQLite'
        print(
            f'{database}, {args.users} users ({args.format}, {size / 2**20:.1f} MiB): '
            f'{wall:.2f} s, {args.users / wall:.0f} users/s, CPU {cpu:.2f} s, peak RSS '
            f'{peak:.0f} MiB (the command, startup included; load average {load:.1f} '
            f'on {os.cpu_count()} CPUs)'
        )
        print(f'  {output.strip()}')
        print(f'  stored: users, lines, SIP peers, voicemails, extensions = {stored}')
        if stored[:4] != (args.users,) * 4:
            sys.exit('the store does not hold what the file gives')
    finally:
        if pg_name:
            admin.cursor().execute(f'DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)')
            admin.close()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    main()
