"""Hashed secrets of web-service users.

Hashes are slow on purpose; a small in-process cache of verified (hash,
password digest) pairs keeps repeated requests of one client fast. It keeps
digests keyed by the stored hash, never a password.
"""
import hashlib
import hmac
from collections import OrderedDict
from threading import Lock

from werkzeug.security import check_password_hash, generate_password_hash

_CACHE_SIZE = 256
_verified = OrderedDict()
_lock = Lock()


def hash_password(password):
    return generate_password_hash(password)


def _digest(stored_hash, password):
    return hmac.new(stored_hash.encode(), password.encode('utf-8', 'surrogatepass'),
                    hashlib.sha256).digest()


def verify(stored_hash, password):
    if not stored_hash or not password:
        return False
    key = (stored_hash, _digest(stored_hash, password))
    with _lock:
        if key in _verified:
            _verified.move_to_end(key)
            return True
    try:
        ok = check_password_hash(stored_hash, password)
    except (ValueError, TypeError):
        ok = False
    if ok:
        with _lock:
            _verified[key] = True
            while len(_verified) > _CACHE_SIZE:
                _verified.popitem(last=False)
    return ok
