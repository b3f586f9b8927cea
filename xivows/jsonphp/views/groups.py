"""The legacy wire shapes of groups: list items and the `view` object."""

from xivows import wire
from xivows.jsonphp.views import ownerlinks
from xivows.models.queue import GroupFeatures, Queue, QueueMember
from xivows.resources.groups import queries
from xivows.resources.queue_members import service as queue_members

KIND = 'group'
_LIST_ROW = wire.RowFormat(GroupFeatures, bools=('deleted',))
_FEATURES_ROW = wire.RowFormat(GroupFeatures, ints=('id',), bools=('deleted',))
_QUEUE_ROW = wire.RowFormat(Queue, bools=('commented',))
_MEMBER_ROW = wire.RowFormat(
    QueueMember, ints=('userid', 'position'), bools=('commented',), exclude=('id',)
)


def identity(name, number, context):
    return f'{name} ({number}@{context})' if number else f'{name} ({context})'


def group_item(row):
    """List/search item (`row`: a dict from queries.listed): `id` a string."""
    item = _LIST_ROW(row)
    item['commented'] = bool(row['commented'])
    item['category'] = 'group'
    item['nb_qmember'] = wire.text(row['nb_qmember'] or 0)
    item['entity_displayname'] = row['entity_displayname']
    item['identity'] = identity(item['name'], item['number'], item['context'])
    return item


def items(rows):
    return [group_item(row) for row in rows]


def features_view(features):
    item = _FEATURES_ROW(features)
    item['identity'] = identity(features.name, features.number, features.context)
    return item


def queue_view(queue):
    return _QUEUE_ROW(queue) if queue is not None else False


def member_view(member):
    return _MEMBER_ROW(member)


def group_view(features):
    members = queue_members.members_of(features.name, queue_members.GROUP, queue_members.USER)
    view = {
        'groupfeatures': features_view(features),
        'queue': queue_view(queries.options_of(features.name)),
        'user': [member_view(row) for row in members] or False,
        'rightcall': ownerlinks.rightcall_view(KIND, features.id),
        'dialaction': ownerlinks.dialaction_view(KIND, features.id),
        'callerid': ownerlinks.callerid_view(KIND, features.id),
    }
    return ownerlinks.with_schedule(view, KIND, features.id)
