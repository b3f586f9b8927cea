from peewee import CharField, DoubleField, ForeignKeyField, IntegerField, TextField

from xivows.models.agent import AgentFeatures
from xivows.models.base import BaseModel
from xivows.models.entity import Entity


class AgentCallback(BaseModel):
    """An HTTP callback an entity's application subscribed for one agent's events."""

    entity = ForeignKeyField(Entity, column_name='entity_id', on_delete='CASCADE')
    agent = ForeignKeyField(AgentFeatures, column_name='agent_id', on_delete='CASCADE')
    url = CharField(max_length=2048)
    event_type = CharField(max_length=16)  # agent-login, agent-logout
    method = CharField(max_length=8)  # GET, POST
    created_at = IntegerField()

    class Meta:
        table_name = 'agent_callback'
        indexes = ((('agent', 'event_type'), False),)


class OutboxEvent(BaseModel):
    """One event to deliver to one callback, written in the transaction of the change
    that caused it. Delivered in id order per callback."""

    uuid = CharField(max_length=36, unique=True)  # X-Event-Id
    callback = ForeignKeyField(AgentCallback, column_name='callback_id', on_delete='CASCADE')
    event_type = CharField(max_length=16)
    payload = TextField()  # JSON list of [name, value]: the form fields, in order
    state = CharField(max_length=16, default='pending')  # pending, delivered, failed
    created_at = DoubleField()
    next_attempt_at = DoubleField()
    lease_until = DoubleField(null=True)  # a deliverer is sending it until then
    attempts = IntegerField(default=0)
    finished_at = DoubleField(null=True)
    last_error = TextField(null=True)

    class Meta:
        table_name = 'outbox_event'
        indexes = ((('state', 'callback', 'id'), False), (('state', 'finished_at'), False))


class OutboxAttempt(BaseModel):
    """One delivery attempt of an event and what came of it."""

    event = ForeignKeyField(
        OutboxEvent, column_name='event_id', on_delete='CASCADE', backref='attempt_rows'
    )
    started_at = DoubleField()
    duration = DoubleField()
    status_code = IntegerField(null=True)
    error = TextField(null=True)
    outcome = CharField(max_length=16)  # delivered, retry, failed

    class Meta:
        table_name = 'outbox_attempt'
