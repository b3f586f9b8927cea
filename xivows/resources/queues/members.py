"""The members of a queue, given as `agent` [agent ids] and `user` [user ids]
in ring order. A list given replaces that kind of members (a member already
there keeps its penalty); absent, they are kept."""
from xivows.errors import InvalidInput
from xivows.resources.queue_members import service as queue_members
from xivows.resources.queues import queries
from xivows.resources.users import as_member
from xivows.schemas.fields import IdList

_ids = IdList()


def _id_list(document, key):
    if key not in document or document[key] is None:
        return None
    value = document[key]
    if value is False or value == {}:  # the view's "no members"
        return []
    try:
        return _ids.deserialize(value)
    except Exception:
        raise InvalidInput(f'{key}: must be a list of {key} ids') from None


def parse_agents(document):
    """-> [Member] in order, or None when absent."""
    ids = _id_list(document, 'agent')
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


def parse_users(document):
    """-> [Member] in order, or None when absent."""
    ids = _id_list(document, 'user')
    if ids is None:
        return None
    return as_member.interfaces(ids)


def apply(name, agents, users):
    if agents is not None:
        queue_members.replace_members(name, queue_members.QUEUE, queue_members.AGENT, agents)
    if users is not None:
        queue_members.replace_members(name, queue_members.QUEUE, queue_members.USER, users)


def delete_all(name):
    """The queue goes: its members too (logged agents leave it in Asterisk)."""
    queue_members.delete_queue(name, queue_members.QUEUE)
