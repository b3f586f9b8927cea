"""The configuration a XiVO had after its installation wizard: one entity and the
contexts `default`, `from-extern` and `to-extern`. Legacy scripts assume it."""

import time

from xivows.models.context import Context, ContextNumbers
from xivows.models.entity import Entity

ENTITY = {'name': 'xivo', 'displayname': 'XiVO'}
CONTEXTS = (
    (
        'default',
        'Default',
        'internal',
        (
            ('user', '1000', '1999', 0),
            ('group', '2000', '2999', 0),
            ('queue', '3000', '3999', 0),
            ('meetme', '4000', '4999', 0),
        ),
    ),
    ('from-extern', 'Incalls', 'incall', (('incall', '1000', '4999', 4),)),
    ('to-extern', 'Outcalls', 'outcall', ()),
)


def seed():
    """Create the wizard configuration on an empty store; True if it did."""
    if Entity.select().exists() or Context.select().exists():
        return False
    Entity.create(dcreate=int(time.time()), **ENTITY)
    for name, displayname, contexttype, ranges in CONTEXTS:
        Context.create(
            name=name, displayname=displayname, entity=ENTITY['name'], contexttype=contexttype
        )
        for kind, begin, end, didlength in ranges:
            ContextNumbers.create(
                context=name, type=kind, numberbeg=begin, numberend=end, didlength=didlength
            )
    return True
