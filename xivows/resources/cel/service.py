"""Call events (CEL): read-only for the APIs, which search them by id or by
time; stored by `xivows cel import` (Asterisk's CSV files) or, for benchmarks,
`generate`. Found events are database tuples in schemas.COLUMNS order (an
answer holds up to 5000 of them); `eventtime` is a datetime, or on SQLite its
stored text."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from xivows.errors import InvalidInput
from xivows.resources.cel import csvfile, queries
from xivows.resources.cel.inputs import CelSearch

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import TextIO

MAX_ROWS = 5000
FORMATS = tuple(queries.MATCHES)
MATCHED = ('accountcode', 'userfield')


def _limit(limit: int | None) -> int:
    return MAX_ROWS if limit is None else max(1, min(limit, MAX_ROWS))


def search_after(after_id: int, limit: int | None = None) -> list[tuple]:
    """Events with an id greater than `after_id`, by id."""
    return queries.after_id(after_id, _limit(limit))


def search_between(search: CelSearch) -> list[tuple]:
    """Events of a time period, by time (see CelSearch)."""
    for match in search.matches:
        if match.column not in MATCHED:
            raise InvalidInput(f'{match.column}: cannot be searched')
        if match.form not in FORMATS:
            raise InvalidInput(f'{match.column}format: must be one of: {", ".join(FORMATS)}')
    return queries.between(
        search.start,
        search.end,
        _limit(search.limit),
        search.context,
        [(match.column, match.form, match.value) for match in search.matches],
    )


def import_csv(streams: Iterable[tuple[str, TextIO]]) -> queries.Imported:
    """Store the events of Asterisk CSV files (see csvfile) that are not stored
    yet (an event is all its fields: queries.fingerprint); returns the counts
    (queries.Imported: stored, skipped). The caller's transaction makes it all
    or nothing."""
    stored = skipped = 0
    for name, stream in streams:
        try:
            counts = queries.insert(csvfile.events(stream))
        except InvalidInput as exc:
            raise InvalidInput(f'{name}: {exc.message}') from None
        except UnicodeDecodeError as exc:
            raise InvalidInput(f'{name}: unreadable: {exc}') from None
        stored += counts.stored
        skipped += counts.skipped
    return queries.Imported(stored, skipped)


_CALL = (
    ('CHAN_START', '', ''),
    ('APP_START', 'Dial', 'SIP/abc,30'),
    ('CHAN_START', '', ''),
    ('ANSWER', 'AppDial', '(Outgoing Line)'),
    ('ANSWER', 'Dial', 'SIP/abc,30'),
    ('BRIDGE_START', 'Dial', 'SIP/abc,30'),
    ('BRIDGE_END', 'Dial', 'SIP/abc,30'),
    ('HANGUP', '', ''),
    ('CHAN_END', '', ''),
    ('HANGUP', 'Dial', ''),
    ('CHAN_END', '', ''),
    ('LINKEDID_END', '', ''),
)


def _synthetic(count: int, first: datetime.datetime) -> Iterator[tuple]:
    """`count` events of calls of 12 events each, a second apart."""
    for index in range(count):
        call, step = divmod(index, len(_CALL))
        eventtype, appname, appdata = _CALL[step]
        caller = 1000 + call % 1000
        uniqueid = f'{1327651953 + call}.{call}'
        yield (
            eventtype,
            first + datetime.timedelta(seconds=index, microseconds=step),
            '',
            f'User {caller}',
            str(caller),
            str(caller),
            '',
            '1001',
            '1001',
            'default',
            f'SIP/{caller}-{call:08x}',
            appname,
            appdata,
            3,
            '',
            '',
            uniqueid,
            uniqueid,
            '',
            '',
            None,
        )


def generate(count: int, first: datetime.datetime | None = None) -> int:
    """Store `count` synthetic events quickly (benchmarks); returns the count."""
    first = first or datetime.datetime.now().replace(microsecond=0) - datetime.timedelta(
        seconds=count
    )
    return queries.insert(_synthetic(count, first)).stored
