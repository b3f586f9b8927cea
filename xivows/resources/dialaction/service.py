"""Dial actions: what happens on an event (no answer, busy, ...) of an owner
(`category`, `categoryval`: a user, group, queue, incall, ...).

Input, per event: {actiontype, action?, actionarg1?, actionarg2?}. Destinations
(user, group, queue, meetme, voicemail, schedule, outcall) must exist. Stored
action = actiontype, or actiontype:action for endcall and application.
Deleting a destination marks the dial actions pointing at it unlinked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xivows.errors import InvalidInput
from xivows.ids import batches
from xivows.models.dialaction import Dialaction
from xivows.prepared import Rows
from xivows.schemas.fields import to_int

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

ACTIONTYPES = (
    'none',
    'endcall',
    'user',
    'group',
    'queue',
    'meetme',
    'voicemail',
    'schedule',
    'outcall',
    'extension',
    'application',
    'sound',
    'custom',
)
SUBACTIONS = {
    'endcall': ('hangup', 'busy', 'congestion'),
    'application': ('callbackdisa', 'disa', 'directory', 'faxtomail', 'voicemailmain', 'password'),
}
DESTINATIONS = ('user', 'group', 'queue', 'meetme', 'voicemail', 'schedule', 'outcall')
OWNER_EVENTS = {
    'user': ('noanswer', 'busy', 'congestion', 'chanunavail'),
    'group': ('noanswer', 'busy', 'congestion', 'chanunavail'),
    'queue': ('noanswer', 'busy', 'congestion', 'chanunavail', 'qwaittime', 'qwaitratio'),
    'incall': ('answer',),
}

# actiontype -> function(id) -> bool; resources register their tables.
_destinations = {}


def register_destination(actiontype: str, exists: Callable[[int], bool]) -> None:
    _destinations[actiontype] = exists


def _text(value: object, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InvalidInput(f'{where}: must be a string')
    text = str(value).strip()
    if len(text) > 255:
        raise InvalidInput(f'{where}: must be at most 255 characters')
    return text


def _flags(value: object, where: str) -> str | None:
    """actionarg2 of sound/voicemail may be an object of flags: keys concatenated."""
    if isinstance(value, dict):
        return ''.join(
            str(key) for key, on in value.items() if on not in (False, 0, '0', '', None)
        )
    return _text(value, where)


def parse_one(entry: object, where: str) -> tuple:
    """One dial action input -> (action, actionarg1, actionarg2)."""
    if not isinstance(entry, dict):
        raise InvalidInput(f'{where}: must be an object')
    actiontype = entry.get('actiontype')
    if actiontype not in ACTIONTYPES:
        raise InvalidInput(f'{where}.actiontype: must be one of: ' + ', '.join(ACTIONTYPES))
    action = actiontype
    arg1 = _text(entry.get('actionarg1'), f'{where}.actionarg1')
    if actiontype in ('sound', 'voicemail'):
        arg2 = _flags(entry.get('actionarg2'), f'{where}.actionarg2')
    else:
        arg2 = _text(entry.get('actionarg2'), f'{where}.actionarg2')
    if actiontype in SUBACTIONS:
        sub = entry.get('action')
        if sub not in SUBACTIONS[actiontype]:
            raise InvalidInput(
                f'{where}.action: must be one of: ' + ', '.join(SUBACTIONS[actiontype])
            )
        action = f'{actiontype}:{sub}'
    if actiontype == 'none':
        arg1 = arg2 = None
    elif actiontype in DESTINATIONS:
        target = to_int(arg1)
        exists = _destinations.get(actiontype)
        if target is None or exists is None or not exists(target):
            raise InvalidInput(f'{where}.actionarg1: no such {actiontype}: {arg1}')
        arg1 = str(target)
    elif actiontype in ('extension', 'sound', 'custom') and not arg1:
        raise InvalidInput(f'{where}.actionarg1: is required')
    return action, arg1, arg2 or ''


def parse(document: object, category: str, where: str = 'dialaction') -> dict:
    """{event: input} -> {event: (action, arg1, arg2)} for the owner's events;
    other events are ignored."""
    if document in (None, False, ''):
        return {}
    if not isinstance(document, dict):
        raise InvalidInput(f'{where}: must be an object')
    events = OWNER_EVENTS.get(category, ())
    return {
        event: parse_one(entry, f'{where}.{event}')
        for event, entry in document.items()
        if event in events
    }


def replace(
    category: str, categoryval: int | str, parsed: dict, events: Iterable[str] | None = None
) -> None:
    """Store the parsed dial actions of an owner (the given events only, or all
    of the owner's events)."""
    events = events or OWNER_EVENTS.get(category, tuple(parsed))
    (
        Dialaction.delete()
        .where(
            (Dialaction.category == category)
            & (Dialaction.categoryval == str(categoryval))
            & (Dialaction.event.in_(list(events)))
        )
        .execute()
    )
    add(category, categoryval, parsed)


def rows(category: str, categoryval: int | str, parsed: dict[str, tuple]) -> list[dict]:
    """The dialaction rows of an owner's parsed dial actions."""
    return [
        {
            'event': event,
            'category': category,
            'categoryval': str(categoryval),
            'action': action,
            'actionarg1': arg1,
            'actionarg2': arg2,
            'linked': True,
        }
        for event, (action, arg1, arg2) in parsed.items()
    ]


def add(category: str, categoryval: int | str, parsed: dict[str, tuple]) -> None:
    """The parsed dial actions of an owner that has none yet (one insert)."""
    if parsed:
        Dialaction.insert_many(rows(category, categoryval, parsed)).execute()


def delete_for(category: str, categoryval: int | str) -> None:
    Dialaction.delete().where(
        (Dialaction.category == category) & (Dialaction.categoryval == str(categoryval))
    ).execute()


def delete_for_many(category: str, categoryvals: Iterable[int | str]) -> None:
    for batch in batches(str(value) for value in categoryvals):
        Dialaction.delete().where(
            (Dialaction.category == category) & (Dialaction.categoryval.in_(batch))
        ).execute()


def delete_every(category: str) -> None:
    """The dial actions of every owner of `category` (all of them are deleted)."""
    Dialaction.delete().where(Dialaction.category == category).execute()


def unlink(actiontype: str, target_id: int | str) -> None:
    """A destination was deleted: the dial actions pointing at it are unlinked."""
    (
        Dialaction.update(linked=False)
        .where((Dialaction.action == actiontype) & (Dialaction.actionarg1 == str(target_id)))
        .execute()
    )


def unlink_many(actiontype: str, target_ids: Iterable[int | str]) -> None:
    for batch in batches(str(target) for target in target_ids):
        (
            Dialaction.update(linked=False)
            .where((Dialaction.action == actiontype) & (Dialaction.actionarg1.in_(batch)))
            .execute()
        )


def unlink_every(actiontype: str) -> None:
    """Every destination of `actiontype` was deleted."""
    Dialaction.update(linked=False).where(Dialaction.action == actiontype).execute()


_ROWS = Rows(Dialaction, ('category', 'categoryval'), order_by=('id',))  # every view reads them


def rows_for(category: str, categoryval: int | str) -> list[Dialaction]:
    return _ROWS.all(category=category, categoryval=str(categoryval))


def input_for(category: str, categoryval: int | str) -> dict:
    """The stored dial actions in the input shape ({event: entry})."""
    result = {}
    for row in rows_for(category, categoryval):
        actiontype, _, sub = row.action.partition(':')
        entry = {
            'actiontype': actiontype,
            'actionarg1': row.actionarg1,
            'actionarg2': row.actionarg2,
        }
        if sub:
            entry['action'] = sub
        result[row.event] = entry
    return result
