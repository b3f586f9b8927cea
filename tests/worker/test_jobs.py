"""The worker's own tasks: what is registered, their outcomes in /healthz, the
outbox woken by a queued event, the Asterisk configuration applied after writes."""

import pytest

from tests.helpers.asterisk import pbx  # noqa: F401 (fixture)
from xivows import settings, transaction
from xivows.models.worker import WorkerChange
from xivows.worker import changes, jobs, tasks


@pytest.fixture
def clean_registry():
    before = {task.name: task for task in tasks.registered()}
    yield
    for task in tasks.registered():
        if task.name not in before:
            tasks.unregister(task.name)


def test_what_the_worker_runs(app, clean_registry, monkeypatch):
    monkeypatch.setitem(settings._current, 'ASTERISK_AUTO_APPLY', False)
    jobs.register_all()
    names = {task.name: task for task in tasks.registered()}
    assert names['outbox'].wake_on == 'outbox' and 'purge' in names
    assert changes.ASTERISK_CONFIG not in names
    monkeypatch.setitem(settings._current, 'ASTERISK_AUTO_APPLY', True)
    jobs.register_all()
    assert {task.name: task for task in tasks.registered()}[
        changes.ASTERISK_CONFIG
    ].wake_on == changes.ASTERISK_CONFIG


def _counter(topic):
    row = WorkerChange.get_or_none(WorkerChange.topic == topic)
    return row.counter if row else 0


def test_writes_wake_the_configuration_task_only_when_it_follows_them(app, monkeypatch):
    monkeypatch.setitem(settings._current, 'ASTERISK_AUTO_APPLY', False)
    with app.app_context():
        transaction.run(lambda: None)
        assert _counter(changes.ASTERISK_CONFIG) == 0
        monkeypatch.setitem(settings._current, 'ASTERISK_AUTO_APPLY', True)
        transaction.run(lambda: None)
        transaction.run_read(lambda: None)  # reads never
        assert _counter(changes.ASTERISK_CONFIG) == 1


def test_task_outcomes_are_shown_by_healthz(app, client, clean_registry):
    from xivows.worker.engine import Engine

    def broken():
        raise RuntimeError('pjsip.conf: permission denied')

    tasks.register('fine', lambda: None, every=60)
    tasks.register('broken', broken, every=60)
    Engine(holder='test').tick()
    shown = client.get('/healthz').get_json()['worker']['tasks']
    assert shown['fine']['ok'] is True and shown['fine']['error'] is None
    assert shown['fine']['ran_at'] > 1_600_000_000  # Unix time
    assert shown['broken'] == {
        'ok': False,
        'ran_at': shown['broken']['ran_at'],
        'error': 'RuntimeError: pjsip.conf: permission denied',
    }


def test_healthz_says_when_a_task_ran_in_unix_time(app, client, clean_registry, pbx):
    """A client compares `ran_at` with its own clock ("did the configuration apply
    after my write?"): it is UNIX time, not the worker's monotonic clock."""
    import time

    tasks.register('fine', lambda: None, every=60)
    before = time.time()
    pbx.engine.tick()  # connected to the fake Asterisk, then the tasks
    after = time.time()
    assert pbx.client.connected()
    assert (
        before <= client.get('/healthz').get_json()['worker']['tasks']['fine']['ran_at'] <= after
    )


def test_a_reload_missed_during_an_outage_is_done_soon_after(
    app, clean_registry, monkeypatch, tmp_path
):
    """Found on a real Asterisk: a line added while the AMI was down was written,
    its reload failed, and nothing reloaded it once the AMI was back (the files
    were up to date, the task's next period was 5 minutes away): it never
    registered. The failed task runs again within seconds and reloads what is
    left."""
    import time

    from tests.asterisk.test_apply import ReloadingAmi
    from tests.helpers.fixtures import make_default_context
    from xivows.worker import engine as engine_module

    peer = ReloadingAmi().start()
    for key, value in (
        ('ASTERISK_AUTO_APPLY', True),
        ('ASTERISK_CONFIG_DIR', str(tmp_path)),
        ('AMI_HOST', '127.0.0.1'),
        ('AMI_PORT', peer.port),
        ('AMI_USERNAME', peer.username),
        ('AMI_SECRET', peer.secret),
        ('AMI_TIMEOUT', 1.0),
    ):
        monkeypatch.setitem(settings._current, key, value)
    monkeypatch.setattr(engine_module, 'TASK_RETRY_SECONDS', 0.05)
    jobs.register_all()
    engine = engine_module.Engine(holder='test')
    try:
        engine.tick()  # connected; the first apply writes and reloads everything
        assert tasks.outcomes()[changes.ASTERISK_CONFIG]['ok'] is True
        peer.stop()
        make_default_context()  # a write: the dial plan changes
        changes.bump(changes.ASTERISK_CONFIG)
        engine.tick()
        outcome = tasks.outcomes()[changes.ASTERISK_CONFIG]
        assert outcome['ok'] is False and 'did not reload' in outcome['error']
        peer.start()
        before = len(peer.received('Reload'))
        deadline = time.monotonic() + 5
        while tasks.outcomes()[changes.ASTERISK_CONFIG]['ok'] is False:
            assert time.monotonic() < deadline, 'the reload was not retried'
            time.sleep(0.06)
            engine.tick()
        assert [action['Module'] for action in peer.received('Reload')[before:]] == [
            'pbx_config.so'
        ]
    finally:
        engine.stop()
        peer.stop()
