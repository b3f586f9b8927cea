"""List items and the `view` object of a conference room."""
from xivows.resources.meetme import queries
from xivows.resources.meetme.schemas import features_view, guest_view, meetme_item, room_view


def items(rows):
    return [meetme_item(row) for row in rows]


def meetme_view(features):
    return {
        'meetmefeatures': features_view(features),
        'meetmeroom': room_view(queries.room_of(features)),
        'meetmeguest': [guest_view(row) for row in queries.guests_of(features.id)] or False,
    }
