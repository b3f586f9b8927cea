"""/service/ipbx/json.php/<mode>/pbx_settings/voicemail"""
from xivows.jsonphp import answers
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.voicemail import queries, service
from xivows.resources.voicemail.schemas import legacy_view, list_item, search_item


def _items(voicemails, shape):
    voicemails = list(voicemails)
    if not voicemails:
        return []
    displaynames = queries.entity_displaynames()
    return [shape(voicemail, displaynames) for voicemail in voicemails]


def list_(call):
    return answers.rows(call, _items(queries.all_voicemails(), list_item))


def search(call):
    term = call.param('search')
    if not term:
        return answers.rows(call, [])
    return answers.rows(call, _items(queries.search(term), search_item))


def view(call):
    return answers.json(call, {'voicemail': legacy_view(service.get(call.int_id('voicemail')))})


def add(call):
    # List ids (`uniqueid`) are strings: so is the id add answers.
    return answers.json(call, str(service.create_from_document(call.object()).uniqueid))


def edit(call):
    voicemail = service.get(call.int_id('voicemail'))
    service.edit_from_document(voicemail, call.object())
    return answers.empty()


def delete(call):
    service.delete(call.int_id('voicemail'))
    return answers.empty()


register(JsonService('ipbx', 'pbx_settings/voicemail', acts={
    'list': list_, 'search': search, 'view': view, 'add': add, 'edit': edit,
    'delete': delete}))
