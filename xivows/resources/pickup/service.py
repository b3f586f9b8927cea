"""Call pickup groups. A group's `member` rows (users, groups, queues) can have
their calls intercepted by its `pickup` rows. Ids are the smallest free
integers from 0, as the original allocated them."""

from xivows.errors import InvalidInput
from xivows.models.pickup import Pickup
from xivows.resources import lookup
from xivows.resources.pickup import queries
from xivows.resources.pickup.inputs import PickupInput
from xivows.resources.pickup.schemas import member_schema, pickup_schema
from xivows.schemas import load


def get(pickup_id: int) -> Pickup:
    return lookup.found(queries.find(pickup_id), 'pickup group', pickup_id)


def _entity_id(given: int | None) -> int | None:
    """The given entity (which must exist); absent or 0: the first entity, as
    clients of the seed document's era send none (None when there is none)."""
    if not given:
        return queries.first_entity_id()
    if not queries.entity_exists(given):
        raise InvalidInput(f'entity_id: no such entity: {given}')
    return given


def _members(value: object) -> list[tuple[str, str, int]]:
    """(category, membertype, memberid) tuples in the given order, duplicates
    dropped (the seed document's example repeats some); all must exist."""
    if value in (None, False, '') or value == [] or value == {}:
        return []
    if not isinstance(value, list):
        raise InvalidInput('members: must be a list')
    members = []
    for index, entry in enumerate(value):
        member = load(member_schema, entry, f'members.{index}')
        key = (member['category'], member['membertype'], member['memberid'])
        if key not in members:
            members.append(key)
    for membertype in queries.MEMBER_MODELS:
        ids = {memberid for _, kind, memberid in members if kind == membertype}
        missing = queries.missing_members(membertype, ids) if ids else []
        if missing:
            raise InvalidInput(f'members: no such {membertype}: {missing[0]}')
    return members


def create(given: PickupInput) -> int:
    """Everything is validated before the first write; returns the new id."""
    values = load(pickup_schema, given.fields)
    if queries.name_taken(values['name']):
        raise InvalidInput(f'name: already used: {values["name"]}')
    values['entity_id'] = _entity_id(values['entity_id'])
    members = _members(given.members)
    pickup = Pickup.create(id=queries.next_id(), **values)
    queries.add_members(pickup.id, members)
    return pickup.id


def delete(pickup_id: int) -> None:
    pickup = get(pickup_id)
    queries.delete_members(pickup.id)
    pickup.delete_instance()
