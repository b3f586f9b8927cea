"""Groups: their features, Asterisk options (a `queue` row of category group),
number, members, call permissions, dial actions, caller id and schedule. A group
is a dial-action destination; deleting one unlinks the dial actions that pointed
to it."""
from xivows import cascade, numbering
from xivows.errors import InvalidInput, NotFound
from xivows.models.queue import GroupFeatures, Queue
from xivows.resources.dialaction import service as dialactions
from xivows.resources.groups import members, queries
from xivows.resources.groups.schemas import (FORCED_OPTIONS, groupfeatures_input,
                                             groupfeatures_schema, queue_input, queue_schema)
from xivows.resources.ownerlinks import service as ownerlinks
from xivows.schemas import load
from xivows.jsonphp.documents import body_object, object_part

KIND = 'group'



def exists(group_id):
    return queries.find(group_id) is not None


def get(group_id):
    features = queries.find(group_id)
    if features is None:
        raise NotFound.of('group', group_id)
    return features


class _Parts:
    """Every component of an add/edit document, validated before any write;
    `features` given when editing (what the document omits keeps its value)."""

    def __init__(self, document, features=None):
        body_object(document)
        adding = features is None
        given = object_part(document, 'groupfeatures', adding)
        options = object_part(document, 'queue', adding)
        stored = {} if adding else groupfeatures_input(features)
        given = {key: value for key, value in given.items() if value is not None}
        values = load(groupfeatures_schema, {**stored, **given}, 'groupfeatures')
        if queries.name_taken(values['name'], None if adding else features.id):
            raise InvalidInput(f'groupfeatures.name: already used: {values["name"]}')
        if not queries.context_exists(values['context']):
            raise InvalidInput(f'groupfeatures.context: no such context: {values["context"]}')
        if values['number']:
            numbering.check(values['context'], KIND, values['number'],
                            None if adding else features.id)
        stored_options = {} if adding else queue_input(queries.options_of(features.name))
        options = {key: value for key, value in options.items() if value is not None}
        self.options = load(queue_schema, {**stored_options, **options}, 'queue')
        if not adding and self.options['strategy'] == 'linear' and \
                stored_options.get('strategy') != 'linear':
            # Asterisk cannot switch a running queue to linear.
            raise InvalidInput('queue.strategy: an existing group cannot become linear')
        if self.options['musicclass'] and not queries.moh_exists(self.options['musicclass']):
            self.options['musicclass'] = None  # as the original: unknown classes are dropped
        if self.options['context'] and not queries.context_exists(self.options['context']):
            raise InvalidInput(f'queue.context: no such context: {self.options["context"]}')
        self.options.update(FORCED_OPTIONS)
        self.features = values
        self.users = members.parse(document)
        self.links = ownerlinks.GivenLinks(document, KIND)


def _write_options(name, options):
    updated = (Queue.update(**options)
               .where((Queue.name == name) & (Queue.category == queries.CATEGORY))
               .execute())
    if not updated:
        Queue.create(name=name, **options)


def _apply(features, parts):
    _write_options(features.name, parts.options)
    numbering.assign(features.context, KIND, features.number, features.id)
    if parts.users is not None:
        members.replace(features.name, parts.users)
    parts.links.apply(features.id)


def create(document):
    parts = _Parts(document)
    features = GroupFeatures.create(**parts.features)
    _apply(features, parts)
    return features.id


def edit(group_id, document):
    """Merge: absent groupfeatures/queue keys keep their values; members, call
    permissions, dial actions, caller id and schedule are replaced only when
    their key is given."""
    features = get(group_id)
    parts = _Parts(document, features)
    old_name = features.name
    for key, value in parts.features.items():
        setattr(features, key, value)
    features.save()
    if features.name != old_name:
        queries.rename(old_name, features.name)
    _apply(features, parts)


def delete(group_id):
    features = get(group_id)
    cascade.deleted(KIND, features.id)
    dialactions.unlink(KIND, features.id)
    ownerlinks.delete_for(KIND, features.id)
    numbering.release(KIND, features.id)
    queries.delete_options_and_members(features.name)
    features.delete_instance()


def delete_all():
    """None when there were no groups."""
    ids = queries.all_ids()
    if not ids:
        return None
    for group_id in ids:
        delete(group_id)
    return len(ids)
