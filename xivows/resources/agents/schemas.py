"""Agents: the `agentfeatures` input and the wire shapes of list items and views."""
from xivows import wire
from xivows.models.agent import AgentFeatures, AgentGroup
from xivows.models.queue import QueueMember
from xivows.schemas import LegacySchema
from xivows.schemas.fields import ContextName, Integer, Text

LANGUAGES = ('de_DE', 'en_US', 'es_ES', 'fr_FR', 'fr_CA', 'it_IT', 'nl_NL')
NUMBER = r'[0-9*#]+'


class AgentFeaturesSchema(LegacySchema):
    numgroup = Integer(required=True, minimum=1, maximum=63)
    number = Text(required=True, min_length=1, max_length=40, pattern=NUMBER)
    context = ContextName(required=True)
    autologoff = Integer(required=True, minimum=0, maximum=60, step=5)
    firstname = Text(max_length=128, printable=True, load_default='')
    lastname = Text(max_length=128, printable=True, load_default='')
    passwd = Text(max_length=40, pattern=NUMBER, load_default='')
    language = Text(choices=LANGUAGES + ('',), load_default='')
    description = Text(max_length=1000, strip=False, load_default='')
    preprocess_subroutine = ContextName(load_default=None)


agentfeatures_schema = AgentFeaturesSchema()
STORED_INPUT = tuple(agentfeatures_schema.fields)

LIST_KEYS = ('id', 'firstname', 'lastname', 'number', 'passwd', 'context', 'language')

_ROW = wire.RowFormat(AgentFeatures, ints=('id',))
_GROUP_ROW = wire.RowFormat(AgentGroup, bools=('commented', 'deleted'))
_MEMBER_ROW = wire.RowFormat(QueueMember, ints=('userid', 'position'), bools=('commented',),
                             exclude=('id',))
DEFAULT_GROUP = 1


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


def agentfeatures_input(agent):
    """The stored agent in the add/edit format (base of an edit merge)."""
    return {key: getattr(agent, key) for key in STORED_INPUT}
