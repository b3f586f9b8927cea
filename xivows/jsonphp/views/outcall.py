"""The legacy wire shapes of outcalls: list items and the `view` object."""

from xivows import wire
from xivows.jsonphp.views import ownerlinks
from xivows.models.outcall import DialPattern, Outcall, OutcallTrunk
from xivows.resources.outcall import queries

_VIEW_ROW = wire.RowFormat(Outcall, ints=('id',), bools=('commented',))
_LIST_ROW = wire.RowFormat(Outcall, bools=('commented',))
_PATTERN_ROW = wire.RowFormat(DialPattern, ints=('id', 'typeid', 'stripnum'))
_TRUNK_ROW = wire.RowFormat(OutcallTrunk, ints=('outcallid', 'trunkfeaturesid'), exclude=('id',))


def identity(row):
    return f'{row["name"]} ({row["context"]})'


def items(term=None):
    found = []
    for row in queries.listed(term):
        item = _LIST_ROW(row)
        item['identity'] = identity(item)
        found.append(item)
    return found


def outcall_view(outcall):
    row = _VIEW_ROW(outcall)
    row['identity'] = identity(row)
    view = {
        'outcall': row,
        'dialpattern': [_PATTERN_ROW(pattern) for pattern in queries.patterns_of(outcall.id)]
        or False,
        'outcalltrunk': [_TRUNK_ROW(link) for link in queries.trunks_of(outcall.id)] or False,
        'rightcall': ownerlinks.rightcall_view(queries.KIND, outcall.id),
    }
    return ownerlinks.with_schedule(view, queries.KIND, outcall.id)
