"""Call permissions (rightcall) given to users, groups, incalls and outcalls."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xivows.constants import MAX_INT
from xivows.errors import InvalidInput
from xivows.ids import batches
from xivows.models.dialaction import Rightcall, RightcallMember
from xivows.prepared import Rows
from xivows.schemas.fields import to_int

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable


def parse(document: object, where: str = 'rightcall') -> list[int]:
    """A list of call permission ids -> list of ints (all must exist). The
    view's rows ({rightcallid, ...}) sent back are read as their ids."""
    if document in (None, False, ''):
        return []
    if not isinstance(document, list):
        raise InvalidInput(f'{where}: must be a list of ids')
    ids = {}  # in order, without duplicates (a dict: linear in the list's length)
    for item in document:
        if isinstance(item, dict) and 'rightcallid' in item:
            item = item['rightcallid']
        number = to_int(item)
        if number is None or not 0 < number <= MAX_INT:
            raise InvalidInput(f'{where}: not an id: {item}')
        ids[number] = None
    ids = list(ids)
    known = (
        {row.id for row in Rightcall.select(Rightcall.id).where(Rightcall.id.in_(ids))}
        if ids
        else set()
    )
    missing = [number for number in ids if number not in known]
    if missing:
        raise InvalidInput(f'{where}: no such call permission: {missing[0]}')
    return ids


def replace(kind: str, owner_id: int, ids: list[int]) -> None:
    delete_for(kind, owner_id)
    add(kind, owner_id, ids)


def add(kind: str, owner_id: int, ids: Collection[int]) -> None:
    """The call permissions of an owner that has none yet (one insert)."""
    if ids:
        RightcallMember.insert_many(
            [
                {'rightcallid': rightcall_id, 'type': kind, 'typeval': str(owner_id)}
                for rightcall_id in ids
            ]
        ).execute()


def delete_for(kind: str, owner_id: int) -> None:
    RightcallMember.delete().where(
        (RightcallMember.type == kind) & (RightcallMember.typeval == str(owner_id))
    ).execute()


def delete_for_many(kind: str, owner_ids: Iterable[int]) -> None:
    for batch in batches(str(owner_id) for owner_id in owner_ids):
        RightcallMember.delete().where(
            (RightcallMember.type == kind) & (RightcallMember.typeval.in_(batch))
        ).execute()


def delete_every(kind: str) -> None:
    """The permissions of every owner of `kind` (all of them are deleted)."""
    RightcallMember.delete().where(RightcallMember.type == kind).execute()


_ROWS = Rows(RightcallMember, ('type', 'typeval'), order_by=('id',))  # every view reads them


def rows_for(kind: str, owner_id: int) -> list[RightcallMember]:
    return _ROWS.all(type=kind, typeval=str(owner_id))


def input_for(kind: str, owner_id: int) -> list[int]:
    return [row.rightcallid for row in rows_for(kind, owner_id)]
