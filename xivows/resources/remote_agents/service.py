"""Remote agents (seed 003): xivows agents reached on an external number instead
of a phone of the installation. Logged in, a remote agent is a queue member
`Local/<number>@<outgoing context>`, the outgoing context being the first one
(by name) of the agent's entity: Asterisk calls the number through the entity's
outgoing routes. Everything else (id, number, queues, login state) is the
agent's, shared with every API."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from xivows.errors import InvalidInput
from xivows.models.callqueue import RemoteAgent
from xivows.outbox import events
from xivows.resources.agent_status import queries as agent_status_queries
from xivows.resources.agent_status import service as agent_status
from xivows.resources.remote_agents import queries

if TYPE_CHECKING:
    from xivows.models.agent import AgentFeatures

# Digits with an optional leading + (what outgoing routes dial).
NUMBER = re.compile(r'\+?[0-9]{1,39}')


def is_remote(agent_id: int) -> bool:
    return queries.find(agent_id) is not None


def number_of(agent_id: int) -> str | None:
    found = queries.find(agent_id)
    return found.number if found else None


def numbers_of(agent_ids: list[int]) -> dict[int, str]:
    return queries.numbers_of(agent_ids)


def check_number(number: object, entity_name: str, agent_id: int | None = None) -> str:
    """The external number, checked: digits (a leading + allowed), not another
    remote agent's of the entity."""
    if not isinstance(number, str) or not NUMBER.fullmatch(number):
        raise InvalidInput('number: 1 to 39 digits, optionally after a +')
    if queries.number_taken(number, entity_name, agent_id):
        raise InvalidInput(f'number: another remote agent has the number {number}')
    return number


def set_number(agent_row: AgentFeatures, number: str) -> None:
    """Make the agent remote with this (checked) external number. A remote agent
    logged in on its former number is logged in again on the new one."""
    found = queries.find(agent_row.id)
    if found is None:
        RemoteAgent.create(agent=agent_row.id, number=number)
        return
    if found.number == number:
        return
    found.number = number
    found.save()
    if agent_status_queries.status_of(agent_row.id) is not None:
        agent_status.logoff(agent_row)
        login(agent_row)


def outgoing_context_of(agent_row: AgentFeatures) -> str:
    entity = queries.entity_of_context(agent_row.context)
    context = queries.outgoing_context(entity) if entity else None
    if context is None:
        raise InvalidInput(
            f'status: the entity of agent {agent_row.id} has no outgoing '
            'context (context type outcall) to call its number through'
        )
    return context


def login(agent_row: AgentFeatures) -> None:
    """Log a remote agent in on its external number."""
    number = number_of(agent_row.id)
    if number is None:
        raise InvalidInput(f'agent {agent_row.id} is not a remote agent')
    agent_status.login_external(agent_row, number, outgoing_context_of(agent_row))


def describe(agent_id: int, details: dict) -> events.AgentIdentity:
    """How an agent event names the agent: a remote agent by its external
    number, a local one by the extension it is (was) logged on."""
    number = number_of(agent_id)
    if number is not None:
        return events.AgentIdentity('remote', agent_number=number)
    return events.local_identity(agent_id, details)
