"""Faults against a real `xivows serve` (gunicorn, 2 gevent workers, loopback),
every wait bounded: a worker killed (-9) in the middle of writes, PostgreSQL
restarted under load, contested adds from 8 clients, a full disk.

The contested adds make XIVOWS_TEST_CONTESTED_ADDS (default 60) adds per client
and database; XIVOWS_TEST_CONTESTED_ADDS=500 runs the full 8 x 500."""

import json
import os
import resource
import signal
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPException

import psycopg2
import pytest

from tests.conftest import _postgresql_database
from tests.helpers import postgresql, served

ENTITY = '/xivo/configuration/json.php/restricted/manage/entity/'
USERS = '/service/ipbx/json.php/restricted/pbx_settings/users/'
QUEUES = '/callcenter/json.php/restricted/settings/queues/'
CLIENTS = 8
CONTESTED_ADDS = int(os.environ.get('XIVOWS_TEST_CONTESTED_ADDS', '60'))
EVENTS = ('noanswer', 'busy', 'congestion', 'chanunavail')


@pytest.fixture
def store_url(own_database_url):
    return own_database_url


def _rows(url, query):
    """Rows of a query run directly on the store, outside the server."""
    if url.startswith('sqlite:///'):
        connection = sqlite3.connect(url[len('sqlite:///') :])
        try:
            return connection.execute(query).fetchall()
        finally:
            connection.close()
    connection = psycopg2.connect(url)
    try:
        with connection.cursor() as cursor:
            cursor.execute(query)
            return cursor.fetchall()
    finally:
        connection.close()


def _entity_id(server):
    status, _, body = server.call(ENTITY + '?act=list')
    assert status == 200, body
    return json.loads(body)[0]['id']


def _user(entity_id, number):
    return {
        'userfeatures': {'firstname': f'Killed{number}', 'entityid': entity_id},
        'linefeatures': {
            'protocol': ['sip'],
            'context': ['default'],
            'number': [number],
            'secret': ['s3cret'],
        },
        'dialaction': {event: {'actiontype': 'none'} for event in EVENTS},
    }


def _attempt(server, path, document, timeout=30):
    """(status, body), or ('cut', None) when the connection died under the request."""
    try:
        status, _, body = server.call(path, document, timeout=timeout)
        return status, body
    except (ConnectionError, HTTPException):
        return 'cut', None


def test_kill_9_of_a_worker_during_writes(store_url):
    env = served.prepare(store_url, wizard=True)
    with served.Server(env) as server:
        entity_id = _entity_id(server)
        victim = server.worker_pids()[0]
        numbers = [str(1000 + index) for index in range(80)]
        answered = threading.Semaphore(0)

        def add(number):
            outcome = _attempt(server, USERS + '?act=add', _user(entity_id, number))
            answered.release()
            return number, outcome

        with ThreadPoolExecutor(8) as pool:
            futures = [pool.submit(add, number) for number in numbers]
            for _ in range(15):  # writes are under way on both workers
                assert answered.acquire(timeout=60)
            os.kill(victim, signal.SIGKILL)
            outcomes = dict(future.result(timeout=120) for future in futures)
        assert victim not in server.worker_pids()
        assert {status for status, _ in outcomes.values()} <= {200, 'cut'}, outcomes

        # Every answered add is there, whole; the others are there whole or not at all.
        for number, (status, body) in outcomes.items():
            if status == 200:
                user_id = int(body.strip(b'"'))
                status, _, view = server.call(USERS + f'?act=view&id={user_id}')
                assert status == 200 and f'"number":"{number}"'.encode() in view
        users = _rows(store_url, "SELECT id FROM userfeatures WHERE firstname LIKE 'Killed%'")
        whole = _rows(
            store_url,
            """
            SELECT u.id FROM userfeatures u
            JOIN user_line ul ON ul.user_id = u.id
            JOIN linefeatures l ON l.id = ul.line_id
            JOIN usersip s ON s.id = l.protocolid AND l.protocol = 'sip'
            JOIN extensions e ON e.id = ul.extension_id AND e.type = 'user'
                              AND e.typeval = CAST(u.id AS VARCHAR(40))
            WHERE u.firstname LIKE 'Killed%'""",
        )
        assert sorted(users) == sorted(whole)
        assert _rows(store_url, 'SELECT COUNT(*) FROM linefeatures')[0][0] == len(users)
        assert _rows(store_url, "SELECT COUNT(*) FROM extensions WHERE type = 'user'")[0][
            0
        ] == len(users)
        stored = {row[0] for row in _rows(store_url, "SELECT number FROM linefeatures")}
        assert {number for number, (status, _) in outcomes.items() if status == 200} <= stored
        # and the service goes on
        assert _attempt(server, USERS + '?act=add', _user(entity_id, '1999'))[0] == 200


