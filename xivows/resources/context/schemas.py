"""Context: the add/edit document and the wire rows of list and view.

Add/edit document:
    {"context": {name, displayname, entity, contexttype?, description?, commented?},
     "contextinclude": [context name, ...]?            (priority = list order)
     "contextnumbers": {user|group|queue|meetme|incall: [{numberbeg, numberend?,
                                                          didlength}]}?}
Numbers may be JSON numbers (xivo-ws sends them so) or strings of digits."""
from marshmallow import ValidationError, validates_schema

from xivows import wire
from xivows.errors import InvalidInput
from xivows.models.context import (NUMBER_TYPES, Context, ContextInclude, ContextMember,
                                   ContextNumbers, ContextType)
from xivows.resources.entity.schemas import NAME as ENTITY_NAME
from xivows.schemas import LegacySchema, load
from xivows.schemas.fields import ContextName, Flag, Integer, Text

DEFAULT_TYPE = 'internal'
DIGITS = r'[0-9]+'


class ContextSchema(LegacySchema):
    name = ContextName(required=True)
    displayname = Text(required=True, min_length=3, max_length=128, printable=True)
    entity = Text(required=True, min_length=1, max_length=64, pattern=ENTITY_NAME,
                  lower=True)
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


def load_includes(value):
    """Names to include, in priority order, duplicates dropped; None when not
    given. Items may also be the view's rows ({"include": name, ...})."""
    if value is None:
        return None
    if value is False or value == '':
        return []
    if not isinstance(value, list):
        raise InvalidInput('contextinclude: must be a list of context names')
    names = []
    for index, item in enumerate(value):
        if isinstance(item, dict):
            item = item.get('include')
        try:
            name = _include_name.deserialize(item)
        except ValidationError as error:
            raise InvalidInput(f'contextinclude.{index}: {error.messages[0]}') from None
        if name not in names:
            names.append(name)
    return names


def numbers_overlay(value):
    """The range types a document gives: {type: raw list}. `false`, `[]` and
    absent types give nothing; other keys are ignored."""
    if value is None or value is False or value == '' or value == []:
        return {}
    if not isinstance(value, dict):
        raise InvalidInput('contextnumbers: must be an object keyed by type')
    return {kind: value[kind] for kind in NUMBER_TYPES if value.get(kind) is not None}


def load_numbers(overlay):
    """{type: raw list} -> {type: [(numberbeg, numberend, didlength)]},
    duplicates dropped."""
    found = {}
    for kind, rows in overlay.items():
        if rows is False or rows == '':
            rows = []
        if not isinstance(rows, list):
            raise InvalidInput(f'contextnumbers.{kind}: must be a list of ranges')
        ranges = []
        for index, row in enumerate(rows):
            values = load(_range_schemas[kind], row, f'contextnumbers.{kind}.{index}')
            item = (values['numberbeg'], values['numberend'], values.get('didlength', 0))
            if item not in ranges:
                ranges.append(item)
        found[kind] = ranges
    return found


def context_input(context, ranges, includes):
    """A stored context in the add/edit format (base of an edit merge)."""
    numbers = {}
    for row in ranges:
        if row.type not in NUMBER_TYPES:
            continue
        entry = {'numberbeg': row.numberbeg, 'numberend': row.numberend}
        if row.type == 'incall':
            entry['didlength'] = row.didlength
        numbers.setdefault(row.type, []).append(entry)
    return {
        'context': {key: getattr(context, key) for key in context_schema.fields},
        'contextinclude': [row.include for row in includes],
        'contextnumbers': numbers,
    }


# Wire rows: database text, except the keys the original cast.
context_row = wire.RowFormat(Context, bools=('commented',))
range_row = wire.RowFormat(ContextNumbers, exclude=('id',))
include_row = wire.RowFormat(ContextInclude, exclude=('id',))
member_row = wire.RowFormat(ContextMember, exclude=('id',))
context_type_row = wire.RowFormat(ContextType, ints=('id',), bools=('commented', 'deletable'))
