"""The background worker's own tables: its lease (one active worker among hosts),
wake-up counters, and the requests dialects hand it (AMI writes)."""

from peewee import BigIntegerField, BooleanField, CharField, DoubleField, TextField

from xivows.models.base import BaseModel


class WorkerLease(BaseModel):
    """One row per lease (name `worker`): held by `holder` until `expires_at`
    (epoch seconds); the holder renews it, anyone may take it once expired."""

    name = CharField(max_length=40, unique=True)
    holder = CharField(max_length=200, default='')
    acquired_at = DoubleField(default=0)
    expires_at = DoubleField(default=0)

    class Meta:
        table_name = 'worker_lease'


class WorkerChange(BaseModel):
    """A wake-up counter per topic, bumped in a writing transaction
    (`xivows.worker.changes.bump`): tasks registered with `wake_on=topic` run
    soon after the commit."""

    topic = CharField(max_length=40, unique=True)
    counter = BigIntegerField(default=0)

    class Meta:
        table_name = 'worker_change'


class WorkerRequest(BaseModel):
    """An AMI write a dialect asked for (`xivows.live.requests.ask`): the worker
    claims it (pending -> running), runs it and answers (done/failed), unless its
    deadline passed first (expired)."""

    action = CharField(max_length=40)
    params = TextField(default='{}')  # JSON object
    state = CharField(max_length=10, default='pending', index=True)
    created_at = DoubleField()
    deadline = DoubleField()
    answer = TextField(null=True)  # JSON object
    answered_at = DoubleField(null=True)

    class Meta:
        table_name = 'worker_request'


class WorkerTask(BaseModel):
    """The outcome of the last run of each registered task (shown by /healthz)."""

    name = CharField(max_length=40, unique=True)
    ran_at = DoubleField()
    ok = BooleanField()
    error = TextField(null=True)

    class Meta:
        table_name = 'worker_task'
