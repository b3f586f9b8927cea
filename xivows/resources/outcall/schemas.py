"""Outcalls: the rules of an outcall's own fields and of one dial pattern."""

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
PATTERN_FIELDS = tuple(dialpattern_schema.fields)
