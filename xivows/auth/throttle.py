"""Limits on password (and token) guessing, shared by every worker and host
through the store.

Failed authentications are counted per key in a fixed window of THROTTLE_WINDOW
seconds that starts at the key's first failure:

* per (login, client address): past THROTTLE_PAIR_LIMIT failures that pair is
  refused (TooManyAttempts, 429 with Retry-After) until the window ends;
* per client address (IPv6: its /64): past THROTTLE_ADDRESS_LIMIT, every
  attempt from it is refused the same way;
* per login alone: past THROTTLE_LOGIN_LIMIT, every attempt on that login waits
  THROTTLE_LOGIN_DELAY seconds before its answer, whoever makes it, right or wrong (a
  difference would tell a guesser which password was right). A login is never
  refused for failures made elsewhere: a guesser cannot lock a correct client out.

Callers, around any credential check:

    throttle.check(address, login)     # before any hash is computed; may raise
    ... verify ...
    throttle.succeeded(address, login) or throttle.failed(address, login)

`login` is None where only a secret is presented (a bearer token): the address
limit alone applies; a client id or user name presented with a secret (OAuth2
client credentials, a token request) is the `login`. A success costs no write
unless its pair had failures. These functions read and write the store outside
the request's transaction (a failure must be counted even though the request is
refused): call them inside `store_errors.translated()` so that a database fault
answers 503 rather than 500, as xivows/auth/basic.py does.
"""

import contextlib
import contextvars
import functools
import hashlib
import threading
import time

from peewee import Case

from xivows import settings, store_errors
from xivows.auth.hosts import parse_address
from xivows.errors import ServiceError
from xivows.models.auth_failure import AuthFailure
from xivows.prepared import Prepared, param

PAIR, ADDRESS, LOGIN = 'pair', 'address', 'login'

# Whether the last check() of this request saw failures of its pair (greenlet-
# and thread-local): only then has succeeded() something to forget.
_pair_had_failures = contextvars.ContextVar('xivows_throttle_pair', default=None)


class TooManyAttempts(ServiceError):
    status = 429

    def __init__(self, retry_after):
        super().__init__('too many failed authentications, retry later')
        self.retry_after = max(1, int(retry_after))

    @property
    def headers(self):
        return {'Retry-After': str(self.retry_after)}


@functools.lru_cache(maxsize=1024)
def _client(address):
    """The counted client: an IPv4 address, or an IPv6 address's /64 (one
    subscriber's prefix, which a guesser could otherwise walk through)."""
    parsed = parse_address(address)
    if parsed is None:
        return str(address or '')
    if parsed.version == 6:
        return f'{parsed.exploded[:19]}::/64'
    return str(parsed)


def _digest(*parts):
    return hashlib.sha256('\x00'.join(parts).encode('utf-8', 'surrogatepass')).hexdigest()


@functools.lru_cache(maxsize=1024)
def _keys_of(address, login):
    client = _client(address)
    keys = {ADDRESS: _digest(ADDRESS, client)}
    if login is not None:
        keys[PAIR] = _digest(PAIR, login, client)
        keys[LOGIN] = _digest(LOGIN, login)
    return keys


def keys(address, login=None):
    """{kind: key} of the counts an attempt of this address (and login) reads."""
    return dict(_keys_of(address, login))


_keys = keys


def _failures_query(*names):
    return AuthFailure.select(AuthFailure.key, AuthFailure.failures, AuthFailure.window_end).where(
        AuthFailure.key.in_([param(f'key_{name}') for name in names])
        & (AuthFailure.window_end > param('now'))
    )


# Every check reads these rows: prepared once (xivows/prepared.py).
_ADDRESS_FAILURES = Prepared(lambda: _failures_query(ADDRESS), server_side=True)
_ALL_FAILURES = Prepared(lambda: _failures_query(ADDRESS, PAIR, LOGIN), server_side=True)


def _limit(kind):
    return settings.get(f'THROTTLE_{kind.upper()}_LIMIT')


def check(address, login=None):
    """Raise TooManyAttempts when this pair or address is over its limit; wait
    first when the login alone is."""
    now = int(time.time())
    given = _keys_of(address, login)
    query = _ALL_FAILURES if login is not None else _ADDRESS_FAILURES
    judge(given, query.tuples(now=now, **{f'key_{kind}': key for kind, key in given.items()}), now)


