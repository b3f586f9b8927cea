"""/service/ipbx/json.php/<mode>/call_management/incall"""
from xivows.jsonphp import crud
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.incall import queries, service
from xivows.resources.incall.view import incall_view, items

register(JsonService('ipbx', 'call_management/incall', acts=crud.acts(
    'incall', rows=lambda term: items(queries.listed(term)),
    view=lambda incall_id: incall_view(service.get(incall_id)),
    create=service.create, edit=service.edit, delete=service.delete,
    delete_all=service.delete_all,
    new_id=str)))  # incall ids are strings in lists
