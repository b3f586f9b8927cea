"""/callcenter/json.php/<mode>/settings/queues: the acts, and the add/edit
document (`queuefeatures`, `queue`, `agent` and `user` id lists, `dialaction`,
`callerid`, `schedule_id`) read into a QueueInput."""

from xivows.jsonphp import crud, documents
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.queues import queue_item, queue_view_object
from xivows.resources.ownerlinks.inputs import OwnerLinks
from xivows.resources.queue_members.inputs import MemberInput
from xivows.resources.queues import queries, service
from xivows.resources.queues.inputs import QueueInput


def _members(document, key):
    """The `agent`/`user` id list as members (their penalties kept): ids, or the
    view's member objects (their `userid`), so that a view can be sent back."""
    value = document.get(key)
    if isinstance(value, list):
        value = [item.get('userid') if isinstance(item, dict) else item for item in value]
    ids = documents.id_list({key: value}, key, key)
    return None if ids is None else [MemberInput(member_id) for member_id in ids]


def queue_input(document, adding):
    documents.body_object(document)
    return QueueInput(
        features=documents.object_part(document, 'queuefeatures', adding),
        options=documents.object_part(document, 'queue', adding),
        agents=_members(document, 'agent'),
        users=_members(document, 'user'),
        links=OwnerLinks.given(document, ('dialaction', 'callerid', 'schedule_id')),
    )


def _items(term):
    return [queue_item(row) for row in (queries.search(term) if term else queries.all_queues())]


register(
    JsonService(
        'callcenter',
        'settings/queues',
        acts=crud.acts(
            'queue',
            rows=_items,
            view=lambda queue_id: queue_view_object(service.get(queue_id)),
            create=lambda document: service.create(queue_input(document, adding=True)),
            edit=lambda queue_id, document: service.edit(
                queue_id, queue_input(document, adding=False)
            ),
            delete=service.delete,
            delete_all=service.delete_all,
            new_id=str,
        ),
    )
)  # queue ids are strings in lists
