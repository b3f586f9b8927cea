"""Call-center agents: their features, their users, queue memberships and
skills. An agent's number names its queue members (`Agent/<number>`): a new
number is applied to them, and refused while the agent is logged in (it logged
in with that number). Deleting an agent removes everything that points to it."""

from xivows import cascade
from xivows.constants import MAX_INT
from xivows.errors import InvalidInput, NotFound
from xivows.models.agent import AgentFeatures
from xivows.resources import lookup
from xivows.resources.agents import links, queries
from xivows.resources.agents.inputs import AgentInput
from xivows.resources.agents.schemas import agentfeatures_input, agentfeatures_schema
from xivows.resources.queue_members import service as queue_members
from xivows.schemas import load

KIND = 'agent'


def get(agent_id: int) -> AgentFeatures:
    return lookup.found(queries.find(agent_id), 'agent', agent_id)


def get_for_view(ident: str) -> AgentFeatures:
    """By id, else (the legacy "view by number") by number."""
    agent = (
        queries.find(ident)
        if ident.isascii() and ident.isdigit() and int(ident) <= MAX_INT
        else None
    )
    if agent is None:
        agent = queries.find_by_number(ident)
    if agent is None:
        raise NotFound.of('agent', ident)
    return agent


class _Parts:
    """Every component of an agent input, validated before any write."""

    def __init__(self, given: AgentInput, agent: AgentFeatures | None = None):
        adding = agent is None
        if not isinstance(given.features, dict):
            raise InvalidInput('agentfeatures: is required and must be an object')
        stored = {} if adding else agentfeatures_input(agent)
        values = load(agentfeatures_schema, {**stored, **given.features}, 'agentfeatures')
        values['preprocess_subroutine'] = values['preprocess_subroutine'] or None
        if adding or values['numgroup'] != agent.numgroup:
            if queries.group(values['numgroup']) is None:
                raise InvalidInput(
                    f'agentfeatures.numgroup: no such agent group: {values["numgroup"]}'
                )
        if (adding or values['context'] != agent.context) and not queries.context_exists(
            values['context']
        ):
            raise InvalidInput(f'agentfeatures.context: no such context: {values["context"]}')
        self.renumbered = not adding and values['number'] != agent.number
        if adding or self.renumbered:
            if queries.number_taken(values['number']):
                raise InvalidInput(f'agentfeatures.number: already used: {values["number"]}')
        if self.renumbered:
            self._check_renumbering(agent, values['number'], given)
        self.features = values
        self.changed = adding or any(getattr(agent, key) != value for key, value in values.items())
        self.users = links.check_users(given.users)
        self.queues = links.check_queues(given.queues, values['number'])
        self.skills = links.check_skills(given.skills)

    @staticmethod
    def _check_renumbering(agent: AgentFeatures, number: str, given: AgentInput) -> None:
        if queries.is_logged(agent.id):
            raise InvalidInput(
                'agentfeatures.number: cannot be changed while the agent is logged in'
            )
        keeps_queues = given.queues is None and queries.has_memberships(agent.id)
        if keeps_queues and not number.isdigit():
            raise InvalidInput(
                f'agentfeatures.number: agent {agent.id} is a queue member, '
                f'its number must be all digits'
            )


def create(given: AgentInput) -> int:
    parts = _Parts(given)
    agent = AgentFeatures.create(**parts.features)
    queries.add_context_member(agent.id, agent.context)
    links.apply_users(agent, parts.users, adding=True)
    links.apply_queues(agent, parts.queues, adding=True)
    links.apply_skills(agent, parts.skills, adding=True)
    return agent.id


def edit(agent_id: int, changes: AgentInput) -> None:
    """Merge: absent features keep their values; users, queues and skills are
    replaced only when given."""
    agent = get(agent_id)
    old_context = agent.context
    parts = _Parts(changes, agent)
    if parts.changed:
        for key, value in parts.features.items():
            setattr(agent, key, value)
        agent.save()
    if agent.context != old_context:
        queries.set_context_member(agent.id, agent.context)
    if parts.renumbered:
        # Its queue members are reached as Agent/<number>.
        queue_members.follow_interface(
            queue_members.AGENT,
            agent.id,
            queue_members.agent_interface(agent.number),
            queue_members.AGENT_CHANNEL,
        )
    links.apply_users(agent, parts.users)
    links.apply_queues(agent, parts.queues)
    links.apply_skills(agent, parts.skills)


def delete(agent_id: int) -> None:
    agent = get(agent_id)
    # First, while the memberships exist: a logged agent is logged off.
    cascade.deleted(KIND, agent.id)
    queries.unlink_users([agent.id])
    queue_members.delete_member(queue_members.AGENT, agent.id)
    queries.delete_skills([agent.id])
    queries.delete_context_members([agent.id])
    agent.delete_instance()


def delete_all() -> int | None:
    """Every agent goes, set-based: a constant number of queries whatever their
    number (plus the logoff of those logged in). None when there were no agents."""
    ids = queries.all_ids()
    if not ids:
        return None
    # First, while the memberships exist: logged agents are logged off.
    cascade.deleted_many(KIND, ids)
    queries.unlink_users(ids)
    queue_members.delete_members(queue_members.AGENT, ids)
    queries.delete_skills(ids)
    queries.delete_context_members(ids)
    queries.delete_features(ids)
    return len(ids)
