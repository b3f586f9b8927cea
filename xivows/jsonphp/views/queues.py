"""The legacy wire shapes of queues: list items and the `view` object."""

from xivows import wire
from xivows.jsonphp.views import ownerlinks
from xivows.models.queue import Queue, QueueFeatures, QueueMember
from xivows.resources.queue_members import service as queue_members
from xivows.resources.queues import queries

_FEATURES_ROW = wire.RowFormat(QueueFeatures)
_QUEUE_ROW = wire.RowFormat(Queue, bools=('commented',))
_MEMBER_ROW = wire.RowFormat(
    QueueMember, ints=('userid', 'position'), bools=('commented',), exclude=('id',)
)


def _number_at(number, context):
    return f'{number}@{context}' if number else context


def queue_item(row):
    """List/search item (`row`: a dict from queries.listed): `id` a string."""
    item = _FEATURES_ROW(row)
    item['commented'] = bool(row['commented'])
    item['category'] = 'queue'
    item['nb_qmember'] = wire.text(row['nb_qmember'] or 0)
    item['entity_displayname'] = row['entity_displayname']
    item['identity'] = f"{item['displayname']} ({_number_at(item['number'], item['context'])})"
    return item


def features_view(features):
    item = _FEATURES_ROW(features)
    item['id'] = features.id
    item['context'] = item['context'] or 'default'
    item['identity'] = f"{item['name']} ({_number_at(item['number'], item['context'])})"
    return item


def queue_view(queue):
    return _QUEUE_ROW(queue) if queue is not None else False


def member_view(member):
    item = _MEMBER_ROW(member)
    # xivo-ws reads the id of user members as `id`: the member's user (or agent) id.
    item['id'] = member.userid
    return item


def queue_view_object(features):
    view = {
        'queuefeatures': features_view(features),
        'queue': queue_view(queries.options_of(features)),
        'agent': [
            member_view(row) for row in queue_members.members_of(features.name, 'queue', 'agent')
        ]
        or False,
        'user': [
            member_view(row) for row in queue_members.members_of(features.name, 'queue', 'user')
        ]
        or False,
        'dialaction': ownerlinks.dialaction_view('queue', features.id),
        'callerid': ownerlinks.callerid_view('queue', features.id),
    }
    return ownerlinks.with_schedule(view, 'queue', features.id)
