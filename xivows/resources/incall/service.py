"""Incoming calls: a DID of an incall context, its answer destination, call
permissions, caller id rule and schedule. An add or edit validates every part
before the first write; a delete removes every part."""

from xivows import cascade, numbering
from xivows.errors import InvalidInput
from xivows.models.incall import Incall
from xivows.resources import lookup
from xivows.resources.dialaction import service as dialactions
from xivows.resources.incall import queries
from xivows.resources.incall.inputs import IncallInput
from xivows.resources.incall.schemas import STORED_INPUT, incall_schema
from xivows.resources.ownerlinks import service as ownerlinks
from xivows.schemas import load

KIND = 'incall'
LINKS = ('rightcall', 'callerid', 'schedule_id')


def get(incall_id: int) -> Incall:
    return lookup.found(queries.find(incall_id), 'incall', incall_id)


class _Parts:
    """Every component of an incall input, validated; `incall` given when
    editing: what the input does not give keeps its stored value."""

    def __init__(self, given: IncallInput, incall: Incall | None = None):
        stored = {name: getattr(incall, name) for name in STORED_INPUT} if incall else {}
        fields = {key: value for key, value in given.fields.items() if value is not None}
        self.values = load(incall_schema, {**stored, **fields}, 'incall')
        self.values['preprocess_subroutine'] = self.values['preprocess_subroutine'] or None
        numbering.check(
            self.values['context'],
            KIND,
            self.values['exten'],
            incall.id if incall else None,
            fields=('incall.context', 'incall.exten'),
        )
        self.dialaction = self._answer(given.links.dialaction, incall)
        self.links = ownerlinks.GivenLinks(given.links, KIND, LINKS)

    @staticmethod
    def _answer(entries: object, incall: Incall | None) -> dict | None:
        """The parsed answer; None on an edit that does not give one: the
        stored answer stays as it is, unchecked (its destination may have been
        deleted since: it is then unlinked, and the rest of the incall can
        still change)."""
        if entries is None:
            entries = {}
        if isinstance(entries, dict):  # parse() refuses anything else
            entries = {event: entry for event, entry in entries.items() if entry is not None}
            if incall is not None and 'answer' not in entries:
                if dialactions.rows_for(KIND, incall.id):
                    return None
        parsed = dialactions.parse(entries, KIND)
        if 'answer' not in parsed:
            raise InvalidInput('dialaction.answer: is required')
        return parsed


def _apply(incall: Incall, parts: _Parts) -> None:
    numbering.assign(incall.context, KIND, incall.exten, incall.id)
    if parts.dialaction is not None:
        dialactions.replace(KIND, incall.id, parts.dialaction)
    parts.links.apply(incall.id)


def create(given: IncallInput) -> int:
    parts = _Parts(given)
    incall = Incall.create(**parts.values)
    _apply(incall, parts)
    return incall.id


def edit(incall_id: int, changes: IncallInput) -> None:
    """Merge: the stored incall, answer, permissions, caller id and schedule
    stay unless the input gives them; a new number or context moves the
    incall's extension."""
    incall = get(incall_id)
    parts = _Parts(changes, incall)
    for key, value in parts.values.items():
        setattr(incall, key, value)
    incall.save()
    _apply(incall, parts)


def delete(incall_id: int) -> None:
    incall = get(incall_id)
    numbering.release(KIND, incall.id)
    ownerlinks.delete_for(KIND, incall.id)
    cascade.deleted(KIND, incall.id)
    incall.delete_instance()


def delete_all() -> int | None:
    """Every incall (listed or not), set-based; None when there were none."""
    ids = queries.all_ids()
    if not ids:
        return None
    numbering.release_every(KIND)
    ownerlinks.delete_every(KIND)
    cascade.deleted_all(KIND, ids)
    Incall.delete().execute()
    return len(ids)
