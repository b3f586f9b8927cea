"""/service/ipbx/json.php/<mode>/call_management/schedule. The original had no
search (it answered the list); the seed document lists one: a substring of the
name or the description."""
from xivows.jsonphp import crud
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.schedule import queries, service
from xivows.resources.schedule.view import items, schedule_view

register(JsonService('ipbx', 'call_management/schedule', acts=crud.acts(
    'schedule', rows=lambda term: items(queries.listed(term)),
    view=lambda schedule_id: schedule_view(service.get(schedule_id)),
    create=service.create, delete=service.delete)))  # ids are integers on the wire
