"""/service/ipbx/json.php/<mode>/pbx_settings/users"""
from xivows.jsonphp import answers
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.users import queries, service
from xivows.resources.users.schemas import user_item
from xivows.resources.users.view import user_view


def list_(call):
    return answers.rows(call, [user_item(user) for user in queries.listed().dicts()])


def search(call):
    term = call.param('search')
    if not term:
        return answers.rows(call, [])
    return answers.rows(call, [user_item(user) for user in queries.search(term).dicts()])


def view(call):
    return answers.json(call, user_view(service.get(call.int_id('user'))))


def add(call):
    # The original answered the new id as a JSON string.
    return answers.json(call, str(service.create(call.object())))


def edit(call):
    service.edit(call.int_id('user'), call.object())
    return answers.empty()


def delete(call):
    service.delete(call.int_id('user'))
    return answers.empty()


def delete_all(call):
    if service.delete_all() is None:
        return answers.empty(204)
    return answers.empty()


register(JsonService('ipbx', 'pbx_settings/users', acts={
    'list': list_, 'search': search, 'view': view, 'add': add, 'edit': edit,
    'delete': delete, 'deleteall': delete_all}))
