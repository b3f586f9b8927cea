"""The legacy shapes of a context: the list/search item and the view object.

The list item carries the ranges as one flat list and only the first include (as
a single object); the view carries the ranges keyed by type and every include.
`false` stands for "none" everywhere, as the original wrote it."""

from collections import defaultdict

from xivows import wire
from xivows.models.context import (
    NUMBER_TYPES,
    Context,
    ContextInclude,
    ContextMember,
    ContextNumbers,
    ContextType,
)
from xivows.resources.context import queries, references

# Wire rows: database text, except the keys the original cast.
context_row = wire.RowFormat(Context, bools=('commented',))
range_row = wire.RowFormat(ContextNumbers, exclude=('id',))
include_row = wire.RowFormat(ContextInclude, exclude=('id',))
member_row = wire.RowFormat(ContextMember, exclude=('id',))
context_type_row = wire.RowFormat(ContextType, ints=('id',), bools=('commented', 'deletable'))


def _context(row):
    item = context_row(row)
    item['identity'] = f"{item['displayname']} ({item['name']})"
    return item


def _by_context(rows):
    grouped = defaultdict(list)
    for row in rows:
        grouped[row.context].append(row)
    return grouped


def _by_type(rows, row_format, order=()):
    grouped = {kind: [] for kind in order}
    for row in rows:
        grouped.setdefault(row.type, []).append(row_format(row))
    return {kind: items for kind, items in grouped.items() if items}


def list_items(rows):
    """Items of the context rows of queries.contexts(): four more queries,
    whatever the number of contexts."""
    if not rows:
        return []
    names = [row['name'] for row in rows]
    ranges = _by_context(queries.ranges(names))
    includes = _by_context(queries.includes(names))
    types = queries.context_types()
    used = references.users(names)
    items = []
    for row in rows:
        name = row['name']
        context = _context(row)
        # Without an existing entity the original showed no ranges.
        has_entity = row['entityid'] is not None
        if has_entity:
            context['entityid'] = str(row['entityid'])
        numbers = [range_row(r) for r in ranges.get(name, ())] if has_entity else []
        context_type = types.get(row['contexttype'])
        first_include = includes.get(name)
        items.append(
            {
                'context': context,
                'contextnumbers': numbers or False,
                'contexttype': context_type_row(context_type) if context_type else False,
                'deletable': name not in used,
                'contextinclude': include_row(first_include[0]) if first_include else False,
            }
        )
    return items


def context_view(context):
    name = context.name
    context_type = queries.context_type(context.contexttype)
    free = not references.used_by(name)
    return {
        'context': _context(context),
        'contextnumbers': _by_type(queries.ranges([name]), range_row, NUMBER_TYPES) or False,
        'contextinclude': [include_row(row) for row in queries.includes([name])] or False,
        'contexttype': context_type_row(context_type) if context_type else False,
        'contextmember': _by_type(queries.members(name), member_row) or False,
        'deletablemember': free,
        # deletablenumber: the key of older builds (xivo-ws's own fixtures carry it).
        'deletablenumber': free,
        'deletable': free,
    }
