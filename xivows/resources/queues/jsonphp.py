"""/callcenter/json.php/<mode>/settings/queues"""
from xivows.jsonphp import answers
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.queues import queries, service
from xivows.resources.queues.schemas import queue_item
from xivows.resources.queues.view import queue_view_object


def list_(call):
    return answers.rows(call, [queue_item(row) for row in queries.all_queues()])


def search(call):
    term = call.param('search')
    if not term:
        return answers.rows(call, [])
    return answers.rows(call, [queue_item(row) for row in queries.search(term)])


def view(call):
    return answers.json(call, queue_view_object(service.get(call.int_id('queue'))))


def add(call):
    return answers.json(call, str(service.create(call.object())))


def edit(call):
    service.edit(call.int_id('queue'), call.object())
    return answers.empty()


def delete(call):
    service.delete(call.int_id('queue'))
    return answers.empty()


def delete_all(call):
    if service.delete_all() is None:
        return answers.empty(204)
    return answers.empty()


register(JsonService('callcenter', 'settings/queues', acts={
    'list': list_, 'search': search, 'view': view, 'add': add, 'edit': edit,
    'delete': delete, 'deleteall': delete_all}))
