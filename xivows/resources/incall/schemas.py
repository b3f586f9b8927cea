"""Incalls: the rules of an incall's own fields."""

from xivows.schemas import LegacySchema
from xivows.schemas.fields import ContextName, Flag, Text


class IncallSchema(LegacySchema):
    # A DID: digits only (no `+`), matched against the context's incall ranges.
    exten = Text(required=True, min_length=1, max_length=40, pattern=r'[0-9]+')
    context = ContextName(required=True)
    preprocess_subroutine = ContextName(load_default=None)
    description = Text(max_length=1000, strip=False, printable=True, load_default='')
    commented = Flag(load_default=False)


incall_schema = IncallSchema()

STORED_INPUT = tuple(incall_schema.fields)
