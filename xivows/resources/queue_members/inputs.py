"""A member of a queue or group as callers give it (the queue's side: which
agent or user, and its penalty)."""
from dataclasses import dataclass

# A member's penalty (the "level" of some dialects): lower ones ring first.
MAX_PENALTY = 20


@dataclass(frozen=True)
class MemberInput:
    """`id`: the agent's or user's id. `penalty`: 0..MAX_PENALTY; None keeps the
    stored penalty of a member already there (0 for a new one). The ring order
    (position) is the order of the list the member is given in."""
    id: int
    penalty: int | None = None
