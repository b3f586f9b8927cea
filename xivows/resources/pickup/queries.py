from __future__ import annotations

from typing import TYPE_CHECKING

from peewee import chunked

from xivows.ids import batches
from xivows.models.counter import IdCounter
from xivows.models.entity import Entity
from xivows.models.pickup import Pickup, PickupMember
from xivows.models.queue import GroupFeatures, QueueFeatures
from xivows.models.user import UserFeatures

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

_CHUNK = 200  # rows or ids per statement (SQLite's parameter limit)

# What a member id names, by member type.
MEMBER_MODELS = {'user': UserFeatures, 'group': GroupFeatures, 'queue': QueueFeatures}


def find(pickup_id: int) -> Pickup | None:
    return Pickup.get_or_none(Pickup.id == pickup_id)


def listed() -> list[Pickup]:
    return list(Pickup.select().order_by(Pickup.id))


def name_taken(name: str) -> bool:
    return Pickup.select().where(Pickup.name == name).exists()


def next_id() -> int:
    """Ids count from 0, as the original's did, but are never given twice (the
    original took the smallest free one: a script holding a deleted group's id
    reached the next group created). One statement: concurrent adds wait on the
    counter row."""
    query = (
        IdCounter.insert(name=Pickup._meta.table_name, last=0)
        .on_conflict(conflict_target=[IdCounter.name], update={IdCounter.last: IdCounter.last + 1})
        .returning(IdCounter.last)
    )
    return query.execute()[0].last


def entity_exists(entity_id: int) -> bool:
    return Entity.select().where(Entity.id == entity_id).exists()


def first_entity_id() -> int | None:
    row = Entity.select(Entity.id).order_by(Entity.id).first()
    return row.id if row else None


def entities_by_id() -> dict[int, Entity]:
    """{entity id: entity} of the entities that pickup groups belong to (one query)."""
    query = Entity.select().where(Entity.id.in_(Pickup.select(Pickup.entity_id)))
    return {entity.id: entity for entity in query}


def missing_members(membertype: str, ids: Collection[int]) -> list[int]:
    """The ids among `ids` that name no object of `membertype`."""
    model = MEMBER_MODELS[membertype]
    found = set()
    for chunk in chunked(sorted(ids), _CHUNK):
        query = model.select(model.id).where(model.id.in_(chunk))
        if model is GroupFeatures:
            query = query.where(GroupFeatures.deleted == False)  # noqa: E712
        found.update(row_id for (row_id,) in query.tuples())
    return sorted(set(ids) - found)


def members_of(pickup_id: int) -> list[PickupMember]:
    return list(
        PickupMember.select().where(PickupMember.pickupid == pickup_id).order_by(PickupMember.id)
    )


def add_members(pickup_id: int, members: Iterable[tuple[str, str, int]]) -> None:
    """`members`: (category, membertype, memberid) tuples without duplicates."""
    rows = [
        {
            'pickupid': pickup_id,
            'category': category,
            'membertype': membertype,
            'memberid': memberid,
        }
        for category, membertype, memberid in members
    ]
    for chunk in chunked(rows, _CHUNK):
        PickupMember.insert_many(chunk).execute()


def delete_members(pickup_id: int) -> None:
    PickupMember.delete().where(PickupMember.pickupid == pickup_id).execute()


def forget_member(membertype: str, memberid: int) -> None:
    PickupMember.delete().where(
        (PickupMember.membertype == membertype) & (PickupMember.memberid == memberid)
    ).execute()


def forget_members(membertype: str, memberids: Iterable[int]) -> None:
    for batch in batches(memberids):
        PickupMember.delete().where(
            (PickupMember.membertype == membertype) & (PickupMember.memberid.in_(batch))
        ).execute()


def forget_entity(entity_id: int) -> None:
    Pickup.update(entity_id=None).where(Pickup.entity_id == entity_id).execute()
