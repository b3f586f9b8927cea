"""Issue, verify, revoke and purge web-service user tokens. The dialect checks the
login (HTTP Basic) itself, with the rate limits, and calls `issue` for the user."""

import time
import uuid

from xivows import settings
from xivows.auth import hosts, tokens
from xivows.models.accesswebservice import AccessWebService
from xivows.models.ws_token import WsToken


def ttl() -> int:
    return int(settings.get('TOKEN_TTL'))


def _now(now: float | None) -> int:
    return int(time.time() if now is None else now)


def issue(user: AccessWebService, now: float | None = None) -> str:
    """A new token for the user (a UUID, as the seed shows), valid `TOKEN_TTL` s."""
    token = str(uuid.uuid4())  # 122 random bits from the system's CSPRNG
    issued = _now(now)
    WsToken.create(
        user=user, token_digest=tokens.digest(token), issued_at=issued, expires_at=issued + ttl()
    )
    return token


def _row(token: str | None) -> WsToken | None:
    if not tokens.well_formed(token):
        return None
    return (
        WsToken.select(WsToken, AccessWebService)
        .join(AccessWebService)
        .where(WsToken.token_digest == tokens.digest(token))
        .first()
    )


def verify(
    token: str | None, now: float | None = None, peer: str | None = None
) -> AccessWebService | None:
    """The enabled web-service user of a token still valid, or None. With `peer`
    (the client address), a user restricted to a host must be called from it."""
    row = _row(token)
    if row is None or row.expires_at <= _now(now):
        return None
    user = row.user
    if user.disable:
        return None
    if peer is not None and user.host and not hosts.host_matches(user.host, peer):
        return None
    return user


def expires_at(token: str | None) -> int | None:
    row = _row(token)
    return row.expires_at if row is not None else None


def revoke(token: str | None) -> bool:
    """Forget a token; False when it was unknown (or already gone)."""
    if not tokens.well_formed(token):
        return False
    return WsToken.delete().where(WsToken.token_digest == tokens.digest(token)).execute() > 0


def revoke_all(user: AccessWebService) -> int:
    """Forget every token of a user (after a password change, say)."""
    return WsToken.delete().where(WsToken.user == user).execute()


def purge_expired(now: float | None = None) -> int:
    """Delete expired tokens; returns how many (for the background worker)."""
    return WsToken.delete().where(WsToken.expires_at <= _now(now)).execute()
