"""/xivo/configuration/json.php/<mode>/manage/entity: the acts, and the flat
add/edit document read into an EntityInput."""

from xivows.jsonphp import crud, documents
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.entity import entity_item
from xivows.resources.entity import queries, service
from xivows.resources.entity.inputs import EntityInput


def entity_input(document):
    return EntityInput(fields=documents.body_object(document))


def _items(term):
    return [entity_item(e) for e in (queries.search(term) if term else queries.all_entities())]


register(
    JsonService(
        'configuration',
        'manage/entity',
        acts=crud.acts(
            'entity',
            rows=_items,
            view=lambda entity_id: entity_item(service.get(entity_id)),
            create=lambda document: service.create(entity_input(document)),
            edit=lambda entity_id, document: service.edit(entity_id, entity_input(document)),
            delete=service.delete,
            delete_all=service.delete_all,
            new_id=str,
        ),
    )
)  # entity ids are strings in lists
