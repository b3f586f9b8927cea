"""The worker's pieces in-process: the task registry, the lease, the reconciler's
plan for members it does not own."""
import time

import pytest

from tests.helpers.asterisk import pbx  # noqa: F401 (fixture)
from xivows.models.worker import WorkerLease
from xivows.worker import changes, tasks
from xivows.worker.lease import Lease
from xivows.worker.reconciler import Actual, Member, plan


@pytest.fixture
def registered():
    names = []

    def register(name, function, **kwargs):
        tasks.register(name, function, **kwargs)
        names.append(name)
    yield register
    for name in names:
        tasks.unregister(name)


def test_tasks_run_periodically_and_when_woken(app, registered):
    from xivows.worker.engine import Engine
    ran = {'every': 0, 'woken': 0}
    registered('every', lambda: ran.__setitem__('every', ran['every'] + 1), every=0.05)
    registered('woken', lambda: ran.__setitem__('woken', ran['woken'] + 1), every=3600,
               wake_on='outbox')
    engine = Engine(holder='test')  # no AMI configured: tasks only
    engine.tick()
    assert ran == {'every': 1, 'woken': 1}
    engine.tick()
    assert ran['woken'] == 1
    changes.bump('outbox')
    engine.tick()
    assert ran['woken'] == 2
    time.sleep(0.06)
    engine.tick()
    assert ran['every'] >= 2


def test_a_failing_task_is_logged_and_runs_again(app, registered, caplog):
    from xivows.worker.engine import Engine

    def broken():
        raise RuntimeError('boom')
    registered('broken', broken, every=0.01)
    engine = Engine(holder='test')
    engine.tick()
    time.sleep(0.02)
    engine.tick()
    assert [record.message for record in caplog.records].count('task broken failed') == 2


def test_register_refuses_a_task_that_would_never_run():
    with pytest.raises(ValueError):
        tasks.register('never', lambda: None)


def test_one_lease_holder_and_a_takeover_after_expiry(app):
    first, second = Lease('host-a:1:x', ttl=0.3), Lease('host-b:2:y', ttl=0.3)
    assert first.hold() is True
    assert second.hold() is False
    assert WorkerLease.get().holder == 'host-a:1:x'
    time.sleep(0.35)  # first died: no renewal
    assert second.hold() is True
    first.held_until = 0  # first comes back: it no longer holds it
    assert first.hold() is False
    second.release()
    assert first.hold() is True


def test_members_xivows_does_not_own_are_never_touched():
    actual = Actual()
    for interface in ('PJSIP/bob', 'Local/3000@elsewhere', 'Local/id-x@agentcallback',
                      'Local/id-7@agentcallback'):
        member = Member('support', interface, 'someone', interface)
        actual.members[member.key] = member
    actual.astdb = {('other', '1'): 'x', ('xivows/agent', '7'): 'PJSIP/old'}
    steps = plan({}, {}, actual)
    assert [(step.action, step.headers.get('Interface') or step.headers['Key'])
            for step in steps] == [('QueueRemove', 'Local/id-7@agentcallback'), ('DBDel', '7')]
