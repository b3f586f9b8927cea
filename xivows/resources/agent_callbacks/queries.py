from __future__ import annotations

from typing import TYPE_CHECKING

from xivows.models.agent import AgentFeatures
from xivows.models.context import Context
from xivows.models.entity import Entity
from xivows.models.outbox import AgentCallback

if TYPE_CHECKING:
    from peewee import ModelSelect


def agent_of_entity(entity_id: int, agent_id: int) -> AgentFeatures | None:
    """The agent if its context belongs to the entity, else None."""
    return (
        AgentFeatures.select(AgentFeatures)
        .join(Context, on=(Context.name == AgentFeatures.context))
        .join(Entity, on=(Entity.name == Context.entity))
        .where((AgentFeatures.id == agent_id) & (Entity.id == entity_id))
        .first()
    )


def callbacks_of(entity_id: int, agent_id: int) -> ModelSelect:
    return (
        AgentCallback.select()
        .where((AgentCallback.entity == entity_id) & (AgentCallback.agent == agent_id))
        .order_by(AgentCallback.id)
    )


def callback(entity_id: int, agent_id: int, callback_id: int) -> AgentCallback | None:
    return callbacks_of(entity_id, agent_id).where(AgentCallback.id == callback_id).first()
