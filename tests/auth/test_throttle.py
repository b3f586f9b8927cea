"""Password guessing: failures counted per (login, address), per address and per
login, in the store; 429 with Retry-After before any hash; the login alone only
slows; the verified-password cache keeps correct clients off scrypt."""

import collections
import concurrent.futures
import json
import threading

import pytest

from tests.helpers import served
from tests.helpers.api import ADMIN_LOGIN, ADMIN_PASSWORD, basic
from xivows import settings, wsusers
from xivows.auth import passwords, throttle
from xivows.models.auth_failure import AuthFailure

CHECK = '/xivo/configuration/json.php/restricted/check/'
AGENTS = '/1.0/agents'
TOO_MANY = b'{"error":"too many failed authentications, retry later"}'


@pytest.fixture
def limits(monkeypatch, app):
    def set_limits(**values):
        for key, value in values.items():
            monkeypatch.setitem(settings._current, f'THROTTLE_{key.upper()}', value)

    set_limits(window=60, pair_limit=3, address_limit=6, login_limit=4, login_delay=0.25)
    return set_limits


@pytest.fixture
def hashes(monkeypatch):
    """The scrypt verifications actually computed."""
    computed = []
    real = passwords._checked

    def counting(stored_hash, password):
        computed.append(password)
        return real(stored_hash, password)

    monkeypatch.setattr(passwords, '_checked', counting)
    return computed


@pytest.fixture
def sleeps(monkeypatch):
    slept = []
    monkeypatch.setattr(throttle.time, 'sleep', slept.append)
    return slept


@pytest.fixture
def clock(monkeypatch):
    now = [1_700_000_000.0]
    monkeypatch.setattr(throttle.time, 'time', lambda: now[0])
    return now


def call(client, login=ADMIN_LOGIN, password=ADMIN_PASSWORD, peer='192.0.2.10', path=CHECK):
    headers = basic(login, password) if login is not None else {}
    return client.get(path, headers=headers, environ_base={'REMOTE_ADDR': peer})


def test_a_pair_past_its_limit_is_429_without_hashing(client, limits, hashes, clock):
    assert [call(client, password=f'wrong{n}').status_code for n in range(3)] == [401] * 3
    del hashes[:]
    clock[0] += 10
    response = call(client, password='wrong-again')
    assert response.status_code == 429
    assert response.data == TOO_MANY
    assert response.headers['Content-Type'] == 'application/json'
    assert response.headers['Retry-After'] == '50'
    assert response.headers['X-XIVO-WS-VERSION'] == '1.0'
    # the right password from that pair too, and no hash was computed for either
    assert call(client).status_code == 429
    assert hashes == []
    # the same login from another address is served
    assert call(client, peer='192.0.2.11').status_code == 200


def test_the_window_ends(client, limits, clock):
    for n in range(3):
        call(client, password=f'wrong{n}')
    assert call(client).status_code == 429
    clock[0] += 61
    assert call(client).status_code == 200


def test_a_success_forgets_the_pair_but_not_the_address(client, limits):
    for n in range(2):
        assert call(client, password=f'wrong{n}').status_code == 401
    assert call(client).status_code == 200
    for n in range(2):
        assert call(client, password=f'again{n}').status_code == 401
    assert call(client).status_code == 200
    # 4 failures of the address so far; 2 more reach its limit (6)
    assert call(client, password='third').status_code == 401
    assert call(client, login='nobody', password='x').status_code == 401
    assert call(client).status_code == 429


def test_an_address_past_its_limit_is_429_for_every_login(client, limits, hashes):
    wsusers.create('robot', host='192.0.2.10', grants=['*'])
    for n in range(6):
        assert call(client, login=f'user{n}', password='guess').status_code == 401
    assert call(client).status_code == 429
    assert call(client, login=None).status_code == 429  # host-only from there too
    assert call(client, peer='192.0.2.99').status_code == 200
    assert call(client, login=None, peer='192.0.2.99').status_code == 401


def test_ipv6_addresses_count_by_their_64(client, limits):
    for n in range(6):
        call(client, login=f'user{n}', password='guess', peer=f'2001:db8:1:2::{n + 1:x}')
    assert call(client, peer='2001:db8:1:2:ffff::1').status_code == 429
    assert call(client, peer='2001:db8:1:3::1').status_code == 200


