"""/callcenter/json.php/<mode>/settings/agents"""
from xivows.jsonphp import answers
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.agents import queries, service
from xivows.resources.agents.schemas import agent_item
from xivows.resources.agents.view import agent_view


def list_(call):
    return answers.rows(call, [agent_item(agent) for agent in queries.all_agents()])


def search(call):
    # Unlike the other services, no term means every agent (as the original).
    term = call.param('search')
    agents = queries.search(term) if term else queries.all_agents()
    return answers.rows(call, [agent_item(agent) for agent in agents])


def view(call):
    return answers.json(call, agent_view(service.get_for_view(call.id('agent'))))


def add(call):
    return answers.json(call, service.create(call.object()))


def edit(call):
    service.edit(call.int_id('agent'), call.object())
    return answers.empty()


def delete(call):
    service.delete(call.int_id('agent'))
    return answers.empty()


def delete_all(call):
    if service.delete_all() is None:
        return answers.empty(204)
    return answers.empty()


register(JsonService('callcenter', 'settings/agents', acts={
    'list': list_, 'search': search, 'view': view, 'add': add, 'edit': edit,
    'delete': delete, 'deleteall': delete_all}))