def test_contested_adds_store_each_number_and_name_once(store_url):
    env = served.prepare(store_url, wizard=True)
    with served.Server(env) as server:

        def client(index):
            outcomes = []
            for item in range(CONTESTED_ADDS):
                # even clients contend on name and number, odd ones on the number only
                name = f'q{item}' if index % 2 == 0 else f'q{item}c{index}'
                document = {
                    'queuefeatures': {
                        'name': name,
                        'number': str(3000 + item),
                        'context': 'default',
                    },
                    'queue': {},
                }
                status, _, body = server.call(QUEUES + '?act=add', document, timeout=30)
                outcomes.append((item, name, status, body))
            return outcomes

        with ThreadPoolExecutor(CLIENTS) as pool:
            outcomes = [row for rows in pool.map(client, range(CLIENTS)) for row in rows]
        assert {status for _, _, status, _ in outcomes} <= {200, 400}, [
            row for row in outcomes if row[2] not in (200, 400)
        ][:5]
        assert all(b'"error"' in body for _, _, status, body in outcomes if status == 400)
        winners = {}
        for item, name, status, body in outcomes:
            if status == 200:
                assert item not in winners, f'number {3000 + item} added twice'
                winners[item] = (name, int(body.strip(b'"')))
        assert sorted(winners) == list(range(CONTESTED_ADDS))

        status, _, body = server.call(QUEUES + '?act=list')
        listed = json.loads(body)
        assert len(listed) == CONTESTED_ADDS
        assert len({queue['name'] for queue in listed}) == CONTESTED_ADDS
        assert len({queue['number'] for queue in listed}) == CONTESTED_ADDS
        for item, (name, queue_id) in winners.items():
            status, _, view = server.call(QUEUES + f'?act=view&id={queue_id}')
            assert status == 200
            features = json.loads(view)['queuefeatures']
            assert (features['name'], features['number']) == (name, str(3000 + item))
        assert _rows(store_url, 'SELECT COUNT(*) FROM queuefeatures')[0][0] == CONTESTED_ADDS
        assert (
            _rows(store_url, "SELECT COUNT(*) FROM extensions WHERE type = 'queue'")[0][0]
            == CONTESTED_ADDS
        )


@pytest.fixture
def own_postgresql():
    """A PostgreSQL server of this test's own, which it may stop and start."""
    try:
        server = postgresql.ThrowawayServer()
    except postgresql.Unavailable as exc:
        pytest.skip(str(exc))
    if os.environ.get('XIVOWS_TEST_POSTGRESQL_URL') == 'skip':
        pytest.skip('XIVOWS_TEST_POSTGRESQL_URL=skip')
    try:
        yield server, server.start()
    finally:
        server.stop()


def test_postgresql_restarted_under_load(own_postgresql):
    pg, base_url = own_postgresql
    url, _ = _postgresql_database(base_url)
    env = served.prepare(url, DATABASE_CONNECT_TIMEOUT=2)
    with served.Server(env) as server:
        log, stop = [], threading.Event()

        def load(index):
            serial = 0
            while not stop.is_set():
                serial += 1
                name = f'load{index}x{serial}'
                started = time.monotonic()
                status, _, body = server.call(
                    ENTITY + '?act=add', {'name': name, 'displayname': name}, timeout=15
                )
                log.append((started, time.monotonic() - started, name, status, body))
                time.sleep(0.05)

        with ThreadPoolExecutor(4) as pool:
            workers = [pool.submit(load, index) for index in range(4)]
            time.sleep(1.5)
            down = time.monotonic()
            pg.halt()
            time.sleep(3)
            pg.resume()
            up = time.monotonic()
            # the service resumes by itself: requests succeed again within a bound
            deadline = up + 20
            while time.monotonic() < deadline:
                recent = [row for row in log if row[0] > time.monotonic() - 1.5]
                if len(recent) >= 8 and all(row[3] == 200 for row in recent):
                    break
                time.sleep(0.5)
            stop.set()
            for worker in workers:
                worker.result(timeout=60)

        statuses = {row[3] for row in log}
        assert statuses <= {200, 503}, statuses
        during = [row for row in log if down + 0.5 < row[0] < up - 0.2]
        assert during and all(row[3] == 503 for row in during)
        for _, elapsed, _, status, body in log:
            if status == 503:
                assert json.loads(body)['error'].startswith('database unavailable')
                assert elapsed < 8, elapsed  # failed fast, no hang
        assert any(row[3] == 200 for row in log if row[0] > up), 'no success after restart'
        tail = sorted(log)[-8:]
        assert all(row[3] == 200 for row in tail), tail
        # every success is stored, no failure is
        stored = {row[0] for row in _rows(url, 'SELECT name FROM entity')}
        assert {row[2] for row in log if row[3] == 200} <= stored
        assert not {row[2] for row in log if row[3] == 503} & stored


def test_a_full_disk_is_507_and_the_store_stays_whole(tmp_path):
    path = tmp_path / 'full.db'
    env = served.prepare(f'sqlite:///{path}')
    # Each server process may write files up to a little past the store's size:
    # the write-ahead log reaches the limit after some adds (SIGXFSZ is ignored
    # by Python, write(2) fails with EFBIG).
    limit = max(path.stat().st_size, 1 << 16) + 200_000

    def limited():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    answers = []
    with served.Server(env, preexec_fn=limited) as server:
        for serial in range(3000):
            name = f'fill{serial}'
            status, _, body = server.call(
                ENTITY + '?act=add',
                {'name': name, 'displayname': 'x' * 120, 'description': 'y' * 900},
                timeout=15,
            )
            answers.append((name, status, body))
            if status != 200:
                break
        # still answering, and refusing the same way
        status, _, body = server.call(
            ENTITY + '?act=add',
            {'name': 'more', 'displayname': 'x' * 120, 'description': 'y' * 900},
        )
        assert status == 507 and b'cannot grow' in body
        listed = json.loads(server.call(ENTITY + '?act=list')[2])
    name, status, body = answers[-1]
    assert status == 507, answers[-1]
    assert (
        json.loads(body)['error']
        == 'the database cannot grow (disk full or file size limit); nothing was stored'
    )
    assert {status for _, status, _ in answers[:-1]} == {200}
    stored = {row[0] for row in _rows(f'sqlite:///{path}', 'SELECT name FROM entity')}
    assert stored == {name for name, status, _ in answers if status == 200}
    assert {entity['name'] for entity in listed} == stored
    assert _rows(f'sqlite:///{path}', 'PRAGMA integrity_check') == [('ok',)]
