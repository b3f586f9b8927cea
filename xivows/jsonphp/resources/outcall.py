"""/service/ipbx/json.php/<mode>/call_management/outcall"""
from xivows.jsonphp import crud
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.outcall import service
from xivows.resources.outcall.view import items, outcall_view

register(JsonService('ipbx', 'call_management/outcall', acts=crud.acts(
    'outcall', rows=items, view=lambda outcall_id: outcall_view(service.get(outcall_id)),
    create=service.create, edit=service.edit, delete=service.delete,
    delete_all=service.delete_all,
    new_id=str)))  # outcall ids are strings in lists
