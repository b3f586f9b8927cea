"""Periods of a schedule: {hours: "08:00-12:00", weekdays: "1-5", monthdays: "1-31",
months: "1-12"}. Values are normalised: spaces removed (the seed document's
example writes "08: 00-12: 00"), hours zero-padded. Day and month fields are
numbers or upward ranges separated by commas; absent or empty means all."""

import re

from xivows.errors import InvalidInput

DAY_FIELDS = (('weekdays', 1, 7), ('monthdays', 1, 31), ('months', 1, 12))
MAX_TEXT = 128
_TIME = re.compile(r'([0-9]{1,2}):([0-9]{2})')


def _compact(value, where):
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InvalidInput(f'{where}: must be a string')
    text = ''.join(str(value).split())
    if len(text) > MAX_TEXT:
        raise InvalidInput(f'{where}: must be at most {MAX_TEXT} characters')
    return text


def parse_hours(value, where: str) -> str:
    """ "8:00 - 12:00" -> "08:00-12:00"; a single time is kept as one time."""
    if value is None or value == '':
        raise InvalidInput(f'{where}: is required')
    times = []
    for part in _compact(value, where).split('-'):
        match = _TIME.fullmatch(part)
        if not match or len(times) == 2:
            raise InvalidInput(f'{where}: must look like 08:00-12:00')
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            raise InvalidInput(f'{where}: {part} is not a time of day')
        times.append(f'{hour:02d}:{minute:02d}')
    return '-'.join(times)


def parse_days(value, where: str, low: int, high: int) -> str:
    """ "1-5, 7" -> "1-5,7"; absent or empty -> the whole range."""
    if value is None or value == '':
        return f'{low}-{high}'
    items = []
    for item in _compact(value, where).split(','):
        bounds = item.split('-')
        if len(bounds) > 2 or not all(b.isascii() and b.isdigit() and len(b) <= 2 for b in bounds):
            raise InvalidInput(f'{where}: must be numbers or ranges such as {low}-{high}')
        numbers = [int(b) for b in bounds]
        if not all(low <= number <= high for number in numbers):
            raise InvalidInput(f'{where}: must lie between {low} and {high}')
        if numbers[0] > numbers[-1]:
            raise InvalidInput(f'{where}: a range must go upwards: {item}')
        items.append('-'.join(map(str, numbers)))
    return ','.join(items)


def parse_period(period, where: str) -> dict:
    """One period -> its column values (without the action)."""
    if not isinstance(period, dict):
        raise InvalidInput(f'{where}: must be an object')
    row = {'hours': parse_hours(period.get('hours'), f'{where}.hours')}
    for name, low, high in DAY_FIELDS:
        row[name] = parse_days(period.get(name), f'{where}.{name}', low, high)
    return row
