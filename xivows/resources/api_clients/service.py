"""Applications: create (the secret is shown once, only its digest is kept), list,
delete, check credentials, keep and check the bearer tokens Authlib issues."""

import re
import secrets
import time
from dataclasses import dataclass

from xivows import settings
from xivows.auth import tokens
from xivows.errors import InvalidInput, NotFound
from xivows.models.api_client import ApiClient, ApiClientToken
from xivows.models.entity import Entity
from xivows.resources.api_clients import queries

_NAME = re.compile(r'[A-Za-z0-9][A-Za-z0-9._@-]{0,63}')


@dataclass(frozen=True)
class NewApiClient:
    """What `create` answers: the only time the secret is known."""

    client: ApiClient
    client_secret: str


@dataclass(frozen=True)
class Caller:
    """Who a valid bearer token speaks for."""

    client: ApiClient
    entity: Entity
    expires_at: int


def _client_id() -> str:
    # Hex: no character that needs quoting in a URL, a form or HTTP Basic.
    return secrets.token_hex(12)


def create(name: str, entity: str) -> NewApiClient:
    """`entity`: an entity name (or id)."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise InvalidInput(
            'name: 1 to 64 letters, digits, ".", "_", "@" or "-", starting with a letter or digit'
        )
    if queries.by_name(name) is not None:
        raise InvalidInput(f'name: an application named {name} already exists')
    owner = queries.entity_by_name_or_id(str(entity))
    if owner is None:
        raise InvalidInput(f'entity: no such entity: {entity}')
    secret = tokens.new_secret()
    client = ApiClient.create(
        name=name,
        entity=owner,
        client_id=_client_id(),
        secret_digest=tokens.digest(secret),
        created_at=int(time.time()),
    )
    return NewApiClient(client, secret)


def list_clients() -> list[ApiClient]:
    return list(queries.all_clients())


def delete(name: str) -> None:
    """Deletes the application and every token it was issued."""
    client = queries.by_name(name)
    if client is None:
        raise NotFound.of('application', name)
    client.delete_instance()  # its tokens go with it (ON DELETE CASCADE)


def authenticate(client_id: str | None, client_secret: str | None) -> ApiClient | None:
    """The application whose id and secret these are, or None (unknown id and wrong
    secret are not told apart)."""
    if not tokens.well_formed(client_id) or not tokens.well_formed(client_secret):
        return None
    client = queries.by_client_id(client_id)
    if client is None:
        tokens.matches('0' * 64, client_secret)  # the same work as a wrong secret
        return None
    return client if tokens.matches(client.secret_digest, client_secret) else None


def token_ttl() -> int:
    return int(settings.get('OAUTH_TOKEN_TTL'))


def store_token(
    client: ApiClient, access_token: str, expires_in: int, now: float | None = None
) -> None:
    now = int(time.time() if now is None else now)
    ApiClientToken.create(
        client=client,
        token_digest=tokens.digest(access_token),
        issued_at=now,
        expires_at=now + int(expires_in),
    )


def caller_of(access_token: str | None, now: float | None = None) -> Caller | None:
    """The application and entity of a bearer token still valid, or None."""
    if not tokens.well_formed(access_token):
        return None
    row = queries.token_by_digest(tokens.digest(access_token))
    now = time.time() if now is None else now
    if row is None or row.expires_at <= now:
        return None
    return Caller(row.client, row.client.entity, row.expires_at)


def purge_expired(now: float | None = None) -> int:
    """Delete expired bearer tokens; returns how many (for the background worker)."""
    return queries.delete_expired_tokens(int(time.time() if now is None else now))
