from peewee import JOIN, Cast

from xivows.models.context import Context
from xivows.models.dialaction import Dialaction
from xivows.models.entity import Entity
from xivows.models.incall import Incall
from xivows.resources.incall import destinations
from xivows.search import contains_any


def find(incall_id: int) -> Incall | None:
    return Incall.get_or_none(Incall.id == incall_id)


def all_ids() -> list[int]:
    return [row.id for row in Incall.select(Incall.id).order_by(Incall.id)]


def listed(term: str | None = None) -> list[dict]:
    """Incalls whose context belongs to an existing entity (the original's list
    joined them), each with its answer dial action: one query."""
    answer = (
        (Dialaction.category == 'incall')
        & (Dialaction.event == 'answer')
        & (Dialaction.categoryval == Cast(Incall.id, 'TEXT'))
    )
    query = (
        Incall.select(
            Incall,
            Entity.displayname.alias('entity_displayname'),
            Dialaction.action,
            Dialaction.actionarg1,
            Dialaction.actionarg2,
            Dialaction.linked,
        )
        .join(Context, on=(Context.name == Incall.context))
        .join(Entity, on=(Entity.name == Context.entity))
        .switch(Incall)
        .join(Dialaction, JOIN.LEFT_OUTER, on=answer)
        .order_by(Incall.id)
    )
    if term:
        matches = contains_any([Incall.exten, Incall.description], term)
        by_destination = destinations.search_condition(term)
        if by_destination is not None:
            matches = matches | by_destination
        query = query.where(matches)
    return list(query.dicts())
