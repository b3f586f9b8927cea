"""/service/ipbx/json.php/<mode>/pbx_settings/voicemail"""
from xivows.jsonphp import crud
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.voicemail import queries, service
from xivows.resources.voicemail.schemas import legacy_view, list_item, search_item


def _items(voicemails, shape):
    voicemails = list(voicemails)
    if not voicemails:
        return []
    displaynames = queries.entity_displaynames()
    return [shape(voicemail, displaynames) for voicemail in voicemails]


def _rows(term):
    if term:
        return _items(queries.search(term), search_item)
    return _items(queries.all_voicemails(), list_item)


def _edit(voicemail_id, document):
    service.edit_from_document(service.get(voicemail_id), document)


register(JsonService('ipbx', 'pbx_settings/voicemail', acts=crud.acts(
    'voicemail', rows=_rows,
    view=lambda voicemail_id: {'voicemail': legacy_view(service.get(voicemail_id))},
    create=lambda document: service.create_from_document(document).uniqueid,
    edit=_edit, delete=service.delete,
    new_id=str)))  # list ids (`uniqueid`) are strings: so is the id add answers
