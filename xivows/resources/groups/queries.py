from __future__ import annotations

from typing import TYPE_CHECKING

from peewee import JOIN, fn

from xivows.ids import batches
from xivows.models.context import Context
from xivows.models.entity import Entity
from xivows.models.moh import MusicOnHold
from xivows.models.queue import GroupFeatures, Queue, QueueMember
from xivows.resources.queue_members import service as queue_members
from xivows.search import contains_any

if TYPE_CHECKING:
    from collections.abc import Collection

CATEGORY = 'group'


def listed(term: str | None = None) -> list[dict]:
    """Groups not flagged deleted whose context belongs to an entity (as the
    original listed them), with their options' `commented`, the entity's display
    name and the number of members: one query."""
    counts = (
        QueueMember.select(QueueMember.queue_name, fn.COUNT(QueueMember.id).alias('count'))
        .where(QueueMember.category == CATEGORY)
        .group_by(QueueMember.queue_name)
        .alias('counts')
    )
    query = (
        GroupFeatures.select(
            GroupFeatures,
            Queue.commented,
            Entity.displayname.alias('entity_displayname'),
            counts.c.count.alias('nb_qmember'),
        )
        .join_from(GroupFeatures, Context, on=(Context.name == GroupFeatures.context))
        .join_from(Context, Entity, on=(Entity.name == Context.entity))
        .join_from(
            GroupFeatures,
            Queue,
            JOIN.LEFT_OUTER,
            on=((Queue.name == GroupFeatures.name) & (Queue.category == CATEGORY)),
        )
        .join_from(
            GroupFeatures, counts, JOIN.LEFT_OUTER, on=(counts.c.queue_name == GroupFeatures.name)
        )
        .where(GroupFeatures.deleted == False)  # noqa: E712
        .order_by(GroupFeatures.id)
    )
    if term:
        query = query.where(contains_any([GroupFeatures.name, GroupFeatures.number], term))
    return list(query.dicts())


def find(group_id: int) -> GroupFeatures | None:
    return GroupFeatures.get_or_none(GroupFeatures.id == group_id)


def ids_and_names() -> list[tuple[int, str]]:
    return list(
        GroupFeatures.select(GroupFeatures.id, GroupFeatures.name)
        .order_by(GroupFeatures.id)
        .tuples()
    )


def options_of(name: str) -> Queue | None:
    return Queue.get_or_none((Queue.name == name) & (Queue.category == CATEGORY))


def context_exists(name: str) -> bool:
    return Context.select().where(Context.name == name).exists()


def moh_exists(name: str) -> bool:
    return MusicOnHold.select().where(MusicOnHold.name == name).exists()


def rename(old: str, new: str) -> None:
    """The options row and the members follow the group's new name."""
    Queue.update(name=new).where((Queue.name == old) & (Queue.category == CATEGORY)).execute()
    queue_members.rename_queue(old, new, CATEGORY)


def delete_options(names: Collection[str]) -> None:
    for batch in batches(names):
        Queue.delete().where((Queue.name.in_(batch)) & (Queue.category == CATEGORY)).execute()


def delete_features(ids: Collection[int]) -> None:
    for batch in batches(ids):
        GroupFeatures.delete().where(GroupFeatures.id.in_(batch)).execute()
