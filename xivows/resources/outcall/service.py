"""Outgoing call routes: an outcall of a context, the trunks it dials through
(priority = position in `outcalltrunk`), its dial patterns (each held as an
extension of type outcall in the outcall's context), call permissions and
schedule. An add or edit validates every part before the first write; a delete
removes every part. An outcall is a dial-action destination."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xivows import cascade
from xivows.errors import InvalidInput
from xivows.models.extension import Extension
from xivows.models.outcall import DialPattern, Outcall, OutcallTrunk
from xivows.resources import lookup
from xivows.resources.dialaction import service as dialactions
from xivows.resources.outcall import queries
from xivows.resources.outcall.inputs import OutcallInput
from xivows.resources.outcall.schemas import (
    PATTERN_FIELDS,
    STORED_INPUT,
    dialpattern_schema,
    outcall_schema,
)
from xivows.resources.ownerlinks import service as ownerlinks
from xivows.schemas import load

if TYPE_CHECKING:
    from collections.abc import Iterable

KIND = queries.KIND
LINKS = ('rightcall', 'schedule_id')
MAX_PATTERNS = 1000
MAX_TRUNKS = 100


def exists(outcall_id: int) -> bool:
    return queries.find(outcall_id) is not None


def get(outcall_id: int) -> Outcall:
    return lookup.found(queries.find(outcall_id), 'outcall', outcall_id)


def _trunks(ids: Iterable[int]) -> list[int]:
    """Trunk ids in priority order (duplicates dropped): at least one, all
    existing."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        raise InvalidInput('outcalltrunk: at least one trunk is required')
    if len(ids) > MAX_TRUNKS:
        raise InvalidInput(f'outcalltrunk: at most {MAX_TRUNKS} trunks')
    known = queries.existing_trunk_ids(ids)
    missing = [trunk_id for trunk_id in ids if trunk_id not in known]
    if missing:
        raise InvalidInput(f'outcalltrunk: no such trunk: {missing[0]}')
    return ids


def _patterns(rows: list[dict]) -> list[dict]:
    """The dial patterns, each validated; an exten at most once."""
    if len(rows) > MAX_PATTERNS:
        raise InvalidInput(f'dialpattern: at most {MAX_PATTERNS} patterns')
    patterns = [
        load(dialpattern_schema, row, f'dialpattern.{index}') for index, row in enumerate(rows)
    ]
    seen = set()
    for pattern in patterns:
        if pattern['exten'] in seen:
            raise InvalidInput(f'dialpattern: exten given twice: {pattern["exten"]}')
        seen.add(pattern['exten'])
    return patterns


def _stored_patterns(outcall: Outcall) -> list[dict]:
    return [
        {key: getattr(pattern, key) for key in PATTERN_FIELDS}
        for pattern in queries.patterns_of(outcall.id)
    ]


class _Parts:
    """Every component of an outcall input, validated; `outcall` given when
    editing: what the input does not give keeps its stored value."""

    def __init__(self, given: OutcallInput, outcall: Outcall | None = None):
        adding = outcall is None
        stored = {name: getattr(outcall, name) for name in STORED_INPUT} if outcall else {}
        fields = {key: value for key, value in given.fields.items() if value is not None}
        self.values = load(outcall_schema, {**stored, **fields}, 'outcall')
        values = self.values
        values['preprocess_subroutine'] = values['preprocess_subroutine'] or None
        if queries.name_taken(values['name'], None if adding else outcall.id):
            raise InvalidInput(f'outcall.name: already used: {values["name"]}')
        if not queries.context_exists(values['context']):
            raise InvalidInput(f'outcall.context: no such context: {values["context"]}')
        if adding and given.trunks is None:
            raise InvalidInput('outcalltrunk: at least one trunk is required')
        self.trunks = None if given.trunks is None else _trunks(given.trunks)
        self.patterns = None if given.patterns is None else _patterns(given.patterns)
        self.links = ownerlinks.GivenLinks(given.links, KIND, LINKS)
        self._check_extens(outcall)

    def _check_extens(self, outcall: Outcall | None) -> None:
        """Each pattern is an extension of the outcall's context: none may be
        held there by another object (the outcall's own patterns are replaced)."""
        patterns = self.patterns
        if patterns is None:
            if outcall is None or outcall.context == self.values['context']:
                return
            patterns = _stored_patterns(outcall)  # they move to the new context
        own = [pattern.id for pattern in queries.patterns_of(outcall.id)] if outcall else []
        taken = queries.extens_taken(
            self.values['context'], {pattern['exten'] for pattern in patterns}, own
        )
        if taken:
            raise InvalidInput(
                f'dialpattern: exten already used in context {self.values["context"]}: {taken[0]}'
            )


def _write_patterns(outcall: Outcall, patterns: Iterable[dict]) -> None:
    queries.delete_patterns(outcall.id)
    for pattern in patterns:
        row = DialPattern.create(type=KIND, typeid=outcall.id, **pattern)
        Extension.create(
            context=outcall.context, exten=pattern['exten'], type=KIND, typeval=str(row.id)
        )


def _write_trunks(outcall: Outcall, trunk_ids: Iterable[int]) -> None:
    queries.delete_trunks(outcall.id)
    OutcallTrunk.insert_many(
        [
            {'outcallid': outcall.id, 'trunkfeaturesid': trunk_id, 'priority': priority}
            for priority, trunk_id in enumerate(trunk_ids)
        ]
    ).execute()


def _apply(outcall: Outcall, parts: _Parts, context_changed: bool = False) -> None:
    if parts.trunks is not None:
        _write_trunks(outcall, parts.trunks)
    if parts.patterns is not None:
        _write_patterns(outcall, parts.patterns)
    elif context_changed:
        _write_patterns(outcall, _stored_patterns(outcall))
    parts.links.apply(outcall.id)


def create(given: OutcallInput) -> int:
    parts = _Parts(given)
    outcall = Outcall.create(**parts.values)
    _apply(outcall, parts)
    return outcall.id


def edit(outcall_id: int, changes: OutcallInput) -> None:
    """Merge: the stored outcall, trunks, patterns, permissions and schedule
    stay unless the input gives them; a new context moves the patterns'
    extensions."""
    outcall = get(outcall_id)
    parts = _Parts(changes, outcall)
    context_changed = parts.values['context'] != outcall.context
    for key, value in parts.values.items():
        setattr(outcall, key, value)
    outcall.save()
    _apply(outcall, parts, context_changed)


def delete(outcall_id: int) -> None:
    outcall = get(outcall_id)
    dialactions.unlink(KIND, outcall.id)
    cascade.deleted(KIND, outcall.id)
    queries.delete_patterns(outcall.id)
    queries.delete_trunks(outcall.id)
    ownerlinks.delete_for(KIND, outcall.id)
    outcall.delete_instance()


def delete_all() -> int | None:
    """Every outcall, set-based; None when there were none."""
    ids = queries.all_ids()
    if not ids:
        return None
    dialactions.unlink_every(KIND)
    cascade.deleted_all(KIND, ids)
    queries.delete_every_part()
    ownerlinks.delete_every(KIND)
    Outcall.delete().execute()
    return len(ids)
