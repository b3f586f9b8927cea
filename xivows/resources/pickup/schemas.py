"""Pickup groups: the rules of a group's own fields and of its members."""

from xivows.constants import MAX_ID
from xivows.schemas import LegacySchema
from xivows.schemas.fields import Flag, Integer, Text

CATEGORIES = ('member', 'pickup')  # member: can be intercepted; pickup: can intercept
MEMBER_TYPES = ('user', 'group', 'queue')


class PickupSchema(LegacySchema):
    name = Text(required=True, min_length=1, max_length=128, printable=True)
    # Absent in the clients of the seed document's era: the service picks one.
    entity_id = Integer(minimum=0, maximum=MAX_ID, load_default=None)
    description = Text(max_length=1000, strip=False, printable=True, load_default='')
    commented = Flag(load_default=False)


class MemberSchema(LegacySchema):
    category = Text(required=True, choices=CATEGORIES)
    membertype = Text(required=True, choices=MEMBER_TYPES)
    memberid = Integer(required=True, minimum=1, maximum=MAX_ID)


pickup_schema = PickupSchema()
member_schema = MemberSchema()
