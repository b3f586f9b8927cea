"""/service/ipbx/json.php/<mode>/call_management/pickup (no search, no edit):
the acts, and the add document (the group itself, with its `members`) read
into a PickupInput."""

from xivows.jsonphp import crud, documents
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.pickup import items, pickup_view
from xivows.resources.pickup import queries, service
from xivows.resources.pickup.inputs import PickupInput


def pickup_input(document):
    documents.body_object(document)
    return PickupInput(
        fields={key: value for key, value in document.items() if key != 'members'},
        members=document.get('members'),
    )


register(
    JsonService(
        'ipbx',
        'call_management/pickup',
        acts=crud.acts(
            'pickup group',
            rows=lambda term: items(queries.listed()),
            view=lambda pickup_id: pickup_view(service.get(pickup_id)),
            create=lambda document: service.create(pickup_input(document)),
            delete=service.delete,
            search=False,
            min_id=0,
        ),
    )
)  # pickup ids count from 0; the original answered an empty add body
