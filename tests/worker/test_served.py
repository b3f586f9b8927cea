"""End to end: `xivows serve` (gunicorn, 2 workers) with its background worker
against the fake AMI peer, on a database of its own; and two `xivows worker`
processes sharing one store (one active, takeover when it dies)."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import _drop_postgresql_database, _postgresql_database
from tests.helpers.fake_ami import FakeAmi
from tests.helpers.fixtures import make_default_context
from tests.test_serve import _free_port, call
from xivows import db
from xivows.db import database
from xivows.errors import Unavailable
from xivows.models.agent import AgentFeatures
from xivows.models.queue import QueueFeatures, QueueMember
from xivows.models.worker import WorkerLease

USERS = '/service/ipbx/json.php/restricted/pbx_settings/users/'


def _xivows(env, *args):
    return subprocess.run(
        [sys.executable, '-m', 'xivows.cli', *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def _wait(condition, timeout=15.0, what='condition'):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f'timed out waiting for {what}')
        time.sleep(0.05)


class Site:
    """A served database, its fake Asterisk, and helpers to read the store."""

    def __init__(self, url, env, peer):
        self.url, self.env, self.peer = url, env, peer
        self.base = None

    def store(self):
        """Bind this process to the served database (committed reads and writes)."""
        db.bind(self.url)
        database.connect(reuse_if_open=True)
        return database

    def lease_holder(self):
        self.store()
        try:
            row = WorkerLease.get_or_none(WorkerLease.name == 'worker')
            return row.holder if row and row.expires_at >= time.time() else None
        finally:
            database.close()


@pytest.fixture(params=['sqlite', 'postgresql'])
def site(request, tmp_path):
    env = dict(os.environ)
    cleanup = None
    if request.param == 'sqlite':
        url = f'sqlite:///{tmp_path / "served.db"}'
    else:
        base_url = request.getfixturevalue('postgresql_url')
        url, name = _postgresql_database(base_url)
        cleanup = (base_url, name)
    peer = FakeAmi(queues=('support', 'sales'), login_failure_delay=0.05).start()
    env.update(
        {
            'XIVOWS_DATABASE_URL': url,
            'XIVOWS_AMI_HOST': '127.0.0.1',
            'XIVOWS_AMI_PORT': str(peer.port),
            'XIVOWS_AMI_USERNAME': 'xivows',
            'XIVOWS_AMI_SECRET': 'ami-secret',
            'XIVOWS_AMI_TIMEOUT': '1',
            'XIVOWS_WORKER_LEASE_SECONDS': '2',
            'XIVOWS_LOG_LEVEL': 'WARNING',
        }
    )
    _xivows(env, 'db', 'upgrade')
    _xivows(env, 'ws-user', 'add', 'admin', '--password', 'admin-pw', '--all-acl')
    site = Site(url, env, peer)
    site.store()
    with database.atomic():
        make_default_context()
        agent = AgentFeatures.create(number='2312', context='default')
        for name, penalty in (('support', 2), ('sales', 0)):
            QueueFeatures.create(name=name, displayname=name, context='default')
            QueueMember.create(
                queue_name=name,
                interface='Agent/2312',
                penalty=penalty,
                usertype='agent',
                userid=agent.id,
                channel='Agent',
                category='queue',
            )
    site.agent_id = agent.id
    database.close()
    yield site
    peer.stop()
    if cleanup:
        db.open_database(url).close_all()  # this process's pool, before the drop
        _drop_postgresql_database(*cleanup)


def _serve(site):
    port = _free_port()
    log = os.environ.get('XIVOWS_TEST_SERVE_LOG')  # to read what serve and its worker say
    with open(log or os.devnull, 'a') as stderr:
        process = subprocess.Popen(
            [
                sys.executable,
                '-m',
                'xivows.cli',
                'serve',
                '--bind',
                f'127.0.0.1:{port}',
                '--workers',
                '2',
            ],
            env=site.env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    site.base = f'http://127.0.0.1:{port}'
    _wait(lambda: process.poll() is not None or _healthy(site.base), 30, 'xivows serve')
    assert process.poll() is None, 'xivows serve died'
    return process


def _healthy(base):
    try:
        return call(base, '/healthz', login=None)[0] == 200
    except OSError:
        return False


@pytest.fixture
def served(site):
    process = _serve(site)
    status, _, body = call(
        site.base,
        USERS + '?act=add',
        json.dumps(
            {
                'userfeatures': {'firstname': 'Desk', 'entityid': 1},
                'linefeatures': {'protocol': ['sip'], 'context': ['default'], 'number': ['1001']},
            }
        ).encode(),
        password='admin-pw',
    )
    assert status == 200, body
    yield site
    process.terminate()
    process.wait(30)


def agentd(site, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else (b'' if method == 'POST' else None)
    status, _, answer = call(site.base, '/1.0' + path, data, password='admin-pw')
    return status, (json.loads(answer) if answer else None)


def agent_status(site):
    return agentd(site, 'GET', f'/agents/{site.agent_id}/status')[1]


def test_the_worker_converges_reports_and_answers_requests(served):
    interface = f'Local/id-{served.agent_id}@agentcallback'
    assert (
        agentd(
            served,
            'POST',
            f'/agents/{served.agent_id}/login',
            {'extension': '1001', 'context': 'default'},
        )[0]
        == 204
    )
    _wait(lambda: agent_status(served)['in_sync'], what='in sync')
    member = served.peer.member('support', interface)
    assert member['StateInterface'].startswith('PJSIP/') and member['Penalty'] == '2'
    health = json.loads(call(served.base, '/healthz', login=None)[2])
    assert health['worker']['active'] is True
    assert health['worker']['ami']['connected'] is True
    # a dialect's write through the worker
    served.peer.new_channel('PJSIP/alice-00000001')
    from xivows.live import queries, requests

    served.store()
    try:
        _wait(lambda: queries.channel('PJSIP/alice-00000001'), what='live channel')
        queries.require_fresh()
        answer = requests.ask('hangup', channel='PJSIP/alice-00000001')
        assert (answer.ok, answer.message) == (True, 'Channel Hungup')
        assert 'PJSIP/alice-00000001' not in served.peer.channels
        answer = requests.ask('hangup', channel='PJSIP/nope-00000000')
        assert (answer.ok, answer.message) == (False, 'No such channel')
        served.peer.stop()
        _wait(lambda: not queries.connection().connected, what='disconnection seen')
        with pytest.raises(Unavailable, match='Asterisk not connected'):
            requests.ask('module_reload', module='app_queue.so')
        with pytest.raises(Unavailable):
            queries.require_fresh()
    finally:
        database.close()


def _in_sync(view):
    return view if view['in_sync'] else None


def test_parallel_pause_unpause_ends_in_agreement_every_round(served):
    """Point 1: 100 rounds of 50 parallel pause/unpause calls (2 gunicorn workers);
    after each round the worker brings Asterisk to the store's last state."""
    interface = f'Local/id-{served.agent_id}@agentcallback'
    agentd(
        served,
        'POST',
        f'/agents/{served.agent_id}/login',
        {'extension': '1001', 'context': 'default'},
    )
    _wait(lambda: agent_status(served)['in_sync'], what='in sync')
    rng = random.Random(10)

    def act(reason):
        if reason is None:
            return agentd(served, 'POST', '/agents/by-number/2312/unpause')[0]
        return agentd(served, 'POST', '/agents/by-number/2312/pause', {'reason': reason})[0]

    with ThreadPoolExecutor(50) as pool:
        for _ in range(int(os.environ.get('XIVOWS_TEST_RACE_ROUNDS', 100))):
            reasons = [rng.choice([None, 'lunch', 'break', 'training']) for _ in range(50)]
            assert set(pool.map(act, reasons)) == {204}
            view = _wait(lambda: _in_sync(agent_status(served)), what='in sync after a round')
            for queue in ('support', 'sales'):
                member = served.peer.member(queue, interface)
                assert (member['Paused'] == '1', member['PausedReason']) == (
                    view['paused'],
                    view['paused_reason'] or '',
                )


