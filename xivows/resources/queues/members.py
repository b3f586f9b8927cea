"""The members of a queue: agents and users, in ring order. A list given
replaces that kind of members (a member already there keeps its penalty);
absent (None), they are kept."""
from xivows.errors import InvalidInput
from xivows.resources.queue_members import service as queue_members
from xivows.resources.queues import queries
from xivows.resources.users import as_member


def agents(ids: list[int] | None) -> list[queue_members.Member] | None:
    """The agents of `ids` as members, in order; InvalidInput for an unknown one."""
    if ids is None:
        return None
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
    return members


def users(ids: list[int] | None) -> list[queue_members.Member] | None:
    return None if ids is None else as_member.interfaces(ids)


def apply(name, agent_members, user_members):
    if agent_members is not None:
        queue_members.replace_members(name, queue_members.QUEUE, queue_members.AGENT,
                                      agent_members)
    if user_members is not None:
        queue_members.replace_members(name, queue_members.QUEUE, queue_members.USER,
                                      user_members)


def delete_all(name):
    """The queue goes: its members too (logged agents leave it in Asterisk)."""
    queue_members.delete_queue(name, queue_members.QUEUE)
