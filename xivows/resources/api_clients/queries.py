from __future__ import annotations

from typing import TYPE_CHECKING

from xivows.models.api_client import ApiClient, ApiClientToken
from xivows.models.entity import Entity

if TYPE_CHECKING:
    from peewee import ModelSelect


def all_clients() -> ModelSelect:
    """Applications with their entity, by name (one query)."""
    return ApiClient.select(ApiClient, Entity).join(Entity).order_by(ApiClient.name)


def by_name(name: str) -> ApiClient | None:
    return ApiClient.get_or_none(ApiClient.name == name)


def by_client_id(client_id: str) -> ApiClient | None:
    return (
        ApiClient.select(ApiClient, Entity)
        .join(Entity)
        .where(ApiClient.client_id == client_id)
        .first()
    )


def entity_by_name_or_id(ident: str) -> Entity | None:
    found = Entity.get_or_none(Entity.name == ident)
    if found is None and ident.isdigit() and len(ident) < 10:
        found = Entity.get_or_none(Entity.id == int(ident))
    return found


def token_by_digest(token_digest: str) -> ApiClientToken | None:
    """The token row with its application and the application's entity (one query)."""
    return (
        ApiClientToken.select(ApiClientToken, ApiClient, Entity)
        .join(ApiClient)
        .join(Entity)
        .where(ApiClientToken.token_digest == token_digest)
        .first()
    )


def delete_expired_tokens(now: int) -> int:
    return ApiClientToken.delete().where(ApiClientToken.expires_at <= now).execute()
