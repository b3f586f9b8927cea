"""/xivo/configuration/json.php/<mode>/manage/entity"""
from xivows.jsonphp import crud
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.entity import queries, service
from xivows.resources.entity.schemas import entity_item


def _items(term):
    return [entity_item(e) for e in (queries.search(term) if term else queries.all_entities())]


register(JsonService('configuration', 'manage/entity', acts=crud.acts(
    'entity', rows=_items, view=lambda entity_id: entity_item(service.get(entity_id)),
    create=service.create, edit=service.edit, delete=service.delete,
    delete_all=service.delete_all,
    new_id=str)))  # entity ids are strings in lists
