"""Statistics configurations: the rules of a configuration's own fields."""

import re

from marshmallow import ValidationError, post_load, validates

from xivows.schemas import LegacySchema
from xivows.schemas.fields import Flag, Text

HOUR = re.compile(r'([01]?[0-9]|2[0-4]):([0-5][0-9])')
MONTH = r'[12][0-9]{3}-(0[1-9]|1[0-2])'
PERIOD = r'[0-9_><-]{1,16}'
DAYS = ('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday')


class StatsConfSchema(LegacySchema):
    name = Text(required=True, min_length=1, max_length=64, pattern=r'[a-zA-Z0-9_.-]+', lower=True)
    hour_start = Text(required=True, min_length=1, max_length=5)
    hour_end = Text(required=True, min_length=1, max_length=5)
    dbegcache = Text(required=True, min_length=1, pattern=MONTH)
    dendcache = Text(required=True, min_length=1, pattern=f'0|{MONTH}')
    default_delta = Text(
        required=True,
        min_length=1,
        max_length=16,
        pattern=r'0|[+-]?[0-9]+ ?(day|week|month|year)s?',
    )
    period1 = Text(required=True, min_length=1, pattern=PERIOD)
    period2 = Text(pattern=PERIOD, load_default='')
    period3 = Text(pattern=PERIOD, load_default='')
    period4 = Text(pattern=PERIOD, load_default='')
    period5 = Text(pattern=PERIOD, load_default='')
    monday = Flag(load_default=False)
    tuesday = Flag(load_default=False)
    wednesday = Flag(load_default=False)
    thursday = Flag(load_default=False)
    friday = Flag(load_default=False)
    saturday = Flag(load_default=False)
    sunday = Flag(load_default=False)
    homepage = Flag(load_default=False)
    timezone = Text(max_length=128, printable=True, load_default='')
    description = Text(max_length=1000, strip=False, load_default='')

    @validates('hour_start', 'hour_end')
    def _hour(self, value, data_key):
        match = HOUR.fullmatch(value)
        if not match or (match.group(1) == '24' and match.group(2) != '00'):
            raise ValidationError('must be an hour H:MM or HH:MM')

    @post_load
    def _normalise(self, data, **kwargs):
        for key in ('hour_start', 'hour_end'):
            hours, minutes = data[key].split(':')
            data[key] = f'{int(hours):02d}:{minutes}'
        return data


stats_conf_schema = StatsConfSchema()
STORED_INPUT = tuple(stats_conf_schema.fields)
