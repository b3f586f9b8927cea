"""/service/ipbx/json.php/<mode>/call_management/pickup (no search, no edit)"""
from xivows.jsonphp import crud
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.pickup import queries, service
from xivows.resources.pickup.view import items, pickup_view

register(JsonService('ipbx', 'call_management/pickup', acts=crud.acts(
    'pickup group', rows=lambda term: items(queries.listed()),
    view=lambda pickup_id: pickup_view(service.get(pickup_id)),
    create=service.create, delete=service.delete, search=False,
    min_id=0)))  # pickup ids count from 0; the original answered an empty add body
