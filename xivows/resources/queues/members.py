"""The members of a queue, given as `agent` [agent ids] and `user` [user ids]
in ring order. A list given replaces that kind of members (a member already
there keeps its penalty); absent, they are kept. An agent is reached as
`Agent/<number>`, a user through its line's interface."""
from xivows.errors import InvalidInput
from xivows.models.queue import QueueMember
from xivows.resources.agent_status import service as agent_status
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
    """-> [(agent id, interface, channel)] in order, or None when absent."""
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
        members.append((agent_id, f'Agent/{agent.number}', 'Agent'))
    return members


def parse_users(document):
    """-> [(user id, interface, channel)] in order, or None when absent."""
    ids = _id_list(document, 'user')
    if ids is None:
        return None
    return as_member.interfaces(ids)


def _replace(name, usertype, wanted):
    """Store the members of a kind; -> {member id: penalty before (None: new)}
    of every member that was or is one."""
    current = {row.userid: row for row in queries.members(name, usertype)}
    wanted_ids = {member_id for member_id, _, _ in wanted}
    for member_id, row in current.items():
        if member_id not in wanted_ids:
            row.delete_instance()
    for position, (member_id, interface, channel) in enumerate(wanted, start=1):
        row = current.get(member_id)
        if row is None:
            QueueMember.create(queue_name=name, interface=interface, penalty=0,
                               usertype=usertype, userid=member_id, channel=channel,
                               category=queries.CATEGORY, position=position)
        elif (row.position, row.interface, row.channel) != (position, interface, channel):
            row.position, row.interface, row.channel = position, interface, channel
            row.save()
    changed = {member_id: row.penalty for member_id, row in current.items()}
    changed.update({member_id: None for member_id in wanted_ids - set(current)})
    return changed


def apply(name, agents, users):
    if agents is not None:
        for agent_id, penalty in _replace(name, 'agent', agents).items():
            agent_status.memberships_changed(agent_id, {name: penalty})
    if users is not None:
        _replace(name, 'user', users)


def delete_all(name):
    """The queue goes: its members too (logged agents leave it in Asterisk)."""
    agents = {row.userid: row.penalty for row in queries.members(name, 'agent')}
    queries.delete_members(name)
    for agent_id, penalty in agents.items():
        agent_status.memberships_changed(agent_id, {name: penalty})
