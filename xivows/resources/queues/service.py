"""Call-center queues: their features, Asterisk options, number, members, dial
actions, caller id and schedule. A queue is a dial-action destination; deleting
one unlinks the dial actions that pointed to it."""
from xivows import cascade, numbering
from xivows.errors import InvalidInput, NotFound
from xivows.models.queue import Queue, QueueFeatures
from xivows.resources.dialaction import service as dialactions
from xivows.resources.ownerlinks import service as ownerlinks
from xivows.resources.queues import members, queries
from xivows.resources.queues.inputs import QueueInput
from xivows.resources.queues.schemas import (queue_input, queue_schema, queuefeatures_input,
                                             queuefeatures_schema)
from xivows.schemas import load

KIND = 'queue'

def exists(queue_id):
    return queries.find(queue_id) is not None


def get(queue_id):
    features = queries.find(queue_id)
    if features is None:
        raise NotFound.of('queue', queue_id)
    return features


def get_by_name(name: str) -> QueueFeatures:
    features = queries.find_by_name(name)
    if features is None:
        raise NotFound.of('queue', name)
    return features


def summaries(name: str | None = None) -> list[dict]:
    """Every queue (or the one named) with its agents' numbers in ring order,
    its wrap-up time and its members' ring timeout (seconds)."""
    rows = queries.with_options(name)
    numbers = queries.agent_numbers([row[1] for row in rows] if name else None)
    return [{'id': queue_id, 'name': queue_name, 'agent_numbers': numbers.get(queue_name, []),
             'wrapuptime': wrapuptime or 0, 'timeout': timeout or 0}
            for queue_id, queue_name, wrapuptime, timeout in rows]


def agent_ids(numbers: list[str], where: str = 'agent') -> list[int]:
    """The ids of the agents numbered `numbers`, in order; InvalidInput naming
    `where` for an unknown number."""
    found = queries.agents_by_number(numbers)
    missing = [number for number in numbers if number not in found]
    if missing:
        raise InvalidInput(f'{where}: no such agent: {missing[0]}')
    return [found[number].id for number in numbers]


class _Parts:
    """Every component of a queue input, validated before any write."""

    def __init__(self, queue: QueueInput, features=None):
        adding = features is None
        stored = {} if adding else queuefeatures_input(features)
        merged = {**stored, **queue.features}
        if not adding:
            merged['name'] = features.name  # the name cannot change
        values = load(queuefeatures_schema, merged, 'queuefeatures')
        if adding and queries.name_taken(values['name']):
            raise InvalidInput(f'queuefeatures.name: already used: {values["name"]}')
        if not queries.context_exists(values['context']):
            raise InvalidInput(f'queuefeatures.context: no such context: {values["context"]}')
        if values['number']:
            numbering.check(values['context'], KIND, values['number'],
                            None if adding else features.id)
        stored_options = {} if adding else queue_input(queries.options_of(features))
        self.options = load(queue_schema, {**stored_options, **queue.options}, 'queue')
        if not adding and self.options['strategy'] == 'linear' and \
                stored_options.get('strategy') != 'linear':
            # Asterisk cannot switch a running queue to linear.
            raise InvalidInput('queue.strategy: an existing queue cannot become linear')
        self.features = values
        self.agents = members.agents(queue.agents)
        self.users = members.users(queue.users)
        self.links = ownerlinks.GivenLinks(queue.links, KIND,
                                           ('dialaction', 'callerid', 'schedule_id'))


def _write_options(features, options):
    updated = (Queue.update(**options)
               .where((Queue.name == features.name) & (Queue.category == queries.CATEGORY))
               .execute())
    if not updated:
        Queue.create(name=features.name, category=queries.CATEGORY, **options)


def _apply(features, parts):
    _write_options(features, parts.options)
    numbering.assign(features.context, KIND, features.number, features.id)
    queries.set_context_member(features.name, features.context)
    members.apply(features.name, parts.agents, parts.users)
    parts.links.apply(features.id)


def create(queue: QueueInput) -> int:
    parts = _Parts(queue)
    features = QueueFeatures.create(**parts.features)
    _apply(features, parts)
    return features.id


def edit(queue_id: int, changes: QueueInput) -> None:
    """Merge: absent features and options keep their values; members, dial
    actions, caller id and schedule are replaced only when given."""
    features = get(queue_id)
    parts = _Parts(changes, features)
    for key, value in parts.features.items():
        setattr(features, key, value)
    features.save()
    _apply(features, parts)


def delete(queue_id):
    features = get(queue_id)
    cascade.deleted(KIND, features.id)
    dialactions.unlink(KIND, features.id)
    ownerlinks.delete_for(KIND, features.id)
    numbering.release(KIND, features.id)
    queries.delete_context_member(features.name)
    members.delete_all(features.name)
    Queue.delete().where((Queue.name == features.name)
                         & (Queue.category == queries.CATEGORY)).execute()
    features.delete_instance()


def delete_all():
    """None when there were no queues."""
    ids = [row.id for row in QueueFeatures.select(QueueFeatures.id).order_by(QueueFeatures.id)]
    if not ids:
        return None
    for queue_id in ids:
        delete(queue_id)
    return len(ids)
