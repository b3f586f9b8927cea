"""Ids as clients write them: decimal text or JSON integers, database-sized."""

from xivows.constants import MAX_ID


def parse_int(text):
    """A decimal integer (optional sign, surrounding blanks), or None."""
    text = (text or '').strip()
    if text[:1] in '+-':
        sign, digits = text[0], text[1:]
    else:
        sign, digits = '', text
    if not digits.isascii() or not digits.isdigit() or len(digits) > 18:
        return None
    return int(sign + digits)


def parse_id(value, minimum=1):
    """An id (text or JSON integer, never a boolean or a float) within the
    store's range, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        number = parse_int(value)
    else:
        return None
    if number is None or not minimum <= number <= MAX_ID:
        return None
    return number


# Ids per IN list of a set-based statement (SQLite binds at most 32766 parameters).
BATCH = 10_000


def batches(ids, size=BATCH):
    """`ids` in lists of at most `size`, for `IN` lists: a set-based write over
    many objects costs one statement per batch, not one per object."""
    ids = list(ids)
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
