"""/statistics/call_center/json.php/<mode>/settings/configuration"""
from xivows import cascade
from xivows.jsonphp import answers
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.statsconf import queries, service
from xivows.resources.statsconf.schemas import (agent_entry, item, queue_entry,
                                                webuser_entry)


def list_(call):
    return answers.rows(call, [item(conf) for conf in queries.all_confs()])


def search(call):
    term = call.param('search')
    if not term:
        return answers.rows(call, [])
    return answers.rows(call, [item(conf) for conf in queries.search(term)])


def _keyed(entries):
    # The original kept database ids as keys: objects, not arrays; false when none.
    return {str(entry['id']): entry for entry in entries} or False


def view(call):
    conf = service.get(call.int_id('statistics configuration'))
    return answers.json(call, {
        'stats_conf': item(conf),
        'queue': _keyed([queue_entry(queue, queue.qos) for queue in queries.queues_of(conf.id)]),
        'agent': _keyed([agent_entry(agent) for agent in queries.agents_of(conf.id)]),
        'xivouser': _keyed([webuser_entry(user) for user in queries.webusers_of(conf.id)]),
    })


def add(call):
    return answers.json(call, service.create(call.object()))


def edit(call):
    service.edit(call.int_id('statistics configuration'), call.object())
    return answers.empty()


def delete(call):
    service.delete(call.int_id('statistics configuration'))
    return answers.empty()


register(JsonService('statistics', 'settings/configuration', acts={
    'list': list_, 'search': search, 'view': view, 'add': add, 'edit': edit,
    'delete': delete}, sum=False))

for kind in ('queue', 'agent'):
    cascade.on_delete(kind)(lambda member_id, kind=kind: service.forget(kind, member_id))
