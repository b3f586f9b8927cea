"""/service/ipbx/json.php/<mode>/pbx_services/parkinglot (2014 and before)"""
from xivows.jsonphp import answers
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.parkinglot import queries, service
from xivows.resources.parkinglot.schemas import parkinglot_row


def list_(call):
    return answers.rows(call, [parkinglot_row(lot) for lot in queries.listed()])


def view(call):
    return answers.json(call, parkinglot_row(service.get(call.int_id('parking lot'))))


def add(call):
    # The original answered the new id as a JSON string.
    return answers.json(call, str(service.create(call.object())))


def edit(call):
    service.edit(call.int_id('parking lot'), call.object())
    return answers.empty()


def delete(call):
    service.delete(call.int_id('parking lot'))
    return answers.empty()


register(JsonService('ipbx', 'pbx_services/parkinglot', acts={
    'list': list_, 'view': view, 'add': add, 'edit': edit, 'delete': delete}))
