"""/service/ipbx/json.php/<mode>/call_management/schedule"""
from xivows.jsonphp import answers
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.schedule import queries, service
from xivows.resources.schedule.view import items, schedule_view


def list_(call):
    return answers.rows(call, items(queries.listed()))


def search(call):
    # The original had no search (it answered the list); the seed document
    # lists one: substring of the name or the description.
    term = call.param('search')
    if not term:
        return answers.rows(call, [])
    return answers.rows(call, items(queries.listed(term)))


def view(call):
    return answers.json(call, schedule_view(service.get(call.int_id('schedule'))))


def add(call):
    # Schedule ids are integers on the wire.
    return answers.json(call, service.create(call.object()))


def delete(call):
    service.delete(call.int_id('schedule'))
    return answers.empty()


register(JsonService('ipbx', 'call_management/schedule', acts={
    'list': list_, 'search': search, 'view': view, 'add': add, 'delete': delete}))
