"""List items and the `view` object of a pickup group."""
from xivows.jsonphp.views.entity import entity_item
from xivows.resources.pickup import queries
from xivows.resources.pickup.schemas import member_row, pickup_row


def items(pickups):
    """List items: the pickup row plus its `entity` when it exists."""
    if not pickups:
        return []
    entities = queries.entities_by_id()
    found = []
    for pickup in pickups:
        item = pickup_row(pickup)
        entity = entities.get(pickup.entity_id)
        if entity is not None:
            item['entity'] = entity_item(entity)
        found.append(item)
    return found


def pickup_view(pickup):
    """{pickup, members, pickups}: the lists are False when empty."""
    rows = queries.members_of(pickup.id)
    return {
        'pickup': pickup_row(pickup),
        'members': [member_row(row) for row in rows if row.category == 'member'] or False,
        'pickups': [member_row(row) for row in rows if row.category == 'pickup'] or False,
    }
