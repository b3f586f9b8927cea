"""Numbers for agents created without one (seed 003 gives none): the lowest
number of a range that no agent has."""

from xivows.errors import InvalidInput
from xivows.models.agent import AgentFeatures


def parse_range(text: str) -> tuple[int, int]:
    """'8000-8999' -> (8000, 8999); InvalidInput otherwise."""
    begin, _, end = str(text).partition('-')
    if not (begin.isdigit() and end.isdigit() and int(begin) <= int(end)):
        raise InvalidInput(f'agent number range {text!r}: must be like 8000-8999')
    return int(begin), int(end)


def first_free(begin: int, end: int) -> str | None:
    """The lowest number of begin..end no agent has (agent numbers are unique
    across entities), or None when the range is full: one query."""
    taken = set()
    for (number,) in AgentFeatures.select(AgentFeatures.number).tuples():
        if number.isdigit() and not (len(number) > 1 and number.startswith('0')):
            taken.add(int(number))
    for number in range(begin, end + 1):
        if number not in taken:
            return str(number)
    return None
