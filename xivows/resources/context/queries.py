from __future__ import annotations

from typing import TYPE_CHECKING

from peewee import JOIN, chunked

from xivows.models.context import (
    Context,
    ContextInclude,
    ContextMember,
    ContextNumbers,
    ContextType,
)
from xivows.models.entity import Entity
from xivows.search import contains_any

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Sequence

    from peewee import Field, Model

SEARCHABLE = (Context.name, Context.displayname, Context.entity)

# Related rows of more contexts than this are read whole rather than by a huge IN list.
_MAX_IN = 900


def find(name: str) -> Context | None:
    return Context.get_or_none(Context.name == name)


def existing_names(names: Iterable[str]) -> set[str]:
    found = set()
    for batch in chunked(sorted(set(names)), _MAX_IN):
        found.update(
            row[0] for row in Context.select(Context.name).where(Context.name.in_(batch)).tuples()
        )
    return found


def entity_exists(name: str) -> bool:
    return Entity.select().where(Entity.name == name).exists()


def context_type_exists(name: str) -> bool:
    return ContextType.select().where(ContextType.name == name).exists()


def contexts(term: str | None = None) -> list[dict]:
    """Context rows (dicts) with `entityid` (None when their entity is missing),
    by name."""
    query = (
        Context.select(Context, Entity.id.alias('entityid'))
        .join(Entity, JOIN.LEFT_OUTER, on=(Entity.name == Context.entity))
        .order_by(Context.name)
    )
    if term:
        query = query.where(contains_any(SEARCHABLE, term))
    return list(query.dicts())


def _of(
    model: type[Model], field: Field, names: Collection[str] | None, order: Sequence[Field]
) -> list:
    query = model.select().order_by(*order)
    if names is not None:
        if not names:
            return []
        if len(names) <= _MAX_IN:
            query = query.where(field.in_(list(names)))
    return list(query)


def ranges(names: Collection[str] | None = None) -> list[ContextNumbers]:
    """Number ranges of the contexts (all when None), in creation order."""
    return _of(ContextNumbers, ContextNumbers.context, names, (ContextNumbers.id,))


def includes(names: Collection[str] | None = None) -> list[ContextInclude]:
    """Includes of the contexts, by priority then included name."""
    return _of(
        ContextInclude,
        ContextInclude.context,
        names,
        (ContextInclude.priority, ContextInclude.include, ContextInclude.id),
    )


def members(name: str) -> list[ContextMember]:
    return list(
        ContextMember.select()
        .where(ContextMember.context == name)
        .order_by(ContextMember.type, ContextMember.id)
    )


def context_types() -> dict[str, ContextType]:
    """{name: ContextType}"""
    return {row.name: row for row in ContextType.select()}


def context_type(name: str) -> ContextType | None:
    return ContextType.get_or_none(ContextType.name == name)


def entity_id_of(entity_name: str) -> int | None:
    row = Entity.select(Entity.id).where(Entity.name == entity_name).first()
    return row.id if row else None


def replace_includes(name: str, included: Iterable[str]) -> None:
    ContextInclude.delete().where(ContextInclude.context == name).execute()
    rows = [
        {'context': name, 'include': include, 'priority': priority}
        for priority, include in enumerate(included)
    ]
    for batch in chunked(rows, 100):
        ContextInclude.insert_many(batch).execute()


def replace_ranges(name: str, kind: str, rows: Iterable[tuple[str, str, int]]) -> None:
    """`rows`: [(numberbeg, numberend, didlength)] of one range type."""
    (
        ContextNumbers.delete()
        .where((ContextNumbers.context == name) & (ContextNumbers.type == kind))
        .execute()
    )
    values = [
        {
            'context': name,
            'type': kind,
            'numberbeg': begin,
            'numberend': end,
            'didlength': didlength,
        }
        for begin, end, didlength in rows
    ]
    for batch in chunked(values, 100):
        ContextNumbers.insert_many(batch).execute()


def delete(name: str) -> None:
    ContextNumbers.delete().where(ContextNumbers.context == name).execute()
    ContextInclude.delete().where(
        (ContextInclude.context == name) | (ContextInclude.include == name)
    ).execute()
    Context.delete().where(Context.name == name).execute()
