"""Hashed secrets of web-service users.

Hashes are slow on purpose (scrypt). A client that keeps sending the right
password must not pay for one on every request: a small in-process cache
remembers verified (stored hash, password) pairs, by a MAC under a random
per-process key (neither a password nor anything testable offline is kept).
Keyed by the stored hash too, an entry stops matching as soon as the password
is changed; disabled and deleted users are not looked up at all. Under gevent
the hash runs on a small thread pool (scrypt releases the GIL), so a worker
keeps serving its other connections meanwhile, and at most that many hashes
burn a worker's CPU at once. Requests presenting the same password at the
same moment (a client opening several connections to a fresh worker) wait for
the one hash being computed for it instead of each computing its own.

New hashes use scrypt with N=2^13, r=8, p=10, one of OWASP's equivalent
settings (werkzeug's default, N=2^15, r=8, p=1, below them): 8 MiB of memory
and ~150 ms of CPU per hash, where the default took 32 MiB for ~90 ms; each
worker's resident memory no longer jumps by 32 MiB at its first
authentication. Stored hashes carry their parameters: older ones still verify.
"""

import hashlib
import secrets
from collections import OrderedDict
from threading import Event, Lock

from werkzeug.security import check_password_hash, generate_password_hash

_CACHE_SIZE = 256
_HASH_THREADS = 2
_KEY = secrets.token_bytes(32)
_verified = OrderedDict()
_computing = {}  # cache key -> _Hashing, while one request computes it
_lock = Lock()
_pool = None


METHOD = 'scrypt:8192:8:10'
_METHOD = METHOD  # what hash_password uses (the tests' own users: a cheaper one)


def hash_password(password):
    return generate_password_hash(password, method=_METHOD)


def keyed(*texts):
    """A digest of the texts under this process's random key (keyed BLAKE2b, a
    MAC): what in-process caches keep instead of secrets."""
    message = b'\x00'.join(text.encode('utf-8', 'surrogatepass') for text in texts)
    return hashlib.blake2b(message, key=_KEY).digest()


def _cache_key(stored_hash, password):
    return keyed(stored_hash, password)


def _checked(stored_hash, password):
    try:
        return check_password_hash(stored_hash, password)
    except (ValueError, TypeError):
        return False


def _in_hash_pool(function, *args):
    """Run `function` on gevent's thread pool when gevent runs this process."""
    global _pool
    try:
        from gevent import monkey
    except ImportError:  # pragma: no cover - gevent is a dependency
        return function(*args)
    if not monkey.is_module_patched('threading'):
        return function(*args)
    if _pool is None:
        from gevent.threadpool import ThreadPool

        _pool = ThreadPool(_HASH_THREADS)
    return _pool.apply(function, args)


class _Hashing:
    __slots__ = ('done', 'ok')

    def __init__(self):
        self.done = Event()
        self.ok = False


def verify_absent(password):
    """False, after the work of verifying `password` against a hash: a login
    with no account (unknown or disabled) is refused as slowly as a wrong
    password, so the time of a refusal does not tell which logins exist. (No
    password matches this hash: its digest is empty.)"""
    if password:
        verify(f'{_METHOD}$no-account$', password)
    return False


def verify(stored_hash, password):
    if not stored_hash or not password:
        return False
    key = _cache_key(stored_hash, password)
    with _lock:
        if key in _verified:
            _verified.move_to_end(key)
            return True
        hashing = _computing.get(key)
        mine = hashing is None
        if mine:
            hashing = _computing[key] = _Hashing()
    if not mine:  # the same hash and password: the same answer
        hashing.done.wait()
        return hashing.ok
    try:
        hashing.ok = _in_hash_pool(_checked, stored_hash, password)
    finally:
        with _lock:
            if hashing.ok:
                _verified[key] = True
                while len(_verified) > _CACHE_SIZE:
                    _verified.popitem(last=False)
            del _computing[key]
        hashing.done.set()
    return hashing.ok