def judge(given, rows, now):
    """`check` on the counts read by the caller: `rows` are (key, failures,
    window_end) of the current windows of the keys `given` ({kind: key})."""
    rows = {key: (failures, window_end) for key, failures, window_end in rows}
    _pair_had_failures.set((given.get(PAIR), PAIR in given and given[PAIR] in rows))
    blocked = [
        rows[given[kind]][1] - now
        for kind in (PAIR, ADDRESS)
        if kind in given and given[kind] in rows and rows[given[kind]][0] >= _limit(kind)
    ]
    if blocked:
        raise TooManyAttempts(max(blocked))
    login_row = rows.get(given.get(LOGIN))
    if login_row is not None and login_row[0] >= _limit(LOGIN):
        delay = settings.get('THROTTLE_LOGIN_DELAY')
        after_turn = _delays_after_turn.get()
        if after_turn is None:
            time.sleep(delay)  # cooperative under gevent
        else:
            after_turn.append(delay)


def failed(address, login=None):
    """Count one failed attempt of this address (and login)."""
    now = int(time.time())
    end = now + settings.get('THROTTLE_WINDOW')
    expired = AuthFailure.window_end <= now
    (
        AuthFailure.insert_many(
            [
                {'key': key, 'failures': 1, 'window_end': end}
                for key in _keys(address, login).values()
            ]
        )
        .on_conflict(
            conflict_target=[AuthFailure.key],
            update={
                AuthFailure.failures: Case(None, [(expired, 1)], AuthFailure.failures + 1),
                AuthFailure.window_end: Case(None, [(expired, end)], AuthFailure.window_end),
            },
        )
        .execute()
    )


def succeeded(address, login=None):
    """A right secret: the pair's failures are forgotten (the address's and the
    login's are not: a guesser holding one valid account must not reset them)."""
    if login is None:
        return
    key, had_failures = _pair_had_failures.get() or (None, False)
    _pair_had_failures.set(None)
    pair = _keys(address, login)[PAIR]
    if had_failures and key == pair:
        AuthFailure.delete().where(AuthFailure.key == pair).execute()


# Attempts from one client address are checked, verified and counted one after the
# other in a process. Sent at once, guesses would otherwise all pass the check
# before the first of them was counted (a password hash takes ~150 ms): a burst of
# hundreds would be verified in a window instead of THROTTLE_PAIR_LIMIT. The counts
# are in the store, so across processes a burst gets at most one more attempt
# through per other process. (threading's locks are gevent's in the web workers.)
_turns_guard = threading.Lock()
_turns = {}  # counted client -> [its lock, requests holding or awaiting it]
# The login delay (THROTTLE_LOGIN_LIMIT) of an attempt taking its turn is waited
# once the turn is given up, before the answer: a correct client's requests sent
# at once while its login is attacked are slowed side by side, not one after the
# other. None outside a turn: `judge` waits at once.
_delays_after_turn = contextvars.ContextVar('xivows_throttle_delays', default=None)


@contextlib.contextmanager
def one_at_a_time(address):
    """The attempts of this client address (an IPv6 one by its /64) in this
    process, one at a time: wrap check, verification and counting."""
    client = _client(address)
    with _turns_guard:
        turn = _turns.setdefault(client, [threading.Lock(), 0])
        turn[1] += 1
    delays = []
    given_delays = _delays_after_turn.set(delays)
    try:
        with turn[0]:
            yield
    finally:
        _delays_after_turn.reset(given_delays)
        with _turns_guard:
            turn[1] -= 1
            if not turn[1]:
                del _turns[client]
        for delay in delays:
            time.sleep(delay)


def purge_expired():
    """Delete the counts whose window has ended (for the background worker)."""
    return AuthFailure.delete().where(AuthFailure.window_end <= int(time.time())).execute()


def attempt(address, login, verify):
    """The whole guarded check in one call, for secrets other than passwords
    (client secrets, tokens): `check`, then `verify()` (its result, None when the
    credentials are wrong), then the failure or success counted."""
    # A token alone (login None) is no guess worth a turn: a 122- or 256-bit
    # random value, checked by one lookup.
    turns = one_at_a_time(address) if login is not None else contextlib.nullcontext()
    with store_errors.translated(), turns:
        check(address, login)
        found = verify()
        if found is None:
            failed(address, login)
        else:
            succeeded(address, login)
        return found
