"""The members of a queue: agents and users, in ring order, with their penalty.
A list given replaces that kind of members (a member already there keeps its
penalty unless one is given); absent (None), they are kept."""
from dataclasses import dataclass

from xivows.errors import InvalidInput
from xivows.resources.queue_members import service as queue_members
from xivows.resources.queue_members.inputs import MAX_PENALTY, MemberInput
from xivows.resources.queues import queries
from xivows.resources.users import as_member


@dataclass
class Members:
    """One kind of members, validated: who (in order) and the penalties given."""
    members: list[queue_members.Member]
    penalties: dict[int, int]


def _checked(given: list[MemberInput], key: str) -> tuple[list[int], dict[int, int]]:
    """The ids in order (duplicates dropped) and the penalties given."""
    if not isinstance(given, list) or \
            not all(isinstance(member, MemberInput) for member in given):
        raise InvalidInput(f'{key}: must be a list of members')
    ids, penalties = {}, {}
    for member in given:
        if isinstance(member.id, bool) or not isinstance(member.id, int):
            raise InvalidInput(f'{key}: must be a list of {key} ids')
        penalty = member.penalty
        if penalty is not None:
            if isinstance(penalty, bool) or not isinstance(penalty, int) \
                    or not 0 <= penalty <= MAX_PENALTY:
                raise InvalidInput(f'{key}.{member.id}.penalty: must be 0 to {MAX_PENALTY}')
            penalties[member.id] = penalty
        ids[member.id] = None
    return list(ids), penalties


def agents(given: list[MemberInput] | None) -> Members | None:
    """The agents as members, in order; InvalidInput for an unknown one."""
    if given is None:
        return None
    ids, penalties = _checked(given, 'agent')
    found = queries.agents(ids)
    members = []
    for agent_id in ids:
        agent = found.get(agent_id)
        if agent is None:
            raise InvalidInput(f'agent: no such agent: {agent_id}')
        if not agent.number.isdigit():
            raise InvalidInput(f'agent: agent {agent_id} has number {agent.number}, '
                               'not all digits: it cannot be a queue member')
        members.append(queue_members.Member.agent(agent_id, agent.number))
    return Members(members, penalties)


def users(given: list[MemberInput] | None) -> Members | None:
    if given is None:
        return None
    ids, penalties = _checked(given, 'user')
    return Members(as_member.interfaces(ids), penalties)


def apply(name: str, agent_members: Members | None, user_members: Members | None,
          adding: bool = False) -> None:
    for usertype, given in ((queue_members.AGENT, agent_members),
                            (queue_members.USER, user_members)):
        if given is not None:
            queue_members.replace_members(name, queue_members.QUEUE, usertype, given.members,
                                          given.penalties, adding=adding)
