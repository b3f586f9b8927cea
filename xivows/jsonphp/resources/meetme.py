"""/service/ipbx/json.php/<mode>/pbx_settings/meetme (no edit act): the acts,
and the add document (`meetmeroom`, `meetmefeatures`, `meetmeguest`) read into
a MeetmeInput."""

from xivows.errors import InvalidInput
from xivows.jsonphp import crud, documents
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.meetme import items, meetme_view
from xivows.resources.meetme import queries, service
from xivows.resources.meetme.inputs import MeetmeInput


def _guests(document):
    value = document.get('meetmeguest')
    if value in (None, False, '', {}):
        return []
    if not isinstance(value, list):
        raise InvalidInput('meetmeguest: must be a list of guests')
    return value


def meetme_input(document):
    documents.body_object(document)
    return MeetmeInput(
        room=documents.object_part(document, 'meetmeroom', required=True),
        features=documents.object_part(document, 'meetmefeatures', required=True),
        guests=_guests(document),
    )


register(
    JsonService(
        'ipbx',
        'pbx_settings/meetme',
        acts=crud.acts(
            'conference room',
            rows=lambda term: items(queries.listed(term)),
            view=lambda meetme_id: meetme_view(service.get(meetme_id)),
            create=lambda document: service.create(meetme_input(document)),
            delete=service.delete,
            delete_all=service.delete_all,
            new_id=str,
        ),
    )
)  # room ids are strings in lists
