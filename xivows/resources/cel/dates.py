"""The dates of the CEL search: `Y`, `Y-m`, `Y-m-d`, `Y-m-d H:i` and
`Y-m-d H:i:s` (a `T` may separate the date and the time). Each names a period,
and both bounds of the search are inclusive: `dbeg` starts at the first
instant of its period, `dend` ends at the last one."""

import calendar
import datetime
import re

from xivows.errors import InvalidInput

_DATE = re.compile(
    r'([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2})'
    r'(?:[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?)?)?)?'
)
_TICK = datetime.timedelta(microseconds=1)


def period(text, where):
    """(first instant, last instant) of the period `text` names."""
    match = _DATE.fullmatch(text.strip())
    if not match:
        raise InvalidInput(
            f'{where}: must be a date such as 2012, 2012-02, 2012-02-28 or 2012-02-28 14:30:00'
        )
    year, month, day, hour, minute, second = (
        int(part) if part is not None else None for part in match.groups()
    )
    try:
        start = datetime.datetime(year, month or 1, day or 1, hour or 0, minute or 0, second or 0)
        if month is None:
            end = start.replace(month=12, day=31, hour=23, minute=59, second=59)
        elif day is None:
            last_day = calendar.monthrange(year, month)[1]
            end = start.replace(day=last_day, hour=23, minute=59, second=59)
        elif hour is None:
            end = start.replace(hour=23, minute=59, second=59)
        elif second is None:
            end = start.replace(second=59)
        else:
            end = start
    except ValueError:
        raise InvalidInput(f'{where}: is not a valid date: {text}') from None
    return start, end + datetime.timedelta(seconds=1) - _TICK


def bounds(dbeg, dend, now=None):
    """The inclusive (start, end) of a search; `dend` defaults to now."""
    if not dbeg:
        raise InvalidInput('missing parameter: dbeg')
    start = period(dbeg, 'dbeg')[0]
    if dend:
        end = period(dend, 'dend')[1]
        if end < start:
            raise InvalidInput('dend: is before dbeg')
    else:
        end = now or datetime.datetime.now()
        if end < start:
            raise InvalidInput('dbeg: is in the future')
    return start, end
