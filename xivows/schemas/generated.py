"""Input schemas derived from a model's columns, for tables with many free-form
options (SIP peers, queues): text columns accept text up to their length,
integer columns integers, boolean columns flags. Keys are column names."""

from peewee import BooleanField, CharField, FloatField, IntegerField, TextField

from xivows.constants import MAX_INT
from xivows.schemas import LegacySchema
from xivows.schemas.fields import Flag, Integer, Text


def _field_for(column):
    if isinstance(column, BooleanField):
        return Flag(data_key=column.column_name)
    if isinstance(column, (IntegerField, FloatField)):
        return Integer(data_key=column.column_name, minimum=-MAX_INT - 1, maximum=MAX_INT)
    if isinstance(column, CharField):
        return Text(data_key=column.column_name, max_length=column.max_length, printable=True)
    if isinstance(column, TextField):
        return Text(data_key=column.column_name, max_length=10000)
    raise TypeError(f'no input field for {column!r}')


def model_schema(model, schema_name, exclude=(), **overrides):
    """A LegacySchema class over the model's columns (attribute names as loaded
    keys); `overrides` replace the generated field of some attributes."""
    attributes = {}
    for column in model._meta.sorted_fields:
        if column.name in exclude or column.primary_key:
            continue
        attributes[column.name] = overrides.pop(column.name, None) or _field_for(column)
    attributes.update(overrides)
    return type(schema_name, (LegacySchema,), attributes)
