"""/service/ipbx/json.php/<mode>/call_management/incall"""
from xivows.jsonphp import answers
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.incall import queries, service
from xivows.resources.incall.view import incall_view, items


def list_(call):
    return answers.rows(call, items(queries.listed()))


def search(call):
    term = call.param('search')
    if not term:
        return answers.rows(call, [])
    return answers.rows(call, items(queries.listed(term)))


def view(call):
    return answers.json(call, incall_view(service.get(call.int_id('incall'))))


def add(call):
    # Incall ids are strings in lists: the new id is answered as a string.
    return answers.json(call, str(service.create(call.object())))


def edit(call):
    service.edit(call.int_id('incall'), call.object())
    return answers.empty()


def delete(call):
    service.delete(call.int_id('incall'))
    return answers.empty()


def delete_all(call):
    if service.delete_all() is None:
        return answers.empty(204)
    return answers.empty()


register(JsonService('ipbx', 'call_management/incall', acts={
    'list': list_, 'search': search, 'view': view, 'add': add, 'edit': edit,
    'delete': delete, 'deleteall': delete_all}))
