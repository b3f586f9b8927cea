"""Call-center agents: their features, their users, queue memberships and
skills. Deleting an agent removes everything that points to it."""
from xivows import cascade
from xivows.errors import InvalidInput, NotFound
from xivows.models.agent import AgentFeatures
from xivows.resources.queue_members import service as queue_members
from xivows.resources.agents import links, queries
from xivows.resources.agents.schemas import agentfeatures_input, agentfeatures_schema
from xivows.schemas import load
from xivows.jsonphp.documents import body_object


def get(agent_id):
    agent = queries.find(agent_id)
    if agent is None:
        raise NotFound.of('agent', agent_id)
    return agent


def get_for_view(ident):
    """By id, else (the legacy "view by number") by number."""
    agent = queries.find(ident) if ident.isascii() and ident.isdigit() and \
        int(ident) < 2 ** 31 else None
    if agent is None:
        agent = queries.find_by_number(ident)
    if agent is None:
        raise NotFound.of('agent', ident)
    return agent


class _Parts:
    """Every component of an add/edit document, validated before any write."""

    def __init__(self, document, agent=None):
        body_object(document)
        given = document.get('agentfeatures')
        if not isinstance(given, dict) and (agent is None or given is not None):
            raise InvalidInput('agentfeatures: is required and must be an object')
        stored = agentfeatures_input(agent) if agent else {}
        merged = {**stored, **(given or {})}
        if agent is not None:
            merged['number'] = agent.number  # the number cannot change
        values = load(agentfeatures_schema, merged, 'agentfeatures')
        values['preprocess_subroutine'] = values['preprocess_subroutine'] or None
        if queries.group(values['numgroup']) is None:
            raise InvalidInput(f'agentfeatures.numgroup: no such agent group: '
                               f'{values["numgroup"]}')
        if not queries.context_exists(values['context']):
            raise InvalidInput(f'agentfeatures.context: no such context: {values["context"]}')
        if agent is None and queries.number_taken(values['number']):
            raise InvalidInput(f'agentfeatures.number: already used: {values["number"]}')
        self.agentfeatures = values
        self.users = links.parse_users(document)
        self.queues = links.parse_queues(document, values['number'])
        self.skills = links.parse_skills(document)


def _apply(agent, parts):
    queries.set_context_member(agent.id, agent.context)
    links.apply_users(agent, parts.users)
    links.apply_queues(agent, parts.queues)
    links.apply_skills(agent, parts.skills)


def create(document):
    parts = _Parts(document)
    agent = AgentFeatures.create(**parts.agentfeatures)
    _apply(agent, parts)
    return agent.id


def edit(agent_id, document):
    """Merge: absent agentfeatures keys keep their values; users, queues and
    skills are replaced only when their key is given."""
    agent = get(agent_id)
    parts = _Parts(document, agent)
    for key, value in parts.agentfeatures.items():
        setattr(agent, key, value)
    agent.save()
    _apply(agent, parts)


def delete(agent_id):
    agent = get(agent_id)
    # First, while the memberships exist: a logged agent is logged off.
    cascade.deleted('agent', agent.id)
    queries.unlink_users(agent.id)
    queue_members.delete_member(queue_members.AGENT, agent.id)
    queries.delete_skills(agent.id)
    queries.delete_context_member(agent.id)
    agent.delete_instance()


def delete_all():
    """None when there were no agents."""
    ids = [agent.id for agent in queries.all_agents()]
    if not ids:
        return None
    for agent_id in ids:
        delete(agent_id)
    return len(ids)
