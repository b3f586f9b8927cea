"""What the seed-003 API adds to agents and queues: remote agents (an agent that
logs in on an external number), the per-agent parameters that API stores, and
the tier rules of queues. Each row belongs to its agent or queue and goes with it
(ON DELETE CASCADE), whichever API deletes it."""

from peewee import BooleanField, CharField, ForeignKeyField, IntegerField, TextField

from xivows.models.agent import AgentFeatures
from xivows.models.base import BaseModel
from xivows.models.extension import Extension
from xivows.models.queue import QueueFeatures


class RemoteAgent(BaseModel):
    """An agent reached on an external number (`number`) through its entity's
    outgoing routes instead of a phone of the installation."""

    agent = ForeignKeyField(
        AgentFeatures, column_name='agent_id', unique=True, on_delete='CASCADE'
    )
    number = CharField(max_length=40)

    class Meta:
        table_name = 'agent_remote'


class AgentSettings(BaseModel):
    """Per-agent parameters of the seed-003 API: the extension a local agent logs
    on (an `extensions` row id) and timing parameters (seconds) kept as given."""

    agent = ForeignKeyField(
        AgentFeatures, column_name='agent_id', unique=True, on_delete='CASCADE'
    )
    # Forgotten when the extension goes (its phone was deleted by any API).
    extension = ForeignKeyField(
        Extension, column_name='extension_id', null=True, on_delete='SET NULL'
    )
    busy_delay_time = IntegerField(default=0)
    call_timeout = IntegerField(default=0)
    no_answer_delay_time = IntegerField(default=0)
    reject_delay_time = IntegerField(default=0)
    wrap_up_time = IntegerField(default=0)
    extra_params = TextField(null=True)

    class Meta:
        table_name = 'agent_settings'


class QueueTierRule(BaseModel):
    """A queue's tier rule: the next penalty level is called `wait_second`
    seconds after the previous one (times the level when `multiply_level`). It
    applies while the queue's `defaultrule` names it (`tier_rules.rule_name`)."""

    queue = ForeignKeyField(
        QueueFeatures, column_name='queue_id', unique=True, on_delete='CASCADE'
    )
    wait_second = IntegerField(default=0)
    multiply_level = BooleanField(default=False)

    class Meta:
        table_name = 'queue_tier_rule'

    @staticmethod
    def rule_name(queue_id):
        """The queuerules.conf rule of a queue's tier rule (its `defaultrule`)."""
        return f'tiers-{queue_id}'
