"""The legacy wire shapes of conference rooms: list items and the `view` object."""

from xivows import wire
from xivows.models.meetme import MeetmeFeatures, MeetmeGuest, StaticMeetme
from xivows.resources.meetme import queries
from xivows.resources.meetme.schemas import parse_definition

# Cast to booleans in the view (the list shows them as "0"/"1").
VIEW_BOOLS = (
    'admin_announceusercount',
    'admin_moderationmode',
    'admin_initiallymuted',
    'admin_poundexit',
    'admin_quiet',
    'admin_starmenu',
    'admin_closeconflastmarkedexit',
    'admin_enableexitcontext',
    'user_announceusercount',
    'user_hiddencalls',
    'user_initiallymuted',
    'user_poundexit',
    'user_quiet',
    'user_starmenu',
    'user_enableexitcontext',
    'talkeroptimization',
    'record',
    'talkerdetection',
    'noplaymsgfirstenter',
)

_LIST_ROW = wire.RowFormat(MeetmeFeatures)
_FEATURES_ROW = wire.RowFormat(MeetmeFeatures, ints=('id', 'meetmeid'), bools=VIEW_BOOLS)
_ROOM_ROW = wire.RowFormat(StaticMeetme, ints=('id',), bools=('commented',))
_GUEST_ROW = wire.RowFormat(MeetmeGuest)


def identity(name, confno, context):
    return f'{name} ({confno}@{context})'


def meetme_item(row):
    """List/search item (`row`: a dict from queries.listed): raw columns as
    strings, the room's `commented` (bool) and its numbers and pins."""
    item = _LIST_ROW(row)
    confno, pin, pinadmin = parse_definition(row['var_val'])
    item['confno'] = confno or item['confno']
    item['pin'], item['pinadmin'] = pin, pinadmin
    item['commented'] = bool(row['room_commented'])
    item['identity'] = identity(item['name'], item['confno'], item['context'])
    item['entity_displayname'] = row['entity_displayname']
    return item


def items(rows):
    return [meetme_item(row) for row in rows]


def features_view(features):
    item = _FEATURES_ROW(features)
    item['identity'] = identity(features.name, features.confno, features.context)
    return item


def room_view(room):
    if room is None:
        return False
    item = _ROOM_ROW(room)
    item['confno'], item['pin'], item['pinadmin'] = parse_definition(room.var_val)
    return item


def meetme_view(features):
    return {
        'meetmefeatures': features_view(features),
        'meetmeroom': room_view(queries.room_of(features)),
        'meetmeguest': [_GUEST_ROW(row) for row in queries.guests_of(features.id)] or False,
    }
