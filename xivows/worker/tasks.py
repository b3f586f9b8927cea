"""Tasks other parts of xivows run in the background worker (outbox delivery,
applying generated configuration, purging expired tokens...):

    from xivows.worker import tasks
    tasks.register('outbox', outbox.deliver_due, every=5, wake_on='outbox')

`function()` takes no argument and runs in the active worker only (one among all
hosts), in its main thread, with a database connection open: it opens its own
transactions. It runs every `every` seconds, and soon after a transaction called
`xivows.worker.changes.bump(wake_on)` and committed. An exception is logged and
the task runs again at its next turn."""

from dataclasses import dataclass
from typing import Callable

from xivows.db import database
from xivows.models.worker import WorkerTask


@dataclass
class Task:
    name: str
    function: Callable[[], object]
    every: float | None = None
    wake_on: str | None = None


_registry: dict[str, Task] = {}


def register(name, function, every=None, wake_on=None):
    if every is None and wake_on is None:
        raise ValueError(f'task {name}: give `every` (seconds) and/or `wake_on` (a topic)')
    if every is not None and every <= 0:
        raise ValueError(f'task {name}: `every` must be positive')
    _registry[name] = Task(name, function, every, wake_on)


def unregister(name):
    _registry.pop(name, None)


def registered():
    return list(_registry.values())


def record(name, ran_at, error):
    """Keep the outcome of a run (what /healthz shows); `ran_at`: Unix time."""
    with database.atomic():
        (
            WorkerTask.insert(name=name, ran_at=ran_at, ok=error is None, error=error)
            .on_conflict(
                conflict_target=[WorkerTask.name],
                update={
                    WorkerTask.ran_at: ran_at,
                    WorkerTask.ok: error is None,
                    WorkerTask.error: error,
                },
            )
            .execute()
        )


def outcomes():
    """{task name: {ran_at, ok, error}} of the last run of each task."""
    return {
        row.name: {'ran_at': row.ran_at, 'ok': row.ok, 'error': row.error}
        for row in WorkerTask.select().order_by(WorkerTask.name)
    }
