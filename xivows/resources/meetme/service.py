"""Conference rooms: the room (`staticmeetme`), its options, its number and its
guests. A room is a dial-action destination; deleting one unlinks the dial
actions that pointed to it and frees its number. Rooms cannot be edited (the
original had no edit act)."""

from xivows import cascade, numbering
from xivows.errors import InvalidInput
from xivows.models.meetme import MeetmeFeatures, MeetmeGuest, StaticMeetme
from xivows.resources import lookup
from xivows.resources.dialaction import service as dialactions
from xivows.resources.meetme import queries
from xivows.resources.meetme.inputs import MeetmeInput
from xivows.resources.meetme.schemas import (
    features_schema,
    guest_schema,
    room_definition,
    room_schema,
)
from xivows.schemas import load

KIND = 'meetme'
# A room's guests: beyond this an add is refused (each one is a row).
MAX_GUESTS = 1000


def exists(meetme_id: int) -> bool:
    return queries.find(meetme_id) is not None


def get(meetme_id: int) -> MeetmeFeatures:
    return lookup.found(queries.find(meetme_id), 'conference room', meetme_id)


def _guests(value: list[dict]) -> list[dict]:
    if len(value) > MAX_GUESTS:
        raise InvalidInput(f'meetmeguest: at most {MAX_GUESTS} guests')
    guests = []
    for index, item in enumerate(value):
        guest = load(guest_schema, item, f'meetmeguest.{index}')
        guest.pop('sendemail')
        guests.append(guest)
    return guests


def _features(section: dict, room: dict) -> dict:
    """The options, checked against the store; the number is the room's."""
    given = {key: value for key, value in section.items() if value is not None}
    confno = given.get('confno')
    if confno in (None, ''):
        given['confno'] = room['confno']
    elif str(confno).strip() != room['confno']:
        raise InvalidInput('meetmefeatures.confno: must be the number of meetmeroom.confno')
    values = load(features_schema, given, 'meetmefeatures')
    if queries.name_taken(values['name']):
        raise InvalidInput(f'meetmefeatures.name: already used: {values["name"]}')
    for key in ('context', 'admin_exitcontext', 'user_exitcontext'):
        if values[key] and not queries.context_exists(values[key]):
            raise InvalidInput(f'meetmefeatures.{key}: no such context: {values[key]}')
    numbering.check(
        values['context'], KIND, values['confno'], fields=(None, 'meetmefeatures.confno')
    )
    if values['admin_internalid'] and not queries.user_exists(values['admin_internalid']):
        raise InvalidInput(
            f'meetmefeatures.admin_internalid: no such user: {values["admin_internalid"]}'
        )
    for key in ('admin_musiconhold', 'user_musiconhold'):
        if values[key] and not queries.moh_exists(values[key]):
            values[key] = None  # as the original: an unknown class is dropped
    return values


def create(given: MeetmeInput) -> int:
    """Everything is validated before the first write."""
    room = load(room_schema, given.room, 'meetmeroom')
    features = _features(given.features, room)
    guests = _guests(given.guests)
    row = StaticMeetme.create(
        cat_metric=1,
        commented=room['commented'],
        var_val=room_definition(room['confno'], room['pin'], room['pinadmin']),
    )
    meetme = MeetmeFeatures.create(meetmeid=row.id, commented=room['commented'], **features)
    numbering.assign(meetme.context, KIND, meetme.confno, meetme.id)
    for guest in guests:
        MeetmeGuest.create(meetmefeaturesid=meetme.id, **guest)
    return meetme.id


def delete(meetme_id: int) -> None:
    features = get(meetme_id)
    cascade.deleted(KIND, features.id)
    dialactions.unlink(KIND, features.id)
    numbering.release(KIND, features.id)
    queries.delete_room(features)


def delete_all() -> int | None:
    """Every room, set-based; None when there were none."""
    ids = queries.all_ids()
    if not ids:
        return None
    cascade.deleted_all(KIND, ids)
    dialactions.unlink_every(KIND)
    numbering.release_every(KIND)
    queries.delete_every_room()
    return len(ids)
