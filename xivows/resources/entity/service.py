"""Entities (organisations owning contexts and users)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from xivows import cascade
from xivows.errors import InUse, InvalidInput
from xivows.resources import lookup
from xivows.resources.entity import queries
from xivows.resources.entity.inputs import EntityInput
from xivows.resources.entity.schemas import entity_input, entity_schema
from xivows.schemas import load

if TYPE_CHECKING:
    from xivows.models.entity import Entity


def get(entity_id: int) -> Entity:
    return lookup.found(queries.find(entity_id), 'entity', entity_id)


def _check_name_free(name: str, entity_id: int | None = None) -> None:
    other = queries.find_by_name(name)
    if other is not None and other.id != entity_id:
        raise InvalidInput(f'name: already used: {name}')


def _fields(entity: EntityInput) -> dict:
    if not isinstance(entity.fields, dict):
        raise InvalidInput('body: must be an object')
    return entity.fields


def create(entity: EntityInput) -> int:
    values = load(entity_schema, _fields(entity))
    _check_name_free(values['name'])
    created = queries.Entity.create(dcreate=int(time.time()), **values)
    return created.id


def edit(entity_id: int, changes: EntityInput) -> None:
    """Fields not given keep their stored values; a new name follows in the
    contexts of the entity."""
    entity = get(entity_id)
    merged = {**entity_input(entity), **_fields(changes)}
    values = load(entity_schema, merged)
    _check_name_free(values['name'], entity.id)
    old_name = entity.name
    for key, value in values.items():
        setattr(entity, key, value)
    entity.save()
    if values['name'] != old_name:
        queries.rename_in_contexts(old_name, values['name'])


def _refusal(entity: Entity) -> str | None:
    if queries.contexts_of(entity).exists():
        return 'entity is used by contexts'
    if queries.users_of(entity).exists():
        return 'entity is used by users'
    return None


def delete(entity_id: int) -> None:
    entity = get(entity_id)
    refusal = _refusal(entity)
    if refusal:
        # 405 is what the original answered for an entity still in use.
        raise InUse(refusal, status=405)
    cascade.deleted('entity', entity.id)
    entity.delete_instance()


def delete_all() -> int | None:
    """Delete every entity not in use; None when there were none at all."""
    entities = list(queries.all_entities())
    if not entities:
        return None
    deleted = 0
    for entity in entities:
        if _refusal(entity) is None:
            cascade.deleted('entity', entity.id)
            entity.delete_instance()
            deleted += 1
    return deleted
