from __future__ import annotations

from typing import TYPE_CHECKING

from xivows.ids import batches
from xivows.models.agent import AgentFeatures
from xivows.models.agent_status import AgentLoginStatus
from xivows.models.callqueue import RemoteAgent
from xivows.models.context import Context

if TYPE_CHECKING:
    from collections.abc import Iterable

    from peewee import ModelSelect

OUTGOING = 'outcall'


def find(agent_id: int) -> RemoteAgent | None:
    return RemoteAgent.get_or_none(RemoteAgent.agent == agent_id)


def numbers_of(agent_ids: Iterable[int]) -> dict[int, str]:
    """{agent id: external number} of the remote agents among `agent_ids`."""
    found = {}
    for batch in batches(list(agent_ids)):
        found.update(
            RemoteAgent.select(RemoteAgent.agent, RemoteAgent.number)
            .where(RemoteAgent.agent.in_(batch))
            .tuples()
        )
    return found


def remote_ids() -> ModelSelect:
    return RemoteAgent.select(RemoteAgent.agent)


def number_taken(number: str, entity_name: str, except_agent: int | None = None) -> bool:
    """Whether another remote agent of the entity has this external number."""
    query = (
        RemoteAgent.select()
        .join(AgentFeatures, on=(AgentFeatures.id == RemoteAgent.agent))
        .join(Context, on=(Context.name == AgentFeatures.context))
        .where((RemoteAgent.number == number) & (Context.entity == entity_name))
    )
    if except_agent is not None:
        query = query.where(RemoteAgent.agent != except_agent)
    return query.exists()


def outgoing_context(entity_name: str) -> str | None:
    """The entity's first outgoing context (by name), or None."""
    row = (
        Context.select(Context.name)
        .where((Context.entity == entity_name) & (Context.contexttype == OUTGOING))
        .order_by(Context.name)
        .first()
    )
    return row.name if row else None


def entity_of_context(context_name: str) -> str | None:
    row = Context.get_or_none(Context.name == context_name)
    return row.entity if row else None


def outgoing_contexts() -> list[str]:
    return [
        name
        for (name,) in Context.select(Context.name).where(Context.contexttype == OUTGOING).tuples()
    ]


def remote_agents() -> list[tuple[int, str, str]]:
    """(agent id, external number, entity name) of every remote agent."""
    return list(
        RemoteAgent.select(RemoteAgent.agent, RemoteAgent.number, Context.entity)
        .join(AgentFeatures, on=(AgentFeatures.id == RemoteAgent.agent))
        .join(Context, on=(Context.name == AgentFeatures.context))
        .tuples()
    )


def outgoing_contexts_by_entity() -> dict[str, str]:
    """{entity name: its first outgoing context} (by name)."""
    first = {}
    for name, entity in (
        Context.select(Context.name, Context.entity)
        .where(Context.contexttype == OUTGOING)
        .order_by(Context.name)
        .tuples()
    ):
        first.setdefault(entity, name)
    return first


def external_logins() -> list[tuple[str, str, int]]:
    """(interface, context, agent id) of agents logged in on an external number."""
    return list(
        AgentLoginStatus.select(
            AgentLoginStatus.interface, AgentLoginStatus.context, AgentLoginStatus.agent_id
        )
        .where(~AgentLoginStatus.interface.startswith('Local/id-'))
        .tuples()
    )
