"""Create, list, get, edit and delete an agent's HTTP callbacks, always within one
entity: an agent, or a callback, of another entity is not found (404)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from xivows.constants import MAX_ID
from xivows.errors import InvalidInput, NotFound
from xivows.models.outbox import AgentCallback
from xivows.outbox import network
from xivows.resources.agent_callbacks import queries

if TYPE_CHECKING:
    from xivows.models.agent import AgentFeatures

EVENT_TYPES = ('agent-login', 'agent-logout')
METHODS = ('GET', 'POST')
# Bounds the outbox: each change writes one event per matching callback.
MAX_PER_AGENT = 20


@dataclass(frozen=True)
class CallbackInput:
    url: str
    event_type: str
    method: str


@dataclass(frozen=True)
class CallbackChanges:
    """An edit: fields left None keep their stored values."""

    url: str | None = None
    event_type: str | None = None
    method: str | None = None


def _event_type(value: str) -> str:
    if value not in EVENT_TYPES:
        raise InvalidInput(f'event_type: one of {", ".join(EVENT_TYPES)}')
    return value


def _method(value: object) -> str:
    if not isinstance(value, str) or value.upper() not in METHODS:
        raise InvalidInput(f'method: one of {", ".join(METHODS)}')
    return value.upper()


def _valid_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


def _agent(entity_id: int, agent_id: int) -> AgentFeatures:
    agent = queries.agent_of_entity(entity_id, agent_id) if _valid_id(agent_id) else None
    if agent is None:
        raise NotFound.of('agent', agent_id)
    return agent


def create(entity_id: int, agent_id: int, data: CallbackInput) -> AgentCallback:
    agent = _agent(entity_id, agent_id)
    url = network.validate_url(data.url)
    event_type, method = _event_type(data.event_type), _method(data.method)
    if queries.callbacks_of(entity_id, agent.id).count() >= MAX_PER_AGENT:
        raise InvalidInput(f'an agent has at most {MAX_PER_AGENT} callbacks')
    return AgentCallback.create(
        entity=entity_id,
        agent=agent.id,
        url=url,
        event_type=event_type,
        method=method,
        created_at=int(time.time()),
    )


def list_callbacks(entity_id: int, agent_id: int) -> list[AgentCallback]:
    agent = _agent(entity_id, agent_id)
    return list(queries.callbacks_of(entity_id, agent.id))


def get(entity_id: int, agent_id: int, callback_id: int) -> AgentCallback:
    agent = _agent(entity_id, agent_id)
    found = queries.callback(entity_id, agent.id, callback_id) if _valid_id(callback_id) else None
    if found is None:
        raise NotFound.of('event', callback_id)
    return found


def edit(
    entity_id: int, agent_id: int, callback_id: int, changes: CallbackChanges
) -> AgentCallback:
    found = get(entity_id, agent_id, callback_id)
    if changes.url is not None:
        found.url = network.validate_url(changes.url)
    if changes.event_type is not None:
        found.event_type = _event_type(changes.event_type)
    if changes.method is not None:
        found.method = _method(changes.method)
    found.save()
    return found


def delete(entity_id: int, agent_id: int, callback_id: int) -> None:
    """Its events not yet delivered are dropped with it."""
    get(entity_id, agent_id, callback_id).delete_instance()
