"""What belongs to an entity: the objects of its contexts. An API that acts for
one entity (seed 003's applications) sees only these: another entity's number,
queue or agent is not found."""

from peewee import JOIN

from xivows import numbering
from xivows.models.agent import AgentFeatures
from xivows.models.agent_status import AgentLoginStatus
from xivows.models.callqueue import AgentSettings, RemoteAgent
from xivows.models.context import Context
from xivows.models.extension import Extension
from xivows.models.queue import QueueFeatures

INTERNAL = 'internal'


def _contexts(entity):
    return Context.select(Context.name).where(Context.entity == entity.name)


def extensions(entity, kinds):
    """The entity's extensions of `kinds` (user, queue, ...), by id."""
    return list(
        Extension.select()
        .where(Extension.context.in_(_contexts(entity)) & Extension.type.in_(kinds))
        .order_by(Extension.id)
    )


def extension(entity, extension_id, kinds):
    """One extension of the entity, of `kinds`, or None."""
    return (
        Extension.select()
        .where(
            (Extension.id == extension_id)
            & Extension.context.in_(_contexts(entity))
            & Extension.type.in_(kinds)
        )
        .first()
    )


def internal_context_for(entity, kind, number):
    """The first internal context of the entity (by name) whose `kind` ranges
    hold `number`, or None."""
    for context in (
        Context.select(Context.name)
        .where((Context.entity == entity.name) & (Context.contexttype == INTERNAL))
        .order_by(Context.name)
    ):
        if numbering.in_ranges(number, numbering.context_ranges(context.name, kind), kind):
            return context.name
    return None


def first_internal_context(entity):
    row = (
        Context.select(Context.name)
        .where((Context.entity == entity.name) & (Context.contexttype == INTERNAL))
        .order_by(Context.name)
        .first()
    )
    return row.name if row else None


def agents(entity, ids=None):
    """The agents of the entity (those of its contexts), by id."""
    query = (
        AgentFeatures.select()
        .where(AgentFeatures.context.in_(_contexts(entity)))
        .order_by(AgentFeatures.id)
    )
    if ids is not None:
        query = query.where(AgentFeatures.id.in_(list(ids)))
    return list(query)


def agent(entity, agent_id):
    return (
        AgentFeatures.select()
        .where((AgentFeatures.id == agent_id) & AgentFeatures.context.in_(_contexts(entity)))
        .first()
    )


def agent_ids(entity, ids, remote=None):
    """The ids among `ids` of the entity's agents (remote ones only when `remote`,
    local ones only when False): one query."""
    query = (
        AgentFeatures.select(AgentFeatures.id)
        .join(RemoteAgent, JOIN.LEFT_OUTER, on=(RemoteAgent.agent == AgentFeatures.id))
        .where(AgentFeatures.context.in_(_contexts(entity)) & AgentFeatures.id.in_(list(ids)))
    )
    if remote is not None:
        query = query.where(RemoteAgent.id.is_null(not remote))
    return {agent_id for (agent_id,) in query.tuples()}


def agents_with_state(entity, ids=None, remote=None):
    """The entity's agents (by id) with what the seed-003 API shows of them, in one
    query: [(agent, external number or None, AgentSettings or None, logged in,
    the id of the entity's phone extension it is logged on or None)].
    `remote`: True only remote agents, False only local ones, None both."""
    logged_on = Extension.alias('logged_on')
    query = (
        AgentFeatures.select(
            AgentFeatures, RemoteAgent.number, AgentSettings, AgentLoginStatus.id, logged_on.id
        )
        .join_from(
            AgentFeatures,
            RemoteAgent,
            JOIN.LEFT_OUTER,
            on=(RemoteAgent.agent == AgentFeatures.id),
            attr='remote_row',
        )
        .join_from(
            AgentFeatures,
            AgentSettings,
            JOIN.LEFT_OUTER,
            on=(AgentSettings.agent == AgentFeatures.id),
            attr='settings_row',
        )
        .join_from(
            AgentFeatures,
            AgentLoginStatus,
            JOIN.LEFT_OUTER,
            on=(AgentLoginStatus.agent_id == AgentFeatures.id),
            attr='login_row',
        )
        .join_from(
            AgentLoginStatus,
            logged_on,
            JOIN.LEFT_OUTER,
            on=(
                (logged_on.exten == AgentLoginStatus.extension)
                & (logged_on.context == AgentLoginStatus.context)
                & (logged_on.type == 'user')
                & logged_on.context.in_(_contexts(entity))
            ),
            attr='logged_on_row',
        )
        .where(AgentFeatures.context.in_(_contexts(entity)))
        .order_by(AgentFeatures.id)
    )
    if ids is not None:
        query = query.where(AgentFeatures.id.in_(list(ids)))
    if remote is not None:
        query = query.where(RemoteAgent.id.is_null(not remote))
    found = []
    for agent in query:
        remote_row = getattr(agent, 'remote_row', None)
        settings_row = getattr(agent, 'settings_row', None)
        status = getattr(agent, 'login_row', None)
        on = getattr(status, 'logged_on_row', None) if status else None
        found.append(
            (
                agent,
                remote_row.number if remote_row and remote_row.number else None,
                settings_row if settings_row and settings_row.id else None,
                bool(status and status.id),
                on.id if on and on.id else None,
            )
        )
    return found


def queue_of_extension(extension_row):
    """The queue holding a queue extension."""
    if extension_row.type != 'queue' or not extension_row.typeval.isdigit():
        return None
    return QueueFeatures.get_or_none(QueueFeatures.id == int(extension_row.typeval))
