"""A real `xivows serve` (gunicorn master and workers) on a loopback port, on a
store of its own, for end-to-end, slow-client and fault tests. Every wait is
bounded; the process group is killed when the test ends."""

import base64
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

ADMIN = ('admin', 'admin-pw')


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def xivows(env, *args, check=True):
    return subprocess.run(
        [sys.executable, '-m', 'xivows.cli', *args],
        env=env,
        check=check,
        capture_output=True,
        text=True,
        timeout=60,
    )


def prepare(database_url, wizard=False, **settings):
    """The environment of a server on `database_url` with user admin (every ACL)."""
    env = dict(os.environ)
    env['XIVOWS_DATABASE_URL'] = database_url
    env.update({f'XIVOWS_{key}': str(value) for key, value in settings.items()})
    commands = [
        ['db', 'upgrade', *(['--wizard'] if wizard else [])],
        ['ws-user', 'add', ADMIN[0], '--password', ADMIN[1], '--all-acl'],
    ]
    # Both commands in one process (one interpreter start and import instead of two).
    script = (
        'import sys; from xivows.cli import main\n'
        f'for args in {commands!r}: main(args, prog_name="xivows", standalone_mode=False)'
    )
    subprocess.run(
        [sys.executable, '-c', script], env=env, check=True, capture_output=True, timeout=60
    )
    return env


class Server:
    def __init__(self, env, workers=2, preexec_fn=None):
        self.env, self.workers, self.preexec_fn = env, workers, preexec_fn
        self.port = free_port()
        self.base = f'http://127.0.0.1:{self.port}'
        self.process = None

    def start(self, timeout=30):
        # XIVOWS_TEST_SERVE_LOG: a file to read what serve and its worker say.
        with open(os.environ.get('XIVOWS_TEST_SERVE_LOG') or os.devnull, 'a') as stderr:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    '-m',
                    'xivows.cli',
                    'serve',
                    '--bind',
                    f'127.0.0.1:{self.port}',
                    '--workers',
                    str(self.workers),
                ],
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                start_new_session=True,
                preexec_fn=self.preexec_fn,
            )
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(self.base + '/healthz', timeout=2)
                if len(self.worker_pids()) == self.workers:
                    return self
            except OSError:
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise RuntimeError('xivows serve did not start')
            time.sleep(0.2)

    def worker_pids(self):
        path = f'/proc/{self.process.pid}/task/{self.process.pid}/children'
        try:
            with open(path) as stream:
                return [int(pid) for pid in stream.read().split()]
        except OSError:
            return []

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except OSError:
            pass
        self.process.wait(timeout=15)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def call(self, path, document=None, auth=ADMIN, timeout=10, raw=None, headers=None):
        """(status, headers, body bytes); body as JSON text when `document` is given."""
        data = (
            raw
            if raw is not None
            else (None if document is None else json.dumps(document).encode())
        )
        request = urllib.request.Request(self.base + path, data=data)
        if auth:
            token = base64.b64encode(f'{auth[0]}:{auth[1]}'.encode()).decode()
            request.add_header('Authorization', f'Basic {token}')
        if data is not None:
            request.add_header('Content-Type', 'application/json')
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()
