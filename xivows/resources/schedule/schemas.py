"""Schedules: the `schedule` input section and the wire shapes of list items,
the view's `schedule` row and its periods."""
from xivows import wire
from xivows.models.schedule import Schedule, ScheduleTime
from xivows.schemas import LegacySchema
from xivows.schemas.fields import Flag, Integer, Text

MAX_ID = 2 ** 31 - 1


class ScheduleSchema(LegacySchema):
    name = Text(required=True, min_length=1, max_length=256, printable=True)
    # xivo-ws sends null when the schedule has no entity; 0 means none too.
    entity_id = Integer(minimum=0, maximum=MAX_ID, load_default=None)
    timezone = Text(max_length=128, pattern=r'[A-Za-z0-9_+/-]*', load_default='')
    description = Text(max_length=1000, strip=False, printable=True, load_default='')
    commented = Flag(load_default=False)


schedule_schema = ScheduleSchema()

schedule_row = wire.RowFormat(Schedule, ints=('id',), bools=('commented',))
period_row = wire.RowFormat(ScheduleTime, ints=('id', 'schedule_id'), bools=('commented',))


def periods_view(periods):
    """Period rows of one mode, or False when there are none."""
    return [period_row(period) for period in periods] or False
