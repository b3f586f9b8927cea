"""/service/ipbx/json.php/<mode>/call_management/pickup"""
from xivows.jsonphp import answers
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.pickup import queries, service
from xivows.resources.pickup.view import items, pickup_view


def list_(call):
    return answers.rows(call, items(queries.listed()))


def view(call):
    return answers.json(call, pickup_view(service.get(call.int_id('pickup group', minimum=0))))


def add(call):
    # The original answered an empty body; the id is an integer on the wire.
    return answers.json(call, service.create(call.object()))


def delete(call):
    service.delete(call.int_id('pickup group', minimum=0))
    return answers.empty()


register(JsonService('ipbx', 'call_management/pickup', acts={
    'list': list_, 'view': view, 'add': add, 'delete': delete}))
