"""/service/ipbx/json.php/<mode>/pbx_settings/voicemail: the acts, and the
add/edit document ({"voicemail": {column: value}}) read into a VoicemailInput."""

from xivows.errors import InvalidInput
from xivows.jsonphp import crud
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.voicemail import legacy_view, list_item, search_item
from xivows.resources.voicemail import queries, service
from xivows.resources.voicemail.inputs import VoicemailInput


def voicemail_input(document, adding):
    """The `voicemail` object; on edit, keys null keep their stored values."""
    if not isinstance(document, dict) or 'voicemail' not in document:
        raise InvalidInput('voicemail: is required')
    section = document['voicemail']
    if not isinstance(section, dict):
        raise InvalidInput('voicemail: must be an object')
    if not adding:
        section = {key: value for key, value in section.items() if value is not None}
    return VoicemailInput(fields=dict(section))


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


register(
    JsonService(
        'ipbx',
        'pbx_settings/voicemail',
        acts=crud.acts(
            'voicemail',
            rows=_rows,
            view=lambda voicemail_id: {'voicemail': legacy_view(service.get(voicemail_id))},
            create=lambda document: service.create(voicemail_input(document, adding=True)),
            edit=lambda voicemail_id, document: service.edit(
                voicemail_id, voicemail_input(document, adding=False)
            ),
            delete=service.delete,
            new_id=str,
        ),
    )
)  # list ids (`uniqueid`) are strings: so is the id add answers
