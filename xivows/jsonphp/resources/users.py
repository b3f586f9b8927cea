"""/service/ipbx/json.php/<mode>/pbx_settings/users"""
from xivows.jsonphp import crud
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.users import queries, service
from xivows.resources.users.schemas import user_item
from xivows.resources.users.view import user_view


def _items(term):
    users = queries.search(term) if term else queries.listed()
    return [user_item(user) for user in users.dicts()]


register(JsonService('ipbx', 'pbx_settings/users', acts=crud.acts(
    'user', rows=_items, view=lambda user_id: user_view(service.get(user_id)),
    create=service.create, edit=service.edit, delete=service.delete,
    delete_all=service.delete_all,
    new_id=str)))  # the original answered the new id as a JSON string
