"""Wake-up counters: a writing transaction bumps a topic's counter (the row lock
is held until commit, so the worker sees the bump only with the data it goes with);
the worker polls the counters and runs the tasks registered for a topic soon after
the commit (`xivows.worker.tasks.register(..., wake_on=topic)`).

Agent state does not use a counter (one hot row for every request): each agent
has its own version row (`AgentSync`), which the reconciler polls."""

from xivows.models.worker import WorkerChange

RESYNC = 'resync'  # re-read Asterisk's whole state and converge (agentd relog)
# Write transactions, when the generated Asterisk configuration follows them
# (ASTERISK_AUTO_APPLY).
ASTERISK_CONFIG = 'asterisk-config'


def bump(topic):
    (
        WorkerChange.insert(topic=topic, counter=1)
        .on_conflict(
            conflict_target=[WorkerChange.topic],
            update={WorkerChange.counter: WorkerChange.counter + 1},
        )
        .execute()
    )


def counters():
    """{topic: counter} of every topic bumped so far."""
    return dict(WorkerChange.select(WorkerChange.topic, WorkerChange.counter).tuples())
