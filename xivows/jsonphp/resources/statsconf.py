"""/statistics/call_center/json.php/<mode>/settings/configuration"""
from xivows.jsonphp import crud
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.statsconf import queries, service
from xivows.resources.statsconf.schemas import (agent_entry, item, queue_entry,
                                                webuser_entry)


def _items(term):
    return [item(conf) for conf in (queries.search(term) if term else queries.all_confs())]


def _keyed(entries):
    # The original kept database ids as keys: objects, not arrays; false when none.
    return {str(entry['id']): entry for entry in entries} or False


def _view(conf_id):
    conf = service.get(conf_id)
    return {
        'stats_conf': item(conf),
        'queue': _keyed([queue_entry(queue, queue.qos) for queue in queries.queues_of(conf.id)]),
        'agent': _keyed([agent_entry(agent) for agent in queries.agents_of(conf.id)]),
        'xivouser': _keyed([webuser_entry(user) for user in queries.webusers_of(conf.id)]),
    }


register(JsonService('statistics', 'settings/configuration', acts=crud.acts(
    'statistics configuration', rows=_items, view=_view, create=service.create,
    edit=service.edit, delete=service.delete), sum=False))
