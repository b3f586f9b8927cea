"""Numbers for agents created without one (seed 003 gives none): the lowest
number of a range that no agent has."""

from xivows import db
from xivows.errors import InvalidInput
from xivows.models.agent import AgentFeatures

# pg_advisory_xact_lock key of the choice of agent numbers ('agentnum' in ASCII).
LOCK_KEY = 0x6167656E746E756D


def parse_range(text: str) -> tuple[int, int]:
    """'8000-8999' -> (8000, 8999); InvalidInput otherwise."""
    begin, _, end = str(text).partition('-')
    if not (begin.isdigit() and end.isdigit() and int(begin) <= int(end)):
        raise InvalidInput(f'agent number range {text!r}: must be like 8000-8999')
    return int(begin), int(end)


def take_turns() -> None:
    """Call before reading the numbers an agent must not share (its agent number,
    a remote agent's external number) in a transaction that gives one: two such
    transactions take turns until the end of the first. On PostgreSQL (READ
    COMMITTED) the second would otherwise read before the first commits and
    choose the same number (db.take_turns)."""
    db.take_turns(LOCK_KEY)


def first_free(begin: int, end: int) -> str | None:
    """The lowest number of begin..end no agent has (agent numbers are unique
    across entities), or None when the range is full: one query. Call it in the
    transaction that creates the agent: it takes turns first."""
    take_turns()
    taken = set()
    for (number,) in AgentFeatures.select(AgentFeatures.number).tuples():
        if number.isdigit() and not (len(number) > 1 and number.startswith('0')):
            taken.add(int(number))
    for number in range(begin, end + 1):
        if number not in taken:
            return str(number)
    return None
