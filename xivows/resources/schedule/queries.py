from __future__ import annotations

from typing import TYPE_CHECKING

from xivows.ids import batches
from xivows.models.entity import Entity
from xivows.models.schedule import Schedule, ScheduleTime
from xivows.search import contains_any

if TYPE_CHECKING:
    from collections.abc import Iterable

SEARCHABLE = (Schedule.name, Schedule.description)


def find(schedule_id: int) -> Schedule | None:
    return Schedule.get_or_none(Schedule.id == schedule_id)


def name_taken(name: str) -> bool:
    return Schedule.select().where(Schedule.name == name).exists()


def entity_exists(entity_id: int) -> bool:
    return Entity.select().where(Entity.id == entity_id).exists()


def listed(term: str | None = None) -> list[Schedule]:
    query = Schedule.select().order_by(Schedule.id)
    if term:
        query = query.where(contains_any(SEARCHABLE, term))
    return list(query)


def entities_by_id() -> dict[int, Entity]:
    """{entity id: entity} of the entities that schedules belong to (one query)."""
    query = Entity.select().where(Entity.id.in_(Schedule.select(Schedule.entity_id)))
    return {entity.id: entity for entity in query}


def periods_of(schedule_id: int) -> list[ScheduleTime]:
    return list(
        ScheduleTime.select()
        .where(ScheduleTime.schedule_id == schedule_id)
        .order_by(ScheduleTime.id)
    )


def delete_periods(schedule_id: int) -> None:
    ScheduleTime.delete().where(ScheduleTime.schedule_id == schedule_id).execute()


def forget_destination(actiontype: str, target_id: int | None = None) -> None:
    """Fallbacks and closed periods that sent calls to a deleted object (every
    object of `actiontype` when `target_id` is None) now do nothing (`none`),
    rather than point at an id that may be reused."""
    fallback = Schedule.fallback_action == actiontype
    closed = ScheduleTime.action == actiontype
    if target_id is not None:
        fallback &= Schedule.fallback_actionid == str(target_id)
        closed &= ScheduleTime.actionid == str(target_id)
    (
        Schedule.update(fallback_action='none', fallback_actionid=None, fallback_actionargs='')
        .where(fallback)
        .execute()
    )
    ScheduleTime.update(action='none', actionid=None, actionargs='').where(closed).execute()


def forget_destinations(actiontype: str, target_ids: Iterable[int]) -> None:
    """forget_destination for many deleted objects at once."""
    for batch in batches(str(target) for target in target_ids):
        (
            Schedule.update(fallback_action='none', fallback_actionid=None, fallback_actionargs='')
            .where(
                (Schedule.fallback_action == actiontype) & (Schedule.fallback_actionid.in_(batch))
            )
            .execute()
        )
        (
            ScheduleTime.update(action='none', actionid=None, actionargs='')
            .where((ScheduleTime.action == actiontype) & (ScheduleTime.actionid.in_(batch)))
            .execute()
        )
