"""Contexts: dial-plan partitions of an entity, with the number ranges their
users, groups, queues, conference rooms and incalls draw from, and the other
contexts they include. A context is known by its name, which cannot change
(every object of the context refers to it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xivows.errors import InUse, InvalidInput
from xivows.models.context import Context
from xivows.resources import lookup
from xivows.resources.context import queries, references
from xivows.resources.context.inputs import ContextInput
from xivows.resources.context.schemas import (
    load_context,
    load_includes,
    load_numbers,
    stored_context,
    stored_numbers,
)

if TYPE_CHECKING:
    from collections.abc import Collection


def get(name: str) -> Context:
    return lookup.found(queries.find(name), 'context', name)


def _check(values: dict, includes: Collection[str]) -> None:
    """What the schemas cannot see: referenced rows must exist."""
    if not queries.entity_exists(values['entity']):
        raise InvalidInput(f"context.entity: no such entity: {values['entity']}")
    if not queries.context_type_exists(values['contexttype']):
        raise InvalidInput(f"context.contexttype: no such context type: {values['contexttype']}")
    if values['name'] in includes:
        raise InvalidInput('contextinclude: a context cannot include itself')
    existing = queries.existing_names(includes)
    missing = [name for name in includes if name not in existing]
    if missing:
        raise InvalidInput(f'contextinclude: no such context: {missing[0]}')


def _fields(given: ContextInput) -> dict:
    if not isinstance(given.context, dict):
        raise InvalidInput('context: must be an object')
    return given.context


def _write(
    name: str, includes: list[str] | None, numbers: dict[str, list[tuple[str, str, int]]]
) -> None:
    if includes is not None:
        queries.replace_includes(name, includes)
    for kind, rows in numbers.items():
        queries.replace_ranges(name, kind, rows)


def create(given: ContextInput) -> str:
    """Store a new context; returns its name."""
    values = load_context(_fields(given))
    includes = load_includes(given.includes) or []
    numbers = load_numbers(given.numbers)
    if queries.find(values['name']) is not None:
        raise InvalidInput(f"context.name: context already exists: {values['name']}")
    _check(values, includes)
    Context.create(**values)
    _write(values['name'], includes, numbers)
    return values['name']


def edit(name: str, changes: ContextInput) -> None:
    """Merge into the stored context: absent (or None) fields keep their values,
    the includes are replaced when given, and each range type given replaces
    that type's ranges. The name cannot change."""
    context = get(name)
    overlay = {key: value for key, value in _fields(changes).items() if value is not None}
    values = load_context({**stored_context(context), **overlay})
    if values['name'] != context.name:
        raise InvalidInput('context.name: cannot be changed')
    includes = load_includes(changes.includes)
    numbers = load_numbers(changes.numbers)
    # Validate the whole merged object, like an add; write only what was given.
    load_numbers({**stored_numbers(queries.ranges([name])), **changes.numbers})
    if includes is None:
        _check(values, [row.include for row in queries.includes([name])])
    else:
        _check(values, includes)
    for key, value in values.items():
        setattr(context, key, value)
    context.save()
    _write(context.name, includes, numbers)


def delete(name: str) -> None:
    """Remove the context with its ranges, its own includes and the includes of
    other contexts naming it; refused while anything else stored names it (see
    references)."""
    context = get(name)
    users = references.used_by(context.name)
    if users:
        raise InUse('context is in use by: ' + ', '.join(users))
    queries.delete(context.name)
