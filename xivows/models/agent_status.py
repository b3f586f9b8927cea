from peewee import AutoField, BooleanField, CharField, DoubleField, IntegerField, TextField

from xivows.models.base import BaseModel


class AgentLoginStatus(BaseModel):
    """A logged agent: where it is logged, since when, paused or not, and the last
    error Asterisk answered when its state was pushed (None when in step)."""

    id = AutoField()
    agent_id = IntegerField(unique=True)
    agent_number = CharField(max_length=40)
    extension = CharField(max_length=40)
    context = CharField(max_length=39)
    interface = CharField(max_length=128)
    state_interface = CharField(max_length=128)
    login_at = IntegerField()
    paused = BooleanField(default=False)
    paused_reason = CharField(max_length=80, null=True)
    ami_error = TextField(null=True)

    class Meta:
        table_name = 'agent_login_status'
        indexes = ((('extension', 'context'), True),)


class AgentSync(BaseModel):
    """Whether Asterisk agrees with the store about one agent. The API bumps
    `version` (and clears `in_sync`) in the transaction that changes the agent's
    desired state; the worker sets `in_sync` only for the version it converged
    (a conditional update), and writes `ami_error` while it cannot."""

    agent_id = IntegerField(unique=True)
    version = IntegerField(default=1)
    in_sync = BooleanField(default=False, index=True)
    ami_error = TextField(null=True)
    checked_at = DoubleField(null=True)

    class Meta:
        table_name = 'agent_sync'


class AgentPresence(BaseModel):
    """Where an agent last logged in (kept after it logs off: the line it goes
    back to) and when its state last changed (login, logoff, pause, unpause)."""

    agent_id = IntegerField(unique=True)
    extension = CharField(max_length=40, null=True)
    context = CharField(max_length=39, null=True)
    changed_at = IntegerField(default=0)

    class Meta:
        table_name = 'agent_presence'
