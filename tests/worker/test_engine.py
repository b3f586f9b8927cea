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
    registered(
        'woken', lambda: ran.__setitem__('woken', ran['woken'] + 1), every=3600, wake_on='outbox'
    )
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
    for interface in (
        'PJSIP/bob',
        'Local/3000@elsewhere',
        'Local/id-x@agentcallback',
        'Local/id-7@agentcallback',
    ):
        member = Member('support', interface, 'someone', interface)
        actual.members[member.key] = member
    actual.astdb = {('other', '1'): 'x', ('xivows/agent', '7'): 'PJSIP/old'}
    steps = plan({}, {}, actual)
    assert [
        (step.action, step.headers.get('Interface') or step.headers['Key']) for step in steps
    ] == [('QueueRemove', 'Local/id-7@agentcallback'), ('DBDel', '7')]


def test_migration_0015_moves_sip_agents_to_pjsip(app):
    import importlib

    from xivows.models.agent_status import AgentLoginStatus, AgentSync

    AgentLoginStatus.create(
        agent_id=41,
        agent_number='41',
        extension='1041',
        context='default',
        interface='Local/id-41@agentcallback',
        state_interface='SIP/abc',
        login_at=1,
    )
    AgentLoginStatus.create(
        agent_id=42,
        agent_number='42',
        extension='1042',
        context='default',
        interface='Local/id-42@agentcallback',
        state_interface='SCCP/42',
        login_at=1,
    )
    module = importlib.import_module('xivows.migrations.versions.0015_agent_state_interface_pjsip')
    module.upgrade(None, None)
    assert [
        row.state_interface
        for row in AgentLoginStatus.select().order_by(AgentLoginStatus.agent_id)
    ] == ['PJSIP/abc', 'SCCP/42']
    assert {row.agent_id: row.in_sync for row in AgentSync.select()} == {41: False, 42: False}


def test_without_an_ami_logged_agents_say_why_they_are_not_in_sync(app):
    from xivows.models.agent_status import AgentLoginStatus, AgentSync
    from xivows.worker.engine import Engine

    AgentLoginStatus.create(
        agent_id=43,
        agent_number='43',
        extension='1043',
        context='default',
        interface='Local/id-43@agentcallback',
        state_interface='PJSIP/x',
        login_at=1,
    )
    AgentSync.create(agent_id=43, in_sync=False)
    Engine(holder='test').tick()
    assert (
        AgentSync.get(AgentSync.agent_id == 43).ami_error
        == 'Asterisk unreachable: no AMI configured (AMI_HOST)'
    )


def test_without_an_ami_agents_logged_later_say_why_too(app):
    from xivows.models.agent_status import AgentLoginStatus, AgentSync
    from xivows.resources.agent_status.service import mark_changed
    from xivows.worker.engine import Engine

    engine = Engine(holder='test')
    engine.tick()
    AgentLoginStatus.create(
        agent_id=44,
        agent_number='44',
        extension='1044',
        context='default',
        interface='Local/id-44@agentcallback',
        state_interface='PJSIP/y',
        login_at=1,
    )
    mark_changed(44)
    engine.tick()
    assert (
        AgentSync.get(AgentSync.agent_id == 44).ami_error
        == 'Asterisk unreachable: no AMI configured (AMI_HOST)'
    )
