"""Generated secrets (API client secrets, bearer tokens, web-service tokens) and
their stored form.

These values are long random strings made by us, never chosen by people, so a
single SHA-256 digest is enough to make a stolen store useless: there is nothing
to guess. (Slow salted hashes, as for web-service passwords, protect low-entropy
human passwords.) A plain digest can also be looked up by index, which a token
check on every request needs."""

import hashlib
import hmac
import secrets

# Longer input is never a value we issued; refusing it bounds the hashing work.
MAX_LENGTH = 256


def new_secret(nbytes: int = 32) -> str:
    """A URL-safe random string with `nbytes` bytes of entropy."""
    return secrets.token_urlsafe(nbytes)


def digest(value: str) -> str:
    return hashlib.sha256(value.encode('utf-8', 'surrogatepass')).hexdigest()


def well_formed(value) -> bool:
    # (NUL: never in a value xivows made, and PostgreSQL refuses it in a lookup)
    return isinstance(value, str) and 0 < len(value) <= MAX_LENGTH and '\x00' not in value


def matches(stored_digest: str, value) -> bool:
    """Constant-time comparison of a presented value with a stored digest."""
    if not stored_digest or not well_formed(value):
        return False
    return hmac.compare_digest(stored_digest, digest(value))
