"""The legacy wire shapes of agents: list items and the `view` object."""

from xivows import wire
from xivows.jsonphp.views.users import user_item
from xivows.models.agent import AgentFeatures, AgentGroup
from xivows.models.queue import QueueMember
from xivows.resources.agents import queries

LIST_KEYS = ('id', 'firstname', 'lastname', 'number', 'passwd', 'context', 'language')
DEFAULT_GROUP = 1

_ROW = wire.RowFormat(AgentFeatures, ints=('id',))
_GROUP_ROW = wire.RowFormat(AgentGroup, bools=('commented', 'deleted'))
_MEMBER_ROW = wire.RowFormat(
    QueueMember, ints=('userid', 'position'), bools=('commented',), exclude=('id',)
)


def agent_item(agent):
    """List/search item: `id` an integer, the rest strings."""
    row = _ROW(agent)
    item = {key: row[key] for key in LIST_KEYS}
    item['context'] = item['context'] or 'default'
    return item


def fullname(firstname, lastname):
    return f'{firstname or ""} {lastname or ""}'.strip() or '-'


def agentfeatures_view(agent):
    row = _ROW(agent)
    row['context'] = row['context'] or 'default'
    row['fullname'] = fullname(agent.firstname, agent.lastname)
    row['identity'] = f"{row['fullname']} ({agent.number}@{row['context']})"
    return row


def group_view(group):
    if group is None:
        return False
    row = _GROUP_ROW(group)
    row['deletable'] = group.id != DEFAULT_GROUP
    return row


def member_view(row):
    """A queuemember row of the agent, with its queue's id (a string)."""
    item = _MEMBER_ROW(row)
    item['queuefeaturesid'] = wire.text(row.get('queuefeaturesid'))
    return item


def skill_view(weight, skill_id, name):
    return {'weight': wire.text(weight), 'id': wire.text(skill_id), 'name': name}


def agent_view(agent):
    return {
        'agentfeatures': agentfeatures_view(agent),
        'agentgroup': group_view(queries.group(agent.numgroup)),
        'usermember': [user_item(user) for user in queries.users_of(agent.id)] or False,
        'queuemember': [member_view(row) for row in queries.memberships(agent.id)] or False,
        'queueskills': [skill_view(*skill) for skill in queries.skills_of(agent.id)],
    }
