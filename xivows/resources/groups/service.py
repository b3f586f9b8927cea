"""Groups: their features, Asterisk options (a `queue` row of category group),
number, members, call permissions, dial actions, caller id and schedule. A group
is a dial-action destination; deleting one unlinks the dial actions that pointed
to it. Renaming a group renames its options row and its members' rows."""

from xivows import numbering
from xivows.errors import InvalidInput
from xivows.models.queue import GroupFeatures, Queue
from xivows.resources import lookup
from xivows.resources.groups import members, queries
from xivows.resources.groups.inputs import GroupInput
from xivows.resources.groups.schemas import (
    FORCED_OPTIONS,
    groupfeatures_input,
    groupfeatures_schema,
    queue_input,
    queue_schema,
)
from xivows.resources.ownerlinks import service as ownerlinks
from xivows.resources.queue_members import names
from xivows.resources.queue_members import service as queue_members
from xivows.schemas import load

KIND = 'group'
MAX_MEMBERS = members.MAX_MEMBERS
_FORCED_KEYS = {
    Queue._meta.fields[name].column_name: (name, value) for name, value in FORCED_OPTIONS.items()
}


def exists(group_id: int) -> bool:
    return queries.find(group_id) is not None


def get(group_id: int) -> GroupFeatures:
    return lookup.found(queries.find(group_id), 'group', group_id)


def _same(given: object, forced: object) -> bool:
    """A forced option given back as the view shows it ("60", "no", false...)."""
    if isinstance(given, bool):
        given = 'yes' if given else 'no'
    return str(given).strip().lower() == str(forced)


def _check_forced(options: dict) -> None:
    # Options every group has: given back unchanged (the view shows them) they
    # are accepted; another value is refused rather than silently dropped.
    for key, (name, forced) in _FORCED_KEYS.items():
        for given_key in {key, name}:
            if given_key in options and not _same(options[given_key], forced):
                raise InvalidInput(f'queue.{key}: cannot be changed (a group has {forced})')


class _Parts:
    """Every component of a group input, validated before any write;
    `features` given when editing (what the input omits keeps its value)."""

    def __init__(self, group: GroupInput, features: GroupFeatures | None = None):
        adding = features is None
        for key, value in (('groupfeatures', group.features), ('queue', group.options)):
            if not isinstance(value, dict):
                raise InvalidInput(f'{key}: must be an object')
        stored = {} if adding else groupfeatures_input(features)
        values = load(groupfeatures_schema, {**stored, **group.features}, 'groupfeatures')
        if names.taken(values['name'], None if adding else features.name):
            raise InvalidInput(f'groupfeatures.name: already used: {values["name"]}')
        if (adding or values['context'] != features.context) and not queries.context_exists(
            values['context']
        ):
            raise InvalidInput(f'groupfeatures.context: no such context: {values["context"]}')
        self.number_checked = False
        if values['number'] and (
            adding or (values['number'], values['context']) != (features.number, features.context)
        ):
            numbering.check(
                values['context'],
                KIND,
                values['number'],
                None if adding else features.id,
                fields=(None, 'groupfeatures.number'),
            )
            self.number_checked = True
        _check_forced(group.options)
        self.options = None  # an edit without options keeps them
        if adding or group.options:
            self.stored_options = None if adding else queries.options_of(features.name)
            stored_options = queue_input(self.stored_options)
            self.options = load(queue_schema, {**stored_options, **group.options}, 'queue')
            if (
                not adding
                and self.options['strategy'] == 'linear'
                and stored_options.get('strategy') != 'linear'
            ):
                # Asterisk cannot switch a running queue to linear.
                raise InvalidInput('queue.strategy: an existing group cannot become linear')
            if self.options['musicclass'] and not queries.moh_exists(self.options['musicclass']):
                self.options['musicclass'] = None  # as the original: unknown classes dropped
            if self.options['context'] and not queries.context_exists(self.options['context']):
                raise InvalidInput(f'queue.context: no such context: {self.options["context"]}')
            self.options.update(FORCED_OPTIONS)
        self.features = values
        self.changed = adding or any(
            getattr(features, key) != value for key, value in values.items()
        )
        self.users = members.parse(group.users)
        self.links = ownerlinks.GivenLinks(group.links, KIND)


def _write_options(name: str, parts: _Parts) -> None:
    if parts.options is None:
        return
    stored = parts.stored_options
    if stored is None:
        Queue.create(name=name, **parts.options)
    elif any(getattr(stored, key) != value for key, value in parts.options.items()):
        (
            Queue.update(**parts.options)
            .where((Queue.name == name) & (Queue.category == queries.CATEGORY))
            .execute()
        )


def create(group: GroupInput) -> int:
    parts = _Parts(group)
    features = GroupFeatures.create(**parts.features)
    _write_options(features.name, parts)
    numbering.assign(
        features.context,
        KIND,
        features.number,
        features.id,
        checked=parts.number_checked,
        new=True,
    )
    if parts.users is not None:
        members.replace(features.name, parts.users, adding=True)
    parts.links.apply(features.id)
    return features.id


def edit(group_id: int, changes: GroupInput) -> None:
    """Merge: absent features and options keep their values; members, call
    permissions, dial actions, caller id and schedule are replaced only when
    given."""
    features = get(group_id)
    old_name, old_number, old_context = features.name, features.number, features.context
    parts = _Parts(changes, features)
    if parts.changed:
        for key, value in parts.features.items():
            setattr(features, key, value)
        features.save()
    if features.name != old_name:
        queries.rename(old_name, features.name)
    _write_options(features.name, parts)
    if (features.number, features.context) != (old_number, old_context):
        numbering.assign(
            features.context, KIND, features.number, features.id, checked=parts.number_checked
        )
    if parts.users is not None:
        members.replace(features.name, parts.users)
    parts.links.apply(features.id)


def delete(group_id: int) -> None:
    features = get(group_id)
    ownerlinks.numbered_owner_deleted(KIND, features.id)
    queue_members.delete_queue(features.name, queue_members.GROUP)
    queries.delete_options([features.name])
    features.delete_instance()


def delete_all() -> int | None:
    """Every group goes, set-based: a constant number of queries whatever their
    number. None when there were no groups."""
    rows = queries.ids_and_names()
    if not rows:
        return None
    ids = [group_id for group_id, _ in rows]
    group_names = [name for _, name in rows]
    ownerlinks.numbered_owners_deleted(KIND, ids)
    queue_members.delete_queues(group_names, queue_members.GROUP)
    queries.delete_options(group_names)
    queries.delete_features(ids)
    return len(ids)
