"""Outcalls: the `outcall` input section, one dial pattern, and the wire shapes
of list items and of the view's rows."""
from xivows import wire
from xivows.models.outcall import DialPattern, Outcall, OutcallTrunk
from xivows.schemas import LegacySchema
from xivows.schemas.fields import ContextName, Flag, Integer, Text

# An Asterisk extension pattern (`_0XXXX.`) or plain digits.
EXTEN = r'_?[0-9*#+XNZxnz.!\[\]-]+'


class OutcallSchema(LegacySchema):
    name = Text(required=True, min_length=1, max_length=128, pattern=r'[a-z0-9_-]+')
    context = ContextName(required=True)
    useenum = Flag(load_default=False)
    internal = Flag(load_default=False)
    preprocess_subroutine = ContextName(load_default=None)
    hangupringtime = Integer(minimum=0, maximum=86400, load_default=0)
    commented = Flag(load_default=False)
    description = Text(max_length=1000, strip=False, printable=True, load_default='')


class DialPatternSchema(LegacySchema):
    externprefix = Text(max_length=64, pattern=r'[0-9#*]*', load_default='')
    prefix = Text(max_length=32, pattern=r'\+|\+?[0-9#*]+', load_default='')
    exten = Text(required=True, min_length=1, max_length=40, pattern=EXTEN)
    stripnum = Integer(minimum=0, maximum=20, load_default=0)
    callerid = Text(max_length=80, printable=True, load_default='')


outcall_schema = OutcallSchema()
dialpattern_schema = DialPatternSchema()
STORED_INPUT = tuple(outcall_schema.fields)
PATTERN_KEYS = ('id',) + tuple(dialpattern_schema.fields)

_VIEW_ROW = wire.RowFormat(Outcall, ints=('id',), bools=('commented',))
_LIST_ROW = wire.RowFormat(Outcall, bools=('commented',))
_PATTERN_ROW = wire.RowFormat(DialPattern, ints=('id', 'typeid', 'stripnum'))
_TRUNK_ROW = wire.RowFormat(OutcallTrunk, ints=('outcallid', 'trunkfeaturesid'),
                            exclude=('id',))


def identity(row):
    return f'{row["name"]} ({row["context"]})'


def outcall_row(outcall):
    """The view's `outcall`: id as a number."""
    row = _VIEW_ROW(outcall)
    row['identity'] = identity(row)
    return row


def list_item(row):
    item = _LIST_ROW(row)
    item['identity'] = identity(item)
    return item


def pattern_rows(patterns):
    return [_PATTERN_ROW(pattern) for pattern in patterns] or False


def trunk_rows(links):
    return [_TRUNK_ROW(link) for link in links] or False
