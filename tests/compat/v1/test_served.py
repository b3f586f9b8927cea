"""End to end: `xivows serve` (gunicorn, its background worker) against the fake
Asterisk: the writes of /v1 (hangup, module load/reload/unload) reach Asterisk
through the worker and answer once it did; Asterisk hung or down answers 503
within the bound; the token never reaches the access log."""

import base64
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import _drop_postgresql_database, _postgresql_database
from tests.helpers.fake_ami import FakeAmi
from tests.helpers.served import free_port
from xivows import db

AMI_TIMEOUT = 1.0
BOUND = AMI_TIMEOUT + 2.0  # xivows.live.requests: the worker's AMI timeout and a margin


def _wait(condition, timeout=20.0, what='condition'):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f'timed out waiting for {what}')
        time.sleep(0.05)


class Site:
    def __init__(self, base, peer, log_path):
        self.base, self.peer, self.log_path = base, peer, log_path
        self.token = None

    def call(self, method, path, auth=None, token=True, body=None):
        query = ''
        if token:
            query = ('&' if '?' in path else '?') + f'authtoken={self.token}'
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.base + '/v1' + path + query, data=data, method=method
        )
        if auth:
            encoded = base64.b64encode(f'{auth[0]}:{auth[1]}'.encode()).decode()
            request.add_header('Authorization', f'Basic {encoded}')
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def fresh(self):
        return self.call('GET', '/admin/core/channels')[0] == 200


