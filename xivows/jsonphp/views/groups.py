"""The legacy wire shapes of groups: list items and the `view` object."""
from xivows import wire
from xivows.models.queue import GroupFeatures, Queue, QueueMember
from xivows.resources.callerid import service as callerids
from xivows.resources.dialaction import service as dialactions
from xivows.resources.groups import queries
from xivows.resources.queue_members import service as queue_members
from xivows.resources.rightcall import service as rightcalls
from xivows.resources.schedule import links as schedules

KIND = 'group'
_LIST_ROW = wire.RowFormat(GroupFeatures, bools=('deleted',))
_FEATURES_ROW = wire.RowFormat(GroupFeatures, ints=('id',), bools=('deleted',))
_QUEUE_ROW = wire.RowFormat(Queue, bools=('commented',))
_MEMBER_ROW = wire.RowFormat(QueueMember, ints=('userid', 'position'), bools=('commented',),
                             exclude=('id',))


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
        'rightcall': rightcalls.view_for(KIND, features.id),
        'dialaction': dialactions.view_for(KIND, features.id),
        'callerid': callerids.view_for(KIND, features.id),
    }
    schedule_id = schedules.schedule_of(KIND, features.id)
    if schedule_id:
        view['schedule_id'] = schedule_id
    return view
