"""/service/ipbx/json.php/<mode>/pbx_services/parkinglot (no search act)"""
from xivows.jsonphp import crud
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.parkinglot import queries, service
from xivows.resources.parkinglot.schemas import parkinglot_row

register(JsonService('ipbx', 'pbx_services/parkinglot', acts=crud.acts(
    'parking lot', rows=lambda term: [parkinglot_row(lot) for lot in queries.listed()],
    view=lambda lot_id: parkinglot_row(service.get(lot_id)),
    create=service.create, edit=service.edit, delete=service.delete, search=False,
    new_id=str)))  # the original answered the new id as a JSON string
