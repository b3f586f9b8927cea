"""The legacy wire shape of an entity (list, search and view, and the `entity`
object other resources' views embed)."""

from xivows import wire
from xivows.models.entity import Entity

_row = wire.RowFormat(Entity, bools=('disable',))


def entity_item(entity):
    """A flat shape; `id` is a string."""
    item = _row(entity)
    item['identity'] = f"{item['displayname']} ({item['name']})"
    return item
