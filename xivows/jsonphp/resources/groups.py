"""/service/ipbx/json.php/<mode>/pbx_settings/groups"""
from xivows.jsonphp import crud
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.groups import queries, service
from xivows.resources.groups.view import group_view, items

register(JsonService('ipbx', 'pbx_settings/groups', acts=crud.acts(
    'group', rows=lambda term: items(queries.listed(term)),
    view=lambda group_id: group_view(service.get(group_id)),
    create=service.create, edit=service.edit, delete=service.delete,
    delete_all=service.delete_all,
    new_id=str)))  # group ids are strings in lists
