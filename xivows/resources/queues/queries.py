from __future__ import annotations

from typing import TYPE_CHECKING

from peewee import JOIN, fn

from xivows.ids import batches
from xivows.models.agent import AgentFeatures
from xivows.models.context import Context, ContextMember
from xivows.models.entity import Entity
from xivows.models.queue import Queue, QueueFeatures, QueueMember
from xivows.prepared import Rows
from xivows.search import contains_any

if TYPE_CHECKING:
    from collections.abc import Collection

    from peewee import ModelSelect

CATEGORY = 'queue'


def listed() -> ModelSelect:
    """Queues whose context belongs to an entity (as the original listed them),
    with their options' `commented`, the entity's display name and the number
    of members: one query."""
    counts = (
        QueueMember.select(QueueMember.queue_name, fn.COUNT(QueueMember.id).alias('count'))
        .where(QueueMember.category == CATEGORY)
        .group_by(QueueMember.queue_name)
        .alias('counts')
    )
    return (
        QueueFeatures.select(
            QueueFeatures,
            Queue.commented,
            Entity.displayname.alias('entity_displayname'),
            counts.c.count.alias('nb_qmember'),
        )
        .join_from(QueueFeatures, Context, on=(Context.name == QueueFeatures.context))
        .join_from(Context, Entity, on=(Entity.name == Context.entity))
        .join_from(
            QueueFeatures,
            Queue,
            JOIN.LEFT_OUTER,
            on=((Queue.name == QueueFeatures.name) & (Queue.category == CATEGORY)),
        )
        .join_from(
            QueueFeatures, counts, JOIN.LEFT_OUTER, on=(counts.c.queue_name == QueueFeatures.name)
        )
        .order_by(QueueFeatures.id)
    )


def all_queues() -> ModelSelect:
    return listed().dicts()


def search(term: str) -> ModelSelect:
    return (
        listed()
        .where(contains_any([QueueFeatures.displayname, QueueFeatures.number], term))
        .dicts()
    )


_FEATURES = Rows(QueueFeatures, ('id',), limit=1)
_OPTIONS = Rows(Queue, ('name', 'category'), limit=1)


def find(queue_id: int) -> QueueFeatures | None:
    return _FEATURES.first(id=queue_id)


def options_of(features: QueueFeatures) -> Queue | None:
    return _OPTIONS.first(name=features.name, category=CATEGORY)


def ids_and_names() -> list[tuple[int, str]]:
    return list(
        QueueFeatures.select(QueueFeatures.id, QueueFeatures.name)
        .order_by(QueueFeatures.id)
        .tuples()
    )


def context_exists(name: str) -> bool:
    return Context.select().where(Context.name == name).exists()


def agents(ids: Collection[int]) -> dict[int, AgentFeatures]:
    if not ids:
        return {}
    return {row.id: row for row in AgentFeatures.select().where(AgentFeatures.id.in_(ids))}


def add_context_member(name: str, context: str) -> None:
    ContextMember.create(context=context, type=CATEGORY, typeval=name, varname='context')


def set_context_member(name: str, context: str) -> None:
    delete_context_members([name])
    add_context_member(name, context)


def delete_context_members(names: Collection[str]) -> None:
    for batch in batches(names):
        ContextMember.delete().where(
            (ContextMember.type == CATEGORY) & (ContextMember.typeval.in_(batch))
        ).execute()


def delete_options(names: Collection[str]) -> None:
    for batch in batches(names):
        Queue.delete().where((Queue.name.in_(batch)) & (Queue.category == CATEGORY)).execute()


def delete_features(ids: Collection[int]) -> None:
    for batch in batches(ids):
        QueueFeatures.delete().where(QueueFeatures.id.in_(batch)).execute()


def features_page(limit: int | None = None, offset: int = 0) -> list[QueueFeatures]:
    query = QueueFeatures.select().order_by(QueueFeatures.name)
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return list(query)


def options_by_name(names: Collection[str]) -> dict[str, Queue]:
    found = {}
    for batch in batches(names):
        found.update(
            {
                row.name: row
                for row in Queue.select().where(
                    (Queue.name.in_(batch)) & (Queue.category == CATEGORY)
                )
            }
        )
    return found


def find_by_name(name: str) -> QueueFeatures | None:
    return QueueFeatures.get_or_none(QueueFeatures.name == name)


def with_options(name: str | None = None) -> list[tuple]:
    """(queuefeatures id, name, options' wrapuptime, options' member timeout) of
    every queue (or the one named), in id order: one query."""
    query = (
        QueueFeatures.select(QueueFeatures.id, QueueFeatures.name, Queue.wrapuptime, Queue.timeout)
        .join(
            Queue,
            JOIN.LEFT_OUTER,
            on=((Queue.name == QueueFeatures.name) & (Queue.category == CATEGORY)),
        )
        .order_by(QueueFeatures.id)
    )
    if name is not None:
        query = query.where(QueueFeatures.name == name)
    return list(query.tuples())


def agent_numbers(names: Collection[str] | None = None) -> dict[str, list[str]]:
    """{queue name: [agent numbers in ring order]}: one query."""
    query = (
        QueueMember.select(QueueMember.queue_name, AgentFeatures.number)
        .join(AgentFeatures, on=(AgentFeatures.id == QueueMember.userid))
        .where((QueueMember.category == CATEGORY) & (QueueMember.usertype == 'agent'))
        .order_by(QueueMember.queue_name, QueueMember.position, QueueMember.id)
    )
    if names is not None:
        query = query.where(QueueMember.queue_name.in_(names))
    numbers = {}
    for name, number in query.tuples():
        numbers.setdefault(name, []).append(number)
    return numbers


def agents_by_number(numbers: Collection[str]) -> dict[str, AgentFeatures]:
    if not numbers:
        return {}
    return {
        row.number: row
        for row in AgentFeatures.select().where(AgentFeatures.number.in_(list(numbers)))
    }
