"""Rows every installation has: context types, the default agent group, CTI
profiles and the default music-on-hold class."""

from xivows.models.agent import AgentGroup
from xivows.models.context import ContextType
from xivows.models.cti import CtiProfile
from xivows.models.moh import MusicOnHold

CONTEXT_TYPES = ('internal', 'incall', 'outcall', 'services', 'others')
CTI_PROFILES = ('Client', 'Agent', 'Supervisor', 'Switchboard')


def upgrade(db, migrator):
    for name in CONTEXT_TYPES:
        ContextType.get_or_create(name=name, defaults={'deletable': False})
    # No explicit id: PostgreSQL sequences only advance for generated ids.
    AgentGroup.get_or_create(name='default', defaults={'groupid': 1})
    for name in CTI_PROFILES:
        CtiProfile.get_or_create(name=name)
    MusicOnHold.get_or_create(name='default')