@pytest.fixture(scope='module', params=['sqlite', 'postgresql'])
def site(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp('v1served')
    cleanup = None
    if request.param == 'sqlite':
        url = f'sqlite:///{tmp / "served.db"}'
    else:
        base_url = request.getfixturevalue('postgresql_url')
        url, name = _postgresql_database(base_url)
        cleanup = (base_url, name)
    peer = FakeAmi(queues=('support',), login_failure_delay=0.05).start()
    env = dict(
        os.environ,
        XIVOWS_DATABASE_URL=url,
        XIVOWS_AMI_HOST='127.0.0.1',
        XIVOWS_AMI_PORT=str(peer.port),
        XIVOWS_AMI_USERNAME='xivows',
        XIVOWS_AMI_SECRET='ami-secret',
        XIVOWS_AMI_TIMEOUT=str(AMI_TIMEOUT),
        XIVOWS_WORKER_LEASE_SECONDS='2',
        XIVOWS_CONFIG='',
    )
    subprocess.run(
        [sys.executable, '-m', 'xivows.cli', 'db', 'upgrade'],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    subprocess.run(
        [
            sys.executable,
            '-m',
            'xivows.cli',
            'ws-user',
            'add',
            'admin',
            '--password',
            'admin-pw',
            '--all-acl',
        ],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    port = free_port()
    log_path = tmp / 'serve.log'
    with open(log_path, 'wb') as log:
        process = subprocess.Popen(
            [
                sys.executable,
                '-m',
                'xivows.cli',
                'serve',
                '--bind',
                f'127.0.0.1:{port}',
                '--workers',
                '1',
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    site = Site(f'http://127.0.0.1:{port}', peer, log_path)
    try:
        _, answer = _wait(lambda: _login(site), 30, 'xivows serve')
        site.token = answer['result']['authtoken']
        _wait(site.fresh, what='live state')
        yield site
    finally:
        process.terminate()
        process.wait(30)
        peer.stop()
        if cleanup:
            db.open_database(url).close_all()
            _drop_postgresql_database(*cleanup)


def _login(site):
    try:
        return site.call('POST', '/admin/login', auth=('admin', 'admin-pw'), token=False)
    except OSError:
        return None


def _uniqueid(site, channel):
    status, answer = site.call('GET', '/admin/core/channels')
    found = [item for item in answer['result']['list'] if item['channel'] == channel]
    return found[0]['unique_id'] if status == 200 and found else None


def test_hangup_reaches_asterisk(site):
    site.peer.new_channel('PJSIP/alice-00000001', state='6')
    uniqueid = _wait(lambda: _uniqueid(site, 'PJSIP/alice-00000001'), what='the channel')
    status, answer = site.call('DELETE', f'/admin/core/channels/{uniqueid}')
    assert (status, answer['statuscode'], 'result' in answer) == (200, 200, False)
    assert 'PJSIP/alice-00000001' not in site.peer.channels
    assert site.peer.received('Hangup')[-1]['Channel'] == 'PJSIP/alice-00000001'
    _wait(
        lambda: site.call('GET', f'/admin/core/channels/{uniqueid}')[0] == 404,
        what='the hangup event',
    )
    status, answer = site.call('DELETE', '/admin/core/channels/1.1')
    assert status == 404 and answer['result']['message'] == 'no such channel: 1.1'


def test_a_parked_call_is_hung_up(site):
    site.peer.new_channel('Local/700@default-00000001;2', state='6')
    site.peer.park('Local/700@default-00000001;2')

    def parked():
        status, answer = site.call('GET', '/admin/park/parkedcalls')
        calls = answer['result']['list'] if status == 200 else []
        return calls[0]['parkee_unique_id'] if calls else None

    uniqueid = _wait(parked, what='the parked call')
    assert site.call('DELETE', f'/admin/park/parkedcalls/{uniqueid}')[0] == 200
    assert 'Local/700@default-00000001;2' not in site.peer.parked
    _wait(lambda: parked() is None, what='the hangup event')


def test_modules_are_loaded_reloaded_unloaded(site):
    def names():
        return [
            item['name'] for item in site.call('GET', '/admin/core/modules')[1]['result']['list']
        ]

    assert 'app_voicemail' in names()
    assert site.call('DELETE', '/admin/core/modules/app_voicemail')[0] == 200
    assert 'app_voicemail' not in names()  # re-read before the answer
    assert site.call('POST', '/admin/core/modules/app_voicemail')[0] == 200
    assert 'app_voicemail' in names()
    assert site.call('PUT', '/admin/core/modules/app_queue')[0] == 200
    assert site.peer.received('ModuleLoad')[-1] == {
        'Action': 'ModuleLoad',
        'ActionID': site.peer.received('ModuleLoad')[-1]['ActionID'],
        'LoadType': 'reload',
        'Module': 'app_queue.so',
    }
    status, answer = site.call('POST', '/admin/core/modules/app_nope')
    assert status == 404 and 'Module not found.' in answer['result']['message']
    status, answer = site.call('POST', '/admin/core/modules/Bad..Name')
    assert status == 400 and answer['result']['message'].startswith('module: not a module name')


def test_a_hung_then_down_asterisk_is_a_503_within_the_bound(site):
    _wait(site.fresh, what='live state')
    site.peer.new_channel('PJSIP/bob-00000002', state='6')
    uniqueid = _wait(lambda: _uniqueid(site, 'PJSIP/bob-00000002'), what='the channel')
    site.peer.hang = {'Hangup'}
    try:
        started = time.monotonic()
        status, answer = site.call('DELETE', f'/admin/core/channels/{uniqueid}')
        elapsed = time.monotonic() - started
        assert status == 503 and answer['statuscode'] == 503, answer
        assert answer['result']['message'].startswith('Asterisk')
        assert elapsed < BOUND + 1.5, elapsed
    finally:
        site.peer.hang = set()
    _wait(site.fresh, what='the worker back')
    site.peer.stop()
    try:
        _wait(lambda: site.call('GET', '/admin/queue/queues')[0] == 503, what='503')
        status, answer = site.call('GET', '/admin/queue/queues')
        assert answer['result']['message'].startswith(
            'live state unavailable: Asterisk not connected'
        )
        started = time.monotonic()
        status, answer = site.call('POST', '/admin/core/modules/app_voicemail')
        assert status == 503 and time.monotonic() - started < BOUND + 1.5
    finally:
        site.peer.start()
    _wait(site.fresh, what='the worker back')


def test_the_token_never_reaches_the_access_log(site):
    site.call('GET', '/admin/info')
    _wait(lambda: '/v1/admin/info?' in site.log_path.read_text(), what='the access log line')
    text = site.log_path.read_text()
    assert '/v1/admin/info?authtoken=[redacted]' in text
    assert site.token not in text
