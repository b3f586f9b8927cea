"""Numbers for agents created without one (seed 003 gives none): the lowest
number of a range that no agent has."""

from xivows import db
from xivows.db import database
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


def first_free(begin: int, end: int) -> str | None:
    """The lowest number of begin..end no agent has (agent numbers are unique
    across entities), or None when the range is full: one query.

    Call it in the transaction that creates the agent. Two such transactions take
    turns: on PostgreSQL (READ COMMITTED) the second would otherwise read the
    agents before the first commits, choose the same number and be refused; its
    reads after the lock see the first one's agent. SQLite's write transactions
    already take turns (IMMEDIATE)."""
    if db.is_postgresql():
        database.execute_sql('SELECT pg_advisory_xact_lock(%s)', (LOCK_KEY,))
    taken = set()
    for (number,) in AgentFeatures.select(AgentFeatures.number).tuples():
        if number.isdigit() and not (len(number) > 1 and number.startswith('0')):
            taken.add(int(number))
    for number in range(begin, end + 1):
        if number not in taken:
            return str(number)
    return None
