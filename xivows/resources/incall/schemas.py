"""Incalls: the `incall` input section and the wire shapes of the view's row
and of list items."""
from xivows import wire
from xivows.models.incall import Incall
from xivows.schemas import LegacySchema
from xivows.schemas.fields import ContextName, Flag, Text

# Add-only shortcuts of the `incall` section, copied into dialaction.answer.
SHORTCUTS = (('destination', 'actiontype'), ('action', 'action'), ('arg1', 'actionarg1'),
             ('arg2', 'actionarg2'))


class IncallSchema(LegacySchema):
    # A DID: digits only (no `+`), matched against the context's incall ranges.
    exten = Text(required=True, min_length=1, max_length=40, pattern=r'[0-9]+')
    context = ContextName(required=True)
    preprocess_subroutine = ContextName(load_default=None)
    description = Text(max_length=1000, strip=False, printable=True, load_default='')
    commented = Flag(load_default=False)


incall_schema = IncallSchema()

STORED_INPUT = tuple(incall_schema.fields)

_VIEW_ROW = wire.RowFormat(Incall, ints=('id',), bools=('commented',))
_LIST_ROW = wire.RowFormat(Incall, bools=('commented',))


def identity(exten, context):
    return f'{exten} ({context})'


def incall_row(incall):
    """The view's `incall`: id as a number."""
    row = _VIEW_ROW(incall)
    row['identity'] = identity(incall.exten, incall.context)
    return row


def list_row(row):
    """The incall columns of a list item (id as a string)."""
    return _LIST_ROW(row)
