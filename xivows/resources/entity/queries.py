from __future__ import annotations

from typing import TYPE_CHECKING

from xivows.models.context import Context
from xivows.models.entity import Entity
from xivows.models.user import UserFeatures
from xivows.search import contains_any

if TYPE_CHECKING:
    from peewee import ModelSelect

SEARCHABLE = (
    Entity.name,
    Entity.displayname,
    Entity.phonenumber,
    Entity.faxnumber,
    Entity.email,
    Entity.url,
    Entity.address1,
    Entity.address2,
    Entity.city,
    Entity.state,
    Entity.zipcode,
    Entity.country,
    Entity.description,
)


def all_entities() -> ModelSelect:
    return Entity.select().order_by(Entity.id)


def search(term: str) -> ModelSelect:
    return all_entities().where(contains_any(SEARCHABLE, term))


def find(entity_id: int) -> Entity | None:
    return Entity.get_or_none(Entity.id == entity_id)


def find_by_name(name: str) -> Entity | None:
    return Entity.get_or_none(Entity.name == name)


def users_of(entity: Entity) -> ModelSelect:
    return UserFeatures.select().where(UserFeatures.entityid == entity.id)


def contexts_of(entity: Entity) -> ModelSelect:
    return Context.select().where(Context.entity == entity.name)


def rename_in_contexts(old_name: str, new_name: str) -> None:
    Context.update(entity=new_name).where(Context.entity == old_name).execute()