def test_a_login_alone_is_slowed_never_blocked(client, limits, sleeps):
    for n in range(4):  # a guesser spread over 4 addresses
        assert call(client, password='guess', peer=f'198.51.100.{n + 1}').status_code == 401
    assert sleeps == []
    # the right client elsewhere is served, after the delay; so is every attempt on that login
    assert call(client, peer='192.0.2.10').status_code == 200
    assert sleeps == [0.25]
    assert call(client, password='guess', peer='198.51.100.9').status_code == 401
    assert sleeps == [0.25, 0.25]
    # other logins are not slowed
    wsusers.create('other', login='other', password='other-pw', grants=['*'])
    assert call(client, login='other', password='other-pw').status_code == 200
    assert sleeps == [0.25, 0.25]


def test_requests_without_credentials_are_not_failures(client, limits):
    for _ in range(10):
        assert call(client, login=None).status_code == 401
    assert AuthFailure.select().count() == 0
    assert call(client).status_code == 200


def test_counts_are_in_the_store_without_logins(client, limits):
    call(client, login='secret-login', password='x')
    rows = list(AuthFailure.select())
    assert len(rows) == 3 and all(row.failures == 1 for row in rows)
    assert not any('secret-login' in row.key or '192.0.2.10' in row.key for row in rows)


def test_purge_expired(client, limits, clock):
    call(client, password='x')
    assert throttle.purge_expired() == 0
    clock[0] += 61
    assert throttle.purge_expired() == 3
    assert AuthFailure.select().count() == 0


def test_agentd_429_shape(client, limits):
    for n in range(3):
        assert call(client, password=f'w{n}', path=AGENTS).status_code == 401
    response = call(client, path=AGENTS)
    assert response.status_code == 429
    assert json.loads(response.data) == {'error': 'too many failed authentications, retry later'}
    assert int(response.headers['Retry-After']) > 0


def test_token_style_callers_count_per_address(app, limits):
    for _ in range(6):
        throttle.check('203.0.113.5')
        throttle.failed('203.0.113.5')
    with pytest.raises(throttle.TooManyAttempts) as raised:
        throttle.check('203.0.113.5')
    assert raised.value.status == 429 and 0 < raised.value.retry_after <= 60
    throttle.check('203.0.113.6')


def test_a_correct_client_pays_one_hash(client, limits, hashes):
    wsusers.create('cached', login='cached', password='cached-pw', grants=['*'])
    for _ in range(5):
        assert call(client, login='cached', password='cached-pw').status_code == 200
    assert hashes == ['cached-pw']


def test_the_cache_forgets_a_changed_password(client, limits, hashes):
    user = wsusers.create('changing', login='changing', password='first-pw', grants=['*'])
    assert call(client, login='changing', password='first-pw').status_code == 200
    user.passwd = passwords.hash_password('second-pw')
    user.save()
    assert call(client, login='changing', password='first-pw').status_code == 401
    assert call(client, login='changing', password='second-pw').status_code == 200
    user.disable = True
    user.save()
    assert call(client, login='changing', password='second-pw').status_code == 401


@pytest.fixture
def served_store(own_database_url):
    return own_database_url


def _at_once(server, count, auth):
    """The statuses of `count` requests sent at once with these credentials."""
    barrier = threading.Barrier(count)

    def one(_):
        barrier.wait(timeout=10)
        return server.call(CHECK, auth=auth, timeout=30)[0]

    with concurrent.futures.ThreadPoolExecutor(count) as pool:
        return collections.Counter(pool.map(one, range(count)))


def test_guesses_sent_at_once_are_counted_in_turn(served_store):
    """A burst of wrong passwords in one window: no more are verified than the
    pair's limit (they used to all pass the check before the first was counted:
    ~150 ms of hashing each), and right passwords sent at once are all served."""
    env = served.prepare(
        served_store, WORKER='false', THROTTLE_PAIR_LIMIT=5, THROTTLE_ADDRESS_LIMIT=1000
    )
    served.xivows(env, 'ws-user', 'add', 'other', '--password', 'other-pw', '--all-acl')
    with served.Server(env, workers=1) as server:
        assert _at_once(server, 20, ('admin', 'wrong')) == {401: 5, 429: 15}
        assert _at_once(server, 20, ('other', 'other-pw')) == {200: 20}  # another pair
