"""The legacy wire shapes of pickup groups: list items and the `view` object."""

from xivows import wire
from xivows.jsonphp.views.entity import entity_item
from xivows.models.pickup import Pickup, PickupMember
from xivows.resources.pickup import queries

_PICKUP_ROW = wire.RowFormat(Pickup, ints=('id',), bools=('commented',))
_MEMBER_ROW = wire.RowFormat(PickupMember, ints=('pickupid', 'memberid'), exclude=('id',))


def items(pickups):
    """List items: the pickup row plus its `entity` when it exists."""
    if not pickups:
        return []
    entities = queries.entities_by_id()
    found = []
    for pickup in pickups:
        item = _PICKUP_ROW(pickup)
        entity = entities.get(pickup.entity_id)
        if entity is not None:
            item['entity'] = entity_item(entity)
        found.append(item)
    return found


def pickup_view(pickup):
    """{pickup, members, pickups}: the lists are False when empty."""
    rows = queries.members_of(pickup.id)
    return {
        'pickup': _PICKUP_ROW(pickup),
        'members': [_MEMBER_ROW(row) for row in rows if row.category == 'member'] or False,
        'pickups': [_MEMBER_ROW(row) for row in rows if row.category == 'pickup'] or False,
    }
