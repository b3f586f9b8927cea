"""/callcenter/json.php/<mode>/settings/agents: the acts, and the add/edit
document (`agentfeatures`, `user-select`, `queue-select` with the penalties of
`queue` {name: {"penalty"}}, `queueskills` [{id, weight}]) read into an
AgentInput."""

from xivows.errors import InvalidInput
from xivows.jsonphp import answers, documents
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.agents import agent_item, agent_view
from xivows.resources.agents import queries, service
from xivows.resources.agents.inputs import AgentInput, AgentQueue, AgentSkill
from xivows.schemas.fields import IdList, to_int

_ids = IdList()


def _given(document, key):
    return key in document and document[key] is not None


def _users(document):
    if not _given(document, 'user-select'):
        return None
    try:
        return _ids.deserialize(document['user-select'])
    except Exception:
        raise InvalidInput('user-select: must be a list of user ids') from None


def _penalty(options, name):
    option = options.get(name)
    if option is not None and not isinstance(option, dict):
        raise InvalidInput(f'queue.{name}: must be an object')
    penalty = (option or {}).get('penalty')
    penalty = 0 if penalty in (None, '') else to_int(penalty)
    if penalty is None:
        raise InvalidInput(f'queue.{name}.penalty: must be 0 to 20')
    return penalty


def _queues(document):
    """`queue-select` (queue names) with their penalty in `queue`."""
    if not _given(document, 'queue-select'):
        return None
    selected = document['queue-select']
    if not isinstance(selected, list) or not all(
        isinstance(name, str) or (isinstance(name, int) and not isinstance(name, bool))
        for name in selected
    ):
        raise InvalidInput('queue-select: must be a list of queue names')
    options = document.get('queue') or {}
    if not isinstance(options, dict):
        raise InvalidInput('queue: must be an object keyed by queue name')
    names = list(dict.fromkeys(str(name).strip() for name in selected))
    return [AgentQueue(name, _penalty(options, name)) for name in names]


def _skills(document):
    """`queueskills` [{id, weight}]; false or {} (the view's "none") is none."""
    if not _given(document, 'queueskills'):
        return None
    entries = document['queueskills']
    if entries is False or entries == {}:
        entries = []
    if not isinstance(entries, list):
        raise InvalidInput('queueskills: must be a list of {id, weight}')
    skills = []
    for index, entry in enumerate(entries):
        where = f'queueskills.{index}'
        if not isinstance(entry, dict):
            raise InvalidInput(f'{where}: must be an object {{id, weight}}')
        skill_id = to_int(entry.get('id'))
        if skill_id is None:
            raise InvalidInput(f'{where}.id: must be a skill id')
        weight = entry.get('weight')
        weight = 0 if weight in (None, '') else to_int(weight)
        if weight is None:
            raise InvalidInput(f'{where}.weight: must be 0 to 100')
        skills.append(AgentSkill(skill_id, weight))
    return skills


def agent_input(document, adding):
    documents.body_object(document)
    features = document.get('agentfeatures')
    if not isinstance(features, dict) and (adding or features is not None):
        raise InvalidInput('agentfeatures: is required and must be an object')
    return AgentInput(
        features=features or {},
        users=_users(document),
        queues=_queues(document),
        skills=_skills(document),
    )


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
    return answers.json(call, service.create(agent_input(call.object(), adding=True)))


def edit(call):
    agent_id = call.int_id('agent')
    service.edit(agent_id, agent_input(call.object(), adding=False))
    return answers.empty()


def delete(call):
    service.delete(call.int_id('agent'))
    return answers.empty()


def delete_all(call):
    if service.delete_all() is None:
        return answers.empty(204)
    return answers.empty()


register(
    JsonService(
        'callcenter',
        'settings/agents',
        acts={
            'list': list_,
            'search': search,
            'view': view,
            'add': add,
            'edit': edit,
            'delete': delete,
            'deleteall': delete_all,
        },
    )
)
