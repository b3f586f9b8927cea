"""The legacy wire shape of CTI profiles (list)."""

from xivows import wire
from xivows.models.cti import CtiProfile

_ROW = wire.RowFormat(CtiProfile, ints=('id',))


def profile_item(row):
    """{id (int), name, presence_id, phonehints_id (strings or null), deletable}."""
    item = _ROW(row)
    item['deletable'] = not row['users']
    return item
