"""A member of a queue or group as callers give it (the queue's side: which
agent or user, and its penalty)."""

from dataclasses import dataclass

from xivows.errors import InvalidInput

# A member's penalty (the "level" of some dialects): lower ones ring first.
MAX_PENALTY = 20


@dataclass(frozen=True)
class MemberInput:
    """`id`: the agent's or user's id. `penalty`: 0..MAX_PENALTY; None keeps the
    stored penalty of a member already there (0 for a new one). The ring order
    (position) is the order of the list the member is given in."""

    id: int
    penalty: int | None = None


def ids_and_penalties(
    given: list[MemberInput | int], key: str
) -> tuple[list[int], dict[int, int]]:
    """The member ids in order (duplicates dropped) and the penalties given (a
    plain id is a member whose penalty is not given); InvalidInput naming `key`
    (agent, user) for anything else."""
    if not isinstance(given, list):
        raise InvalidInput(f'{key}: must be a list of members')
    ids, penalties = {}, {}
    for member in given:
        if isinstance(member, int) and not isinstance(member, bool):
            member = MemberInput(member)
        elif not isinstance(member, MemberInput):
            raise InvalidInput(f'{key}: must be a list of members')
        if isinstance(member.id, bool) or not isinstance(member.id, int):
            raise InvalidInput(f'{key}: must be a list of {key} ids')
        penalty = member.penalty
        if penalty is not None:
            if (
                isinstance(penalty, bool)
                or not isinstance(penalty, int)
                or not 0 <= penalty <= MAX_PENALTY
            ):
                raise InvalidInput(f'{key}.{member.id}.penalty: must be 0 to {MAX_PENALTY}')
            penalties[member.id] = penalty
        ids[member.id] = None
    return list(ids), penalties
