"""Parking lots: the rules of a lot's fields."""

from xivows.constants import MAX_INT
from xivows.schemas import LegacySchema
from xivows.schemas.fields import ContextName, Flag, Integer, Text

MAX_POSITIONS = 10000
MAX_DURATION = MAX_INT
WHO = ('', 'callee', 'caller', 'both')  # '' (or null): nobody
WHO_FIELDS = ('calltransfers', 'callreparking', 'callhangup', 'callrecording')


class ParkinglotSchema(LegacySchema):
    name = Text(required=True, min_length=1, max_length=255, printable=True)
    context = ContextName(required=True)
    extension = Text(required=True, min_length=1, max_length=40, pattern=r'[0-9]+')
    positions = Integer(minimum=1, maximum=MAX_POSITIONS, load_default=50)
    next = Flag(load_default=True)
    duration = Integer(minimum=0, maximum=MAX_DURATION, load_default=None)
    calltransfers = Text(choices=WHO, load_default='')
    callreparking = Text(choices=WHO, load_default='')
    callhangup = Text(choices=WHO, load_default='')
    callrecording = Text(choices=WHO, load_default='')
    musicclass = Text(max_length=128, printable=True, load_default='')
    hints = Flag(load_default=False)
    commented = Flag(load_default=False)
    description = Text(max_length=1000, strip=False, printable=True, load_default='')


parkinglot_schema = ParkinglotSchema()


def parkinglot_input(parkinglot):
    """A stored parking lot in the input shape (base of an edit merge)."""
    values = {key: getattr(parkinglot, key) for key in parkinglot_schema.fields}
    for key in WHO_FIELDS + ('musicclass',):
        values[key] = values[key] or ''
    return values
