"""/service/ipbx/json.php/<mode>/pbx_settings/meetme (no edit act)"""
from xivows.jsonphp import answers
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.meetme import queries, service
from xivows.resources.meetme.view import items, meetme_view


def list_(call):
    return answers.rows(call, items(queries.listed()))


def search(call):
    term = call.param('search')
    if not term:
        return answers.rows(call, [])
    return answers.rows(call, items(queries.listed(term)))


def view(call):
    return answers.json(call, meetme_view(service.get(call.int_id('conference room'))))


def add(call):
    # Room ids are strings in lists: the new id is answered as a string.
    return answers.json(call, str(service.create(call.object())))


def delete(call):
    service.delete(call.int_id('conference room'))
    return answers.empty()


def delete_all(call):
    if service.delete_all() is None:
        return answers.empty(204)
    return answers.empty()


register(JsonService('ipbx', 'pbx_settings/meetme', acts={
    'list': list_, 'search': search, 'view': view, 'add': add, 'delete': delete,
    'deleteall': delete_all}))
