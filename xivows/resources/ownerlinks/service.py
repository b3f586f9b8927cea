"""What hangs on an owner (kind, id) in shared tables: dial actions, call
permissions, caller id and schedule (an `OwnerLinks` input). Each part given is
validated with the rest of the owner's input and replaced; a part not given
(None) stays as stored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from xivows import cascade, numbering
from xivows.resources.callerid import service as callerids
from xivows.resources.dialaction import service as dialactions
from xivows.resources.ownerlinks.inputs import OwnerLinks
from xivows.resources.rightcall import service as rightcalls
from xivows.resources.schedule import links as schedules

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable


def _replace_rightcall(kind: str, owner_id: int, ids: list[int]) -> None:
    # Rows are rewritten only when the permissions change (their ids are shown).
    if ids != rightcalls.input_for(kind, owner_id):
        rightcalls.replace(kind, owner_id, ids)


@dataclass(frozen=True)
class _Part:
    parse: Callable  # (value, kind) -> parsed (InvalidInput)
    replace: Callable  # (kind, owner_id, parsed)
    add: Callable  # (kind, owner_id, parsed), for an owner just created (it has none)
    delete_for: Callable  # (kind, owner_id)
    delete_for_many: Callable  # (kind, owner_ids)
    delete_every: Callable  # (kind): every owner of the kind is deleted


_PARTS = {
    'dialaction': _Part(
        dialactions.parse,
        dialactions.replace,
        dialactions.add,
        dialactions.delete_for,
        dialactions.delete_for_many,
        dialactions.delete_every,
    ),
    'rightcall': _Part(
        lambda value, kind: rightcalls.parse(value),
        _replace_rightcall,
        rightcalls.add,
        rightcalls.delete_for,
        rightcalls.delete_for_many,
        rightcalls.delete_every,
    ),
    'callerid': _Part(
        lambda value, kind: callerids.parse(value),
        callerids.replace,
        callerids.replace,
        callerids.delete_for,
        callerids.delete_for_many,
        callerids.delete_every,
    ),
    'schedule_id': _Part(
        lambda value, kind: schedules.parse(value),
        schedules.replace,
        schedules.replace,
        schedules.delete_for,
        schedules.delete_for_many,
        schedules.delete_every,
    ),
}
ALL = tuple(_PARTS)


class GivenLinks:
    """The parts `links` gives, parsed (raises InvalidInput); only `keys` count
    for this kind of owner."""

    def __init__(self, links: OwnerLinks, kind: str, keys: Iterable[str] = ALL):
        self.kind = kind
        # A mapping is accepted while resources move to OwnerLinks inputs.
        given = links if isinstance(links, dict) else vars(links)
        self.parsed = {
            key: _PARTS[key].parse(given[key], kind) for key in keys if given.get(key) is not None
        }

    def apply(self, owner_id: int, created: bool = False) -> None:
        """Write the parts given; `created`: the owner is new (nothing to replace)."""
        for key, parsed in self.parsed.items():
            part = _PARTS[key]
            (part.add if created else part.replace)(self.kind, owner_id, parsed)


def delete_for(kind: str, owner_id: int) -> None:
    """Every part of the owner, when it is deleted."""
    for part in _PARTS.values():
        part.delete_for(kind, owner_id)


def delete_for_many(kind: str, owner_ids: Collection[int]) -> None:
    """Every part of many owners at once: one statement per part (and batch)."""
    for part in _PARTS.values():
        part.delete_for_many(kind, owner_ids)


def delete_every(kind: str) -> None:
    """Every part of every owner of `kind`, when all of them are deleted: one
    statement per part."""
    for part in _PARTS.values():
        part.delete_every(kind)


def numbered_owner_deleted(kind: str, owner_id: int) -> None:
    """A numbered owner that dial actions may send calls to (a group, a queue) is
    being deleted: the resources referring to it forget it, dial actions to it
    are unlinked, its own parts and its number go."""
    cascade.deleted(kind, owner_id)
    dialactions.unlink(kind, owner_id)
    delete_for(kind, owner_id)
    numbering.release(kind, owner_id)


def numbered_owners_deleted(kind: str, owner_ids: list[int]) -> None:
    """The same for many at once: a constant number of queries."""
    cascade.deleted_many(kind, owner_ids)
    dialactions.unlink_many(kind, owner_ids)
    delete_for_many(kind, owner_ids)
    numbering.release_many(kind, owner_ids)
