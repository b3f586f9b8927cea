"""/service/ipbx/json.php/<mode>/pbx_settings/groups"""
from xivows.jsonphp import answers
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.groups import queries, service
from xivows.resources.groups.view import group_view, items


def list_(call):
    return answers.rows(call, items(queries.listed()))


def search(call):
    term = call.param('search')
    if not term:
        return answers.rows(call, [])
    return answers.rows(call, items(queries.listed(term)))


def view(call):
    return answers.json(call, group_view(service.get(call.int_id('group'))))


def add(call):
    # Group ids are strings in lists: the new id is answered as a string.
    return answers.json(call, str(service.create(call.object())))


def edit(call):
    service.edit(call.int_id('group'), call.object())
    return answers.empty()


def delete(call):
    service.delete(call.int_id('group'))
    return answers.empty()


def delete_all(call):
    if service.delete_all() is None:
        return answers.empty(204)
    return answers.empty()


register(JsonService('ipbx', 'pbx_settings/groups', acts={
    'list': list_, 'search': search, 'view': view, 'add': add, 'edit': edit,
    'delete': delete, 'deleteall': delete_all}))
