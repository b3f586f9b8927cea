"""Schedules: the rules of a schedule's own fields."""

from xivows.constants import MAX_ID
from xivows.schemas import LegacySchema
from xivows.schemas.fields import Flag, Integer, Text


class ScheduleSchema(LegacySchema):
    name = Text(required=True, min_length=1, max_length=256, printable=True)
    # xivo-ws sends null when the schedule has no entity; 0 means none too.
    entity_id = Integer(minimum=0, maximum=MAX_ID, load_default=None)
    timezone = Text(max_length=128, pattern=r'[A-Za-z0-9_+/-]*', load_default='')
    description = Text(max_length=1000, strip=False, printable=True, load_default='')
    commented = Flag(load_default=False)


schedule_schema = ScheduleSchema()
