"""/callcenter/json.php/<mode>/settings/queues"""
from xivows.jsonphp import crud
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.queues import queries, service
from xivows.resources.queues.schemas import queue_item
from xivows.resources.queues.view import queue_view_object


def _items(term):
    return [queue_item(row) for row in (queries.search(term) if term else queries.all_queues())]


register(JsonService('callcenter', 'settings/queues', acts=crud.acts(
    'queue', rows=_items, view=lambda queue_id: queue_view_object(service.get(queue_id)),
    create=service.create, edit=service.edit, delete=service.delete,
    delete_all=service.delete_all,
    new_id=str)))  # queue ids are strings in lists
