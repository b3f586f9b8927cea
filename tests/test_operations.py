"""Operator traps: where the store is, which commands may create or migrate it,
and configuration mistakes answered with one line (real `xivows` processes)."""

import os
import sqlite3
import subprocess
import sys
import textwrap
import time
import tomllib

import psycopg2
import pytest

from xivows import migrations

VERSIONS = migrations.version_names()


def xivows(*args, env=None, cwd=None, timeout=60):
    return subprocess.run(
        [sys.executable, '-m', 'xivows.cli', *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def env(tmp_path):
    """No configuration file, the data directory in tmp_path/data."""
    environ = {key: value for key, value in os.environ.items() if not key.startswith('XIVOWS_')}
    environ.update(XIVOWS_CONFIG='', XIVOWS_DATA_DIR=str(tmp_path / 'data'))
    return environ


def one_line_error(result, *parts):
    assert result.returncode != 0, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith('Error: '), result.stderr
    for part in parts:
        assert part in lines[0], lines[0]
    return lines[0]


def test_a_command_from_another_directory_creates_no_database(env, tmp_path):
    elsewhere = tmp_path / 'elsewhere'
    elsewhere.mkdir()
    refused = xivows('ws-user', 'list', env=env, cwd=elsewhere)
    one_line_error(refused, f'no database at {tmp_path}/data/xivows.db', 'run `xivows db upgrade`')
    assert list(elsewhere.iterdir()) == [] and not (tmp_path / 'data').exists()

    assert xivows('db', 'upgrade', env=env, cwd=elsewhere).returncode == 0
    assert list(elsewhere.iterdir()) == []
    assert (tmp_path / 'data' / 'xivows.db').is_file()
    assert xivows('ws-user', 'list', env=env, cwd=tmp_path).returncode == 0


def test_only_db_upgrade_migrates_an_outdated_store(env, tmp_path):
    assert xivows('db', 'upgrade', env=env).returncode == 0
    path = tmp_path / 'data' / 'xivows.db'
    with sqlite3.connect(path) as connection:
        connection.execute("DELETE FROM xivows_migration WHERE name = ?", (VERSIONS[-1],))
    for args in (('ws-user', 'list'), ('device', 'list'), ('cel', 'import', '-')):
        one_line_error(
            xivows(*args, env=env),
            'older schema (1 migration(s) pending)',
            'run `xivows db upgrade`',
        )
    with sqlite3.connect(path) as connection:
        assert connection.execute('SELECT count(*) FROM xivows_migration').fetchone() == (
            len(VERSIONS) - 1,
        )
    upgraded = xivows('db', 'upgrade', env=env)
    assert upgraded.stdout == 'schema up to date (1 migration(s) applied)\n'


def test_verbose_says_which_configuration_and_database(env, tmp_path):
    assert xivows('db', 'upgrade', env=env).returncode == 0
    config = tmp_path / 'xivows.toml'
    config.write_text('log_level = "INFO"\n')
    env['XIVOWS_CONFIG'] = str(config)
    expected = f'config file: {config}\ndatabase: {tmp_path}/data/xivows.db\n'
    for args in (
        ('-v', 'ws-user', 'list'),
        ('ws-user', 'list', '-v'),
        ('db', 'upgrade', '-v'),
        ('acl-sections', '--verbose'),
    ):
        result = xivows(*args, env=env)
        assert result.returncode == 0 and result.stderr == expected, (args, result.stderr)
    assert xivows('ws-user', 'list', env=env).stderr == ''


def test_verbose_hides_the_postgresql_password(env):
    env['XIVOWS_DATABASE_URL'] = 'postgresql://xivows:s3cret@127.0.0.1:1/xivows'
    result = xivows('-v', 'ws-user', 'list', env=env)
    assert 'database: postgresql://xivows:***@127.0.0.1:1/xivows' in result.stderr
    assert 's3cret' not in result.stderr


def test_version(env):
    from importlib.metadata import version

    result = xivows('--version', env=env)
    assert (result.returncode, result.stdout) == (0, f'xivows {version("xivows")}\n')


@pytest.mark.parametrize(
    'variables,file_text,message',
    [
        (
            {'XIVOWS_CONFIG': '/nonexistent/xivows.toml'},
            None,
            'config file /nonexistent/xivows.toml: not found',
        ),
        ({}, 'workers = [\n', 'not valid TOML'),
        ({}, 'workers = "two"\n', 'workers: must be an integer'),
        ({'XIVOWS_WORKERS': 'two'}, None, 'XIVOWS_WORKERS: must be an integer'),
        (
            {'XIVOWS_DATABASE_URL': 'mysql://xivows:pw@db/xivows'},
            None,
            "DATABASE_URL: unsupported database 'mysql'",
        ),
        ({'XIVOWS_DATA_DIR': 'relative/dir'}, None, 'DATA_DIR: must be an absolute path'),
        ({'XIVOWS_LOG_LEVEL': 'LOUD'}, None, 'XIVOWS_LOG_LEVEL: must be one of DEBUG, INFO'),
        ({}, 'workers = 0\n', 'workers: must be at least 1 (not 0)'),
        ({'XIVOWS_DIALECTS': 'jsonphp,soap'}, None, "DIALECTS: unknown dialect 'soap'"),
        (
            {'XIVOWS_DATABASE_URL': 'postgresql://xivows:s3cret@127.0.0.1:1/xivows'},
            None,
            'database postgresql://xivows:***@127.0.0.1:1/xivows: unreachable',
        ),
    ],
)
@pytest.mark.parametrize('command', [('ws-user', 'list'), ('db', 'upgrade')])
def test_configuration_mistakes_are_one_line(
    env, tmp_path, variables, file_text, message, command
):
    if file_text is not None:
        config = tmp_path / 'xivows.toml'
        config.write_text(file_text)
        env['XIVOWS_CONFIG'] = str(config)
    env.update(variables)
    result = xivows(*command, env=env)
    assert result.returncode == 1
    assert result.stdout == ''
    line = one_line_error(result, message)
    assert 's3cret' not in line


@pytest.mark.parametrize(
    'args,variables,message',
    [
        (('--bind', '127.0.0.1:99999'), {}, "Invalid value for '--bind': must be HOST:PORT"),
        (('--workers', '0'), {}, "Invalid value for '--workers': 0 is not in the range x>=1"),
        ((), {'XIVOWS_TLS_CERT': '/nonexistent/cert.pem'}, 'TLS_CERT: no such file'),
    ],
)
def test_serve_refuses_what_it_cannot_serve_with_before_anything(
    env, tmp_path, args, variables, message
):
    env.update(variables, XIVOWS_WORKER='false')
    result = xivows('serve', *args, env=env, timeout=30)
    assert result.returncode in (1, 2) and 'Traceback' not in result.stderr, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith('Error: ' + message), result.stderr
    assert not (tmp_path / 'data').exists()  # refused before the upgrade


def test_a_file_that_is_no_database_is_one_line(env, tmp_path):
    (tmp_path / 'data').mkdir()
    (tmp_path / 'data' / 'xivows.db').write_text('notes, not a database\n')
    for command in (('ws-user', 'list'), ('db', 'upgrade')):
        one_line_error(
            xivows(*command, env=env),
            f'database {tmp_path}/data/xivows.db: unusable: file is not a database',
        )
    assert (tmp_path / 'data' / 'xivows.db').read_text() == 'notes, not a database\n'


def test_asterisk_apply_says_what_it_did_once_and_nothing_on_stderr(env, tmp_path):
    assert xivows('db', 'upgrade', '--wizard', env=env).returncode == 0
    env['XIVOWS_ASTERISK_CONFIG_DIR'] = str(tmp_path)
    applied = xivows('asterisk', 'apply', env=env)
    assert (applied.returncode, applied.stderr) == (0, '')
    assert 'wrote pjsip.conf\n' in applied.stdout
    env['XIVOWS_ASTERISK_CONFIG_DIR'] = str(tmp_path / 'nowhere')
    one_line_error(xivows('asterisk', 'apply', env=env), 'is not a directory')


def test_a_command_waits_for_another_writer_then_says_busy_in_one_line(env, tmp_path):
    """A command's write used to fail at once, with a traceback, while another
    process (the server) held SQLite's write lock: it read first, and SQLite does
    not wait to upgrade a read transaction. It now waits like a request does
    (busy_timeout, 10 s), then ends with one line."""
    assert xivows('db', 'upgrade', env=env).returncode == 0
    holder = sqlite3.connect(tmp_path / 'data' / 'xivows.db', isolation_level=None)
    try:
        holder.execute('BEGIN IMMEDIATE')
        waiting = subprocess.Popen(
            [sys.executable, '-m', 'xivows.cli', 'ws-user', 'add', 'patient', '--password', 'pw'],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(3)  # started, and waiting for the lock
        holder.execute('ROLLBACK')
        out, err = waiting.communicate(timeout=60)
        assert (waiting.returncode, out, err) == (0, 'web-service user patient created\n', '')
        holder.execute('BEGIN IMMEDIATE')
        one_line_error(
            xivows('ws-user', 'add', 'hasty', '--password', 'pw', env=env),
            'Error: database busy: try again',
        )
    finally:
        holder.close()
    listed = xivows('ws-user', 'list', env=env).stdout
    assert 'patient' in listed and 'hasty' not in listed


def test_an_unknown_key_is_a_warning(env, tmp_path):
    config = tmp_path / 'xivows.toml'
    config.write_text('databse_url = "sqlite:///elsewhere.db"\nworkers = 3\n')
    env['XIVOWS_CONFIG'] = str(config)
    result = xivows('db', 'upgrade', env=env)
    assert result.returncode == 0
    assert result.stderr == f'config file {config}: unknown key databse_url (ignored)\n'
    assert (tmp_path / 'data' / 'xivows.db').is_file()


def test_an_unknown_environment_variable_is_a_warning(env, tmp_path):
    env.update(XIVOWS_WOKERS='4', XIVOWS_TEST_ANYTHING='tests use these')
    result = xivows('db', 'upgrade', env=env)
    assert result.returncode == 0
    assert result.stderr == 'environment: unknown variable XIVOWS_WOKERS (ignored)\n'


# Several hosts starting at once on one database.

UPGRADER = textwrap.dedent('''
    import sys, time
    from xivows import db, migrations
    db.bind(sys.argv[1])
    while time.time() < float(sys.argv[2]):
        time.sleep(0.005)
    print(len(migrations.upgrade()))
''')


@pytest.fixture
def empty_database(own_database_url):
    return own_database_url


def test_hosts_upgrading_at_once_upgrade_exactly_once(empty_database, env):
    start = time.time() + 3  # every process imported and waiting by then
    processes = [
        subprocess.Popen(
            [sys.executable, '-c', UPGRADER, empty_database, str(start)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    results = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0] * 4, results
    applied = sorted(int(out) for out, _ in results)
    assert applied == [0, 0, 0, len(VERSIONS)]


def test_the_example_configuration_is_read_without_warnings(caplog):
    from pathlib import Path

    from xivows import config

    path = Path(__file__).parent.parent / 'etc' / 'xivows.toml'
    loaded = config.load(environ={'XIVOWS_CONFIG': str(path)})
    assert loaded['DATABASE_URL'] == 'sqlite:////var/lib/xivows/xivows.db'
    assert caplog.records == []
    # the example names every key, with its default
    assert tomllib.loads(path.read_text()).keys() == {key.lower() for key in config.DEFAULTS}
    assert loaded == {**config.DEFAULTS, 'DATABASE_URL': loaded['DATABASE_URL']}


def test_a_store_without_a_newer_table_is_outdated(env, tmp_path):
    assert xivows('db', 'upgrade', env=env).returncode == 0
    with sqlite3.connect(tmp_path / 'data' / 'xivows.db') as connection:
        connection.execute('DROP TABLE xivows_id_counter')
    one_line_error(xivows('ws-user', 'list', env=env), 'older schema (1 table(s) missing)')
    assert xivows('db', 'upgrade', env=env).returncode == 0
    assert xivows('ws-user', 'list', env=env).returncode == 0


def test_a_store_from_a_newer_version_is_refused_by_every_command(empty_database, env):
    env['XIVOWS_DATABASE_URL'] = empty_database
    assert xivows('db', 'upgrade', env=env).returncode == 0
    assert _applied_versions(empty_database, add='9999_from_the_future') == len(VERSIONS) + 1
    for args in (('ws-user', 'list'), ('db', 'upgrade'), ('serve', '--bind', '127.0.0.1:1')):
        one_line_error(
            xivows(*args, env=env),
            'has a newer schema than this xivows',
            '(1 migration(s) it does not know: 9999_from_the_future)',
        )
    # the background worker serve starts (and restarts) says it the same way
    worker = subprocess.run(
        [sys.executable, '-m', 'xivows.worker'],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    one_line_error(worker, 'has a newer schema than this xivows')
    assert _applied_versions(empty_database) == len(VERSIONS) + 1


def _applied_versions(url, add=None):
    """The count of xivows_migration rows (after adding `add`), through a
    connection of its own (the test process's database binding is left alone)."""
    if url.startswith('sqlite:///'):
        connection = sqlite3.connect(url[len('sqlite:///') :])
        mark = '?'
    else:
        connection = psycopg2.connect(url)
        mark = '%s'
    try:
        cursor = connection.cursor()
        if add:
            cursor.execute(
                f'INSERT INTO xivows_migration (name, applied_at) VALUES ({mark}, {mark})',
                (add, '2100-01-01 00:00:00'),
            )
            connection.commit()
        cursor.execute('SELECT count(*) FROM xivows_migration')
        return cursor.fetchone()[0]
    finally:
        connection.close()
