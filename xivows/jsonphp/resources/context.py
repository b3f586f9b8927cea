"""/service/ipbx/json.php/<mode>/system_management/context (ids are context names)"""
from xivows.jsonphp import answers
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.context import queries, service, view


def list_(call):
    return answers.rows(call, view.list_items(queries.contexts()))


def search(call):
    term = call.param('search')
    if not term:
        return answers.rows(call, [])
    return answers.rows(call, view.list_items(queries.contexts(term)))


def view_(call):
    return answers.json(call, view.context_view(service.get(call.id('context'))))


def add(call):
    return answers.json(call, service.create(call.object()))


def edit(call):
    service.edit(call.id('context'), call.object())
    return answers.empty()


def delete(call):
    service.delete(call.id('context'))
    return answers.empty()


register(JsonService('ipbx', 'system_management/context', acts={
    'list': list_, 'search': search, 'view': view_, 'add': add, 'edit': edit,
    'delete': delete}))
