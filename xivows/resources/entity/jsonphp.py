"""/xivo/configuration/json.php/<mode>/manage/entity"""
from xivows.jsonphp import answers
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.entity import queries, service
from xivows.resources.entity.schemas import entity_item


def list_(call):
    return answers.rows(call, [entity_item(e) for e in queries.all_entities()])


def search(call):
    term = call.param('search')
    if not term:
        return answers.rows(call, [])
    return answers.rows(call, [entity_item(e) for e in queries.search(term)])


def view(call):
    return answers.json(call, entity_item(service.get(call.int_id('entity'))))


def add(call):
    return answers.json(call, str(service.create(call.object())))


def edit(call):
    service.edit(call.int_id('entity'), call.object())
    return answers.empty()


def delete(call):
    service.delete(call.int_id('entity'))
    return answers.empty()


def delete_all(call):
    if service.delete_all() is None:
        return answers.empty(204)
    return answers.empty()


register(JsonService('configuration', 'manage/entity', acts={
    'list': list_, 'search': search, 'view': view, 'add': add, 'edit': edit,
    'delete': delete, 'deleteall': delete_all}))
