from peewee import prefetch

from xivows.models.outbox import AgentCallback, OutboxAttempt, OutboxEvent


def events(state=None, agent_id=None, limit=100):
    """The newest events first, with their callback and every attempt (three queries)."""
    query = (
        OutboxEvent.select(OutboxEvent, AgentCallback)
        .join(AgentCallback)
        .order_by(OutboxEvent.id.desc())
        .limit(limit)
    )
    if state:
        query = query.where(OutboxEvent.state == state)
    if agent_id is not None:
        query = query.where(AgentCallback.agent == agent_id)
    attempts = OutboxAttempt.select().order_by(OutboxAttempt.id)
    return prefetch(query, attempts)
