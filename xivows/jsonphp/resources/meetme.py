"""/service/ipbx/json.php/<mode>/pbx_settings/meetme (no edit act)"""
from xivows.jsonphp import crud
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.meetme import queries, service
from xivows.resources.meetme.view import items, meetme_view

register(JsonService('ipbx', 'pbx_settings/meetme', acts=crud.acts(
    'conference room', rows=lambda term: items(queries.listed(term)),
    view=lambda meetme_id: meetme_view(service.get(meetme_id)),
    create=service.create, delete=service.delete, delete_all=service.delete_all,
    new_id=str)))  # room ids are strings in lists
