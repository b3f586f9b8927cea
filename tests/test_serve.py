"""End to end: `xivows serve` (gunicorn) on a real socket, on a database of its own."""

import base64
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import _drop_postgresql_database, _postgresql_database


def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def _xivows(env, *args):
    return subprocess.run(
        [sys.executable, '-m', 'xivows.cli', *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


@pytest.fixture(params=['sqlite', 'postgresql'])
def server(request, tmp_path):
    env = dict(os.environ, HOME=str(tmp_path))
    env.pop('XDG_RUNTIME_DIR', None)
    cleanup = None
    if request.param == 'sqlite':
        env['XIVOWS_DATABASE_URL'] = f'sqlite:///{tmp_path / "served.db"}'
    else:
        base_url = request.getfixturevalue('postgresql_url')
        env['XIVOWS_DATABASE_URL'], name = _postgresql_database(base_url)
        cleanup = (base_url, name)
    _xivows(env, 'db', 'upgrade')
    _xivows(env, 'ws-user', 'add', 'admin', '--password', 'admin-pw', '--all-acl')
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            '-m',
            'xivows.cli',
            'serve',
            '--bind',
            f'127.0.0.1:{port}',
            '--workers',
            '2',
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f'http://127.0.0.1:{port}'
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + '/healthz', timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError('xivows serve did not start') from None
            time.sleep(0.2)
    request.node.served_pid = process.pid
    yield base
    process.terminate()
    process.wait(timeout=30)
    if cleanup:
        _drop_postgresql_database(*cleanup)


def call(base, path, data=None, login='admin', password='admin-pw'):
    request = urllib.request.Request(base + path, data=data)
    if login:
        token = base64.b64encode(f'{login}:{password}'.encode()).decode()
        request.add_header('Authorization', f'Basic {token}')
    if data is not None:
        request.add_header('Content-Type', 'application/json')
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


ENTITY = '/xivo/configuration/json.php/restricted/manage/entity/'


def _announced_too_large(base, path, length):
    """The answer to a body announced larger than the limit, of which only a
    little is sent: the server answers from Content-Length without reading it
    (a client sending all of it may meet a closed connection: broken pipe)."""
    host, port = base.split('://', 1)[1].split(':')
    token = base64.b64encode(b'admin:admin-pw').decode()
    with socket.create_connection((host, int(port)), timeout=10) as client:
        client.sendall(
            (
                f'POST {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Basic {token}\r\n'
                f'Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n'
            ).encode()
            + b'x' * 1024
        )
        return client.recv(4096)


def test_served_round_trip(server):
    status, headers, body = call(server, '/xivo/configuration/json.php/restricted/check/')
    assert (status, body) == (200, b'OK')
    assert headers['X-XIVO-WS-VERSION'] == '1.0'
    assert call(server, ENTITY + '?act=list')[0] == 204
    status, _, body = call(server, ENTITY + '?act=add', b'{"name":"acme","displayname":"Acme"}')
    assert status == 200 and body.strip(b'"').isdigit()
    status, headers, body = call(server, ENTITY + '?act=list')
    assert status == 200 and headers['Content-Type'] == 'application/json'
    assert b'"name":"acme"' in body


def test_served_refusals(server):
    assert call(server, ENTITY, login=None)[0] == 401
    assert call(server, ENTITY, password='wrong')[0] == 401
    status, _, body = call(server, ENTITY + '?act=add', b'{"name": ')
    assert status == 400 and b'error' in body
    assert _announced_too_large(server, ENTITY + '?act=add', 2 * 1024 * 1024).startswith(
        b'HTTP/1.1 413 '
    )
    assert call(server, '/service/ipbx/json.php/restricted/nothing/here/')[0] == 404


def test_concurrent_writes_on_two_workers(server):
    """Workers neither share the parent's database connections (PostgreSQL:
    "no results to fetch", hangs) nor fail on SQLite's lock ("database is locked"):
    distinct adds all succeed, a duplicated one succeeds once and is refused after."""
    from concurrent.futures import ThreadPoolExecutor

    def add(name):
        body = ('{"name": "%s", "displayname": "Concurrent"}' % name).encode()
        return call(server, ENTITY + '?act=add', body)[0]

    with ThreadPoolExecutor(12) as pool:
        assert list(pool.map(add, [f'e{index}' for index in range(36)])) == [200] * 36
        statuses = list(pool.map(add, ['same'] * 24))
    assert statuses.count(200) == 1 and statuses.count(400) == 23


def _children(pid):
    """The processes `pid` started (gunicorn's workers, the background worker)."""
    found = []
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            try:
                with open(f'/proc/{entry}/stat') as stat:
                    parent = int(stat.read().rsplit(')', 1)[1].split()[1])
            except OSError:
                continue
            if parent == pid:
                found.append(int(entry))
    return found


def _loaded(pid, library):
    with open(f'/proc/{pid}/maps') as maps:
        return library in maps.read()


def _cmdline(pid):
    with open(f'/proc/{pid}/cmdline', 'rb') as cmdline:
        return cmdline.read()


@pytest.mark.skipif(not os.path.isdir('/proc/self'), reason='reads /proc')
def test_postgresql_drivers_are_loaded_only_for_a_postgresql_store(server, request):
    call(server, ENTITY + '?act=list')  # every worker process has loaded the app
    children = _children(request.node.served_pid)
    assert len(children) == 3  # two web workers and the background worker
    on_postgresql = 'postgresql' in request.node.callspec.params['server']
    for pid in children:
        assert _loaded(pid, '_psycopg') is on_postgresql, pid


@pytest.mark.skipif(not os.path.isdir('/proc/self'), reason='reads /proc')
def test_gevent_is_loaded_by_the_web_workers_only(server, request):
    """(the master creates the worker objects and the background worker runs
    threads: neither runs a greenlet, nor loads gevent's ~6 MiB)"""
    call(server, ENTITY + '?act=list')
    master = request.node.served_pid
    children = _children(master)
    background = [pid for pid in children if b'xivows.worker' in _cmdline(pid)]
    workers = [pid for pid in children if pid not in background]
    assert (len(workers), len(background)) == (2, 1)
    for pid in [master, *background]:
        assert not _loaded(pid, '/gevent/'), pid
    for pid in workers:
        assert _loaded(pid, '/gevent/'), pid


def test_no_control_socket_is_left_in_the_home_directory(server, tmp_path):
    assert call(server, ENTITY + '?act=list')[0] == 204
    assert not (tmp_path / '.gunicorn').exists()
