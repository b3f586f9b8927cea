"""Agents: the rules of an agent's own fields (`agentfeatures`)."""

from xivows.constants import LANGUAGES
from xivows.schemas import LegacySchema
from xivows.schemas.fields import ContextName, Integer, Text

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


def agentfeatures_input(agent):
    """The stored agent in the input format (base of an edit merge)."""
    return {key: getattr(agent, key) for key in STORED_INPUT}
