"""Caller id rules of groups, queues and incalls: {mode, callerdisplay}."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xivows.errors import InvalidInput
from xivows.ids import batches
from xivows.models.dialaction import Callerid
from xivows.prepared import Rows

if TYPE_CHECKING:
    from collections.abc import Iterable

MODES = ('prepend', 'overwrite', 'append')


def parse(document: object, where: str = 'callerid') -> tuple[str, str] | None:
    """-> (mode, callerdisplay), or None to remove the rule."""
    if document in (None, False, '', []):
        return None
    if not isinstance(document, dict):
        raise InvalidInput(f'{where}: must be an object')
    mode = document.get('mode') or None
    display = document.get('callerdisplay')
    if mode is not None and mode not in MODES:
        raise InvalidInput(f'{where}.mode: must be one of: ' + ', '.join(MODES))
    if display is None:
        display = ''
    if isinstance(display, bool) or not isinstance(display, (str, int, float)):
        raise InvalidInput(f'{where}.callerdisplay: must be a string')
    display = str(display).strip()
    if len(display) > 80:
        raise InvalidInput(f'{where}.callerdisplay: must be at most 80 characters')
    if not mode or not display:
        return None
    return mode, display


def replace(kind: str, owner_id: int, parsed: tuple[str, str] | None) -> None:
    Callerid.delete().where((Callerid.type == kind) & (Callerid.typeval == owner_id)).execute()
    if parsed:
        Callerid.create(type=kind, typeval=owner_id, mode=parsed[0], callerdisplay=parsed[1])


def delete_for(kind: str, owner_id: int) -> None:
    replace(kind, owner_id, None)


def delete_for_many(kind: str, owner_ids: Iterable[int]) -> None:
    for batch in batches(owner_ids):
        Callerid.delete().where((Callerid.type == kind) & (Callerid.typeval.in_(batch))).execute()


def delete_every(kind: str) -> None:
    """The rules of every owner of `kind` (all of them are deleted)."""
    Callerid.delete().where(Callerid.type == kind).execute()


_ROW = Rows(Callerid, ('type', 'typeval'), limit=1)  # every view reads it


def row_for(kind: str, owner_id: int) -> Callerid | None:
    return _ROW.first(type=kind, typeval=owner_id)


def input_for(kind: str, owner_id: int) -> dict | None:
    row = row_for(kind, owner_id)
    return {'mode': row.mode, 'callerdisplay': row.callerdisplay} if row else None