def test_a_hung_asterisk_never_stalls_the_requests(site):
    """Point 2: an AMI that accepts TCP and never answers: every request answers
    (agent calls and json.php) and the status tells why Asterisk differs."""
    site.peer.hang_connect = True
    process = _serve(site)
    try:
        status, _, _ = call(
            site.base,
            USERS + '?act=add',
            json.dumps(
                {
                    'userfeatures': {'firstname': 'Desk', 'entityid': 1},
                    'linefeatures': {
                        'protocol': ['sip'],
                        'context': ['default'],
                        'number': ['1001'],
                    },
                }
            ).encode(),
            password='admin-pw',
        )
        assert status == 200
        assert (
            agentd(
                site,
                'POST',
                f'/agents/{site.agent_id}/login',
                {'extension': '1001', 'context': 'default'},
            )[0]
            == 204
        )
        assert agentd(site, 'POST', '/agents/all/relog')[0] == 204
        assert call(site.base, USERS + '?act=list', password='admin-pw')[0] == 200
        view = _wait(
            lambda: (lambda view: view if view['ami_error'] else None)(agent_status(site)),
            what='ami_error',
        )
        assert 'no banner' in view['ami_error'] and view['in_sync'] is False
    finally:
        process.terminate()
        process.wait(30)


def test_serve_stops_its_worker(site):
    process = _serve(site)
    holder = _wait(site.lease_holder, what='an active worker')
    pid = int(holder.split(':')[1])
    os.kill(pid, 0)  # running
    process.terminate()
    process.wait(30)
    _wait(lambda: not _alive(pid), 10, 'the worker to stop')
    assert site.lease_holder() is None  # released on the way out


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_one_active_worker_and_a_takeover_when_it_dies(site):
    workers = [
        subprocess.Popen(
            [sys.executable, '-m', 'xivows.cli', 'worker'],
            env=site.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    try:
        holder = _wait(site.lease_holder, what='an active worker')
        active = next(worker for worker in workers if worker.pid == int(holder.split(':')[1]))
        _wait(lambda: len(site.peer._sessions) == 1, what='the AMI session')
        time.sleep(0.5)
        assert len(site.peer._sessions) == 1  # the standby does not connect
        active.send_signal(signal.SIGKILL)
        active.wait(10)
        new = _wait(
            lambda: (lambda now: now if now and now != holder else None)(site.lease_holder()),
            15,
            'a takeover',
        )
        assert int(new.split(':')[1]) in [worker.pid for worker in workers if worker is not active]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
                worker.wait(15)
