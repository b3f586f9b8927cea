"""Call-center queues: their features, Asterisk options, number, members, dial
actions, caller id and schedule. A queue is a dial-action destination; deleting
one unlinks the dial actions that pointed to it. A queue's name is its Asterisk
name (members, options and context rows refer to it): it cannot change."""

from xivows import numbering
from xivows.errors import InvalidInput, NotFound
from xivows.models.queue import Queue, QueueFeatures
from xivows.resources import lookup
from xivows.resources.ownerlinks import service as ownerlinks
from xivows.resources.queue_members import names
from xivows.resources.queue_members import service as queue_members
from xivows.resources.queues import members, queries
from xivows.resources.queues.inputs import QueueInput
from xivows.resources.queues.schemas import (
    queue_input,
    queue_schema,
    queuefeatures_input,
    queuefeatures_schema,
)
from xivows.schemas import load

KIND = 'queue'
LINKS = ('dialaction', 'callerid', 'schedule_id')


def exists(queue_id: int) -> bool:
    return queries.find(queue_id) is not None


def get(queue_id: int) -> QueueFeatures:
    return lookup.found(queries.find(queue_id), 'queue', queue_id)


def get_by_name(name: str) -> QueueFeatures:
    features = queries.find_by_name(name)
    if features is None:
        raise NotFound.of('queue', name)
    return features


def with_options(limit: int | None = None, offset: int = 0) -> list[tuple]:
    """[(QueueFeatures, its Asterisk options (Queue) or None)] by name: two queries."""
    features = queries.features_page(limit, offset)
    options = queries.options_by_name([row.name for row in features])
    return [(row, options.get(row.name)) for row in features]


def options_of(features: QueueFeatures) -> Queue | None:
    return queries.options_of(features)


def summaries(name: str | None = None) -> list[dict]:
    """Every queue (or the one named) with its agents' numbers in ring order,
    its wrap-up time and its members' ring timeout (seconds)."""
    rows = queries.with_options(name)
    numbers = queries.agent_numbers([row[1] for row in rows] if name else None)
    return [
        {
            'id': queue_id,
            'name': queue_name,
            'agent_numbers': numbers.get(queue_name, []),
            'wrapuptime': wrapuptime or 0,
            'timeout': timeout or 0,
        }
        for queue_id, queue_name, wrapuptime, timeout in rows
    ]


def agent_ids(numbers: list[str], where: str = 'agent') -> list[int]:
    """The ids of the agents numbered `numbers`, in order; InvalidInput naming
    `where` for an unknown number."""
    found = queries.agents_by_number(numbers)
    missing = [number for number in numbers if number not in found]
    if missing:
        raise InvalidInput(f'{where}: no such agent: {missing[0]}')
    return [found[number].id for number in numbers]


def _input(queue: QueueInput) -> QueueInput:
    if not isinstance(queue, QueueInput):
        raise TypeError('a QueueInput is required')
    for key in ('features', 'options'):
        if not isinstance(getattr(queue, key), dict):
            raise InvalidInput(
                f'{"queuefeatures" if key == "features" else "queue"}: must be an object'
            )
    return queue


class _Parts:
    """Every component of a queue input, validated before any write."""

    def __init__(self, queue: QueueInput, features: QueueFeatures | None = None):
        _input(queue)
        adding = features is None
        given = dict(queue.features)
        if not adding and given.get('name') is None:
            given.pop('name', None)  # not given: the stored name
        stored = {} if adding else queuefeatures_input(features)
        values = load(queuefeatures_schema, {**stored, **given}, 'queuefeatures')
        if not adding and values['name'] != features.name:
            raise InvalidInput('queuefeatures.name: cannot be changed')
        if adding and names.taken(values['name']):
            raise InvalidInput(f'queuefeatures.name: already used: {values["name"]}')
        self.number_checked = False
        if adding or values['context'] != features.context:
            if not queries.context_exists(values['context']):
                raise InvalidInput(f'queuefeatures.context: no such context: {values["context"]}')
        if values['number'] and (
            adding or (values['number'], values['context']) != (features.number, features.context)
        ):
            numbering.check(
                values['context'],
                KIND,
                values['number'],
                None if adding else features.id,
                fields=('queuefeatures.context', 'queuefeatures.number'),
            )
            self.number_checked = True
        self.options = None  # an edit without options keeps them
        if adding or queue.options:
            self.stored_options = None if adding else queries.options_of(features)
            stored_options = queue_input(self.stored_options)
            self.options = load(queue_schema, {**stored_options, **queue.options}, 'queue')
            if (
                not adding
                and self.options['strategy'] == 'linear'
                and stored_options.get('strategy') != 'linear'
            ):
                # Asterisk cannot switch a running queue to linear.
                raise InvalidInput('queue.strategy: an existing queue cannot become linear')
        self.features = values
        self.changed = adding or any(
            getattr(features, key) != value for key, value in values.items()
        )
        self.agents = members.agents(queue.agents)
        self.users = members.users(queue.users)
        self.links = ownerlinks.GivenLinks(queue.links, KIND, LINKS)


def _write_options(features: QueueFeatures, parts: _Parts) -> None:
    if parts.options is None:
        return
    stored = parts.stored_options
    if stored is None:
        Queue.create(name=features.name, category=queries.CATEGORY, **parts.options)
    elif any(getattr(stored, key) != value for key, value in parts.options.items()):
        (
            Queue.update(**parts.options)
            .where((Queue.name == features.name) & (Queue.category == queries.CATEGORY))
            .execute()
        )


def create(queue: QueueInput) -> int:
    parts = _Parts(queue)
    features = QueueFeatures.create(**parts.features)
    _write_options(features, parts)
    numbering.assign(
        features.context,
        KIND,
        features.number,
        features.id,
        checked=parts.number_checked,
        new=True,
    )
    queries.add_context_member(features.name, features.context)
    members.apply(features.name, parts.agents, parts.users, adding=True)
    parts.links.apply(features.id)
    return features.id


def edit(queue_id: int, changes: QueueInput) -> None:
    """Merge: absent features and options keep their values; members, dial
    actions, caller id and schedule are replaced only when given."""
    features = get(queue_id)
    old_number, old_context = features.number, features.context
    parts = _Parts(changes, features)
    if parts.changed:
        for key, value in parts.features.items():
            setattr(features, key, value)
        features.save()
    _write_options(features, parts)
    if (features.number, features.context) != (old_number, old_context):
        numbering.assign(
            features.context, KIND, features.number, features.id, checked=parts.number_checked
        )
    if features.context != old_context:
        queries.set_context_member(features.name, features.context)
    members.apply(features.name, parts.agents, parts.users)
    parts.links.apply(features.id)


def delete(queue_id: int) -> None:
    features = get(queue_id)
    ownerlinks.numbered_owner_deleted(KIND, features.id)
    queries.delete_context_members([features.name])
    queue_members.delete_queue(features.name, queue_members.QUEUE)
    queries.delete_options([features.name])
    features.delete_instance()


def delete_all() -> int | None:
    """Every queue goes, set-based: a constant number of queries whatever their
    number. None when there were no queues."""
    rows = queries.ids_and_names()
    if not rows:
        return None
    ids = [queue_id for queue_id, _ in rows]
    queue_names = [name for _, name in rows]
    ownerlinks.numbered_owners_deleted(KIND, ids)
    queries.delete_context_members(queue_names)
    queue_members.delete_queues(queue_names, queue_members.QUEUE)
    queries.delete_options(queue_names)
    queries.delete_features(ids)
    return len(ids)
