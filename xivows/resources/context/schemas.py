"""Context: the rules of a context's fields, of its number ranges and includes.
Numbers may be given as numbers or as strings of digits."""

from dataclasses import asdict

from marshmallow import ValidationError, validates_schema

from xivows.errors import InvalidInput
from xivows.models.context import NUMBER_TYPES
from xivows.resources.context.inputs import NumberRange
from xivows.resources.entity.schemas import NAME as ENTITY_NAME
from xivows.schemas import LegacySchema, load
from xivows.schemas.fields import ContextName, Flag, Integer, Text

DEFAULT_TYPE = 'internal'
DIGITS = r'[0-9]+'


class ContextSchema(LegacySchema):
    name = ContextName(required=True)
    displayname = Text(required=True, min_length=3, max_length=128, printable=True)
    entity = Text(required=True, min_length=1, max_length=64, pattern=ENTITY_NAME, lower=True)
    contexttype = Text(max_length=40, pattern=r'[a-z0-9_-]+', load_default=DEFAULT_TYPE)
    description = Text(max_length=1000, strip=False, printable=True, load_default='')
    commented = Flag(load_default=False)


class RangeSchema(LegacySchema):
    numberbeg = Text(required=True, min_length=1, max_length=16, pattern=DIGITS)
    numberend = Text(max_length=16, pattern=DIGITS, load_default='')

    @validates_schema
    def _end_after_begin(self, data, **kwargs):
        begin, end = data.get('numberbeg'), data.get('numberend')
        if not begin or not end:
            return
        if len(end) != len(begin):
            raise ValidationError('must have as many digits as numberbeg', 'numberend')
        if int(end) < int(begin):
            raise ValidationError('must not be less than numberbeg', 'numberend')


class IncallRangeSchema(RangeSchema):
    """Incall ranges compare the last `didlength` digits of the called number."""

    didlength = Integer(required=True, minimum=1, maximum=20)


context_schema = ContextSchema()
_range_schemas = {kind: RangeSchema() for kind in NUMBER_TYPES}
_range_schemas['incall'] = IncallRangeSchema()
_include_name = ContextName(required=True)


def load_context(value):
    values = load(context_schema, value, 'context')
    values['contexttype'] = values['contexttype'] or DEFAULT_TYPE
    return values


def load_includes(names):
    """Names to include, in priority order, duplicates dropped; None when not
    given."""
    if names is None:
        return None
    if not isinstance(names, list):
        raise InvalidInput('contextinclude: must be a list of context names')
    loaded = []
    for index, item in enumerate(names):
        try:
            name = _include_name.deserialize(item)
        except ValidationError as error:
            raise InvalidInput(f'contextinclude.{index}: {error.messages[0]}') from None
        if name not in loaded:
            loaded.append(name)
    return loaded


def load_numbers(numbers):
    """{type: [NumberRange]} -> {type: [(numberbeg, numberend, didlength)]},
    duplicates dropped."""
    if not isinstance(numbers, dict):
        raise InvalidInput('contextnumbers: must be an object keyed by type')
    found = {}
    for kind, rows in numbers.items():
        if kind not in _range_schemas:
            raise InvalidInput(f'contextnumbers.{kind}: not a range type')
        if not isinstance(rows, list):
            raise InvalidInput(f'contextnumbers.{kind}: must be a list of ranges')
        ranges = []
        for index, row in enumerate(rows):
            where = f'contextnumbers.{kind}.{index}'
            if not isinstance(row, NumberRange):
                raise InvalidInput(f'{where}: must be an object')
            given = {key: value for key, value in asdict(row).items() if value is not None}
            values = load(_range_schemas[kind], given, where)
            item = (values['numberbeg'], values['numberend'], values.get('didlength', 0))
            if item not in ranges:
                ranges.append(item)
        found[kind] = ranges
    return found


def stored_numbers(ranges):
    """The stored range rows as an input's numbers {type: [NumberRange]}."""
    numbers = {}
    for row in ranges:
        if row.type in NUMBER_TYPES:
            numbers.setdefault(row.type, []).append(
                NumberRange(
                    row.numberbeg, row.numberend, row.didlength if row.type == 'incall' else None
                )
            )
    return numbers


def stored_context(context):
    """The stored context's fields in the input format (base of an edit merge)."""
    return {key: getattr(context, key) for key in context_schema.fields}
