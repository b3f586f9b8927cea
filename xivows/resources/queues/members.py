"""The members of a queue: agents and users, in ring order, with their penalty.
A list given replaces that kind of members (a member already there keeps its
penalty unless one is given); absent (None), they are kept."""

from dataclasses import dataclass

from xivows.errors import InvalidInput
from xivows.resources.queue_members import service as queue_members
from xivows.resources.queue_members.inputs import MemberInput, ids_and_penalties
from xivows.resources.queues import queries
from xivows.resources.users import as_member


@dataclass
class Members:
    """One kind of members, validated: who (in order) and the penalties given."""

    members: list[queue_members.Member]
    penalties: dict[int, int]


def agents(given: list[MemberInput] | None) -> Members | None:
    """The agents as members, in order; InvalidInput for an unknown one."""
    if given is None:
        return None
    ids, penalties = ids_and_penalties(given, 'agent')
    found = queries.agents(ids)
    members = []
    for agent_id in ids:
        agent = found.get(agent_id)
        if agent is None:
            raise InvalidInput(f'agent: no such agent: {agent_id}')
        if not agent.number.isdigit():
            raise InvalidInput(
                f'agent: agent {agent_id} has number {agent.number}, '
                'not all digits: it cannot be a queue member'
            )
        members.append(queue_members.Member.agent(agent_id, agent.number))
    return Members(members, penalties)


def users(given: list[MemberInput] | None) -> Members | None:
    if given is None:
        return None
    ids, penalties = ids_and_penalties(given, 'user')
    return Members(as_member.interfaces(ids), penalties)


def apply(
    name: str, agent_members: Members | None, user_members: Members | None, adding: bool = False
) -> None:
    for usertype, given in (
        (queue_members.AGENT, agent_members),
        (queue_members.USER, user_members),
    ):
        if given is not None:
            queue_members.replace_members(
                name, queue_members.QUEUE, usertype, given.members, given.penalties, adding=adding
            )
