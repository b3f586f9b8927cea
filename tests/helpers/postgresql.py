"""A throwaway PostgreSQL server for the test session, started from the Debian
`postgresql` package's binaries in a temporary directory (as the unprivileged
`postgres` user when the tests run as root: PostgreSQL refuses root) and
stopped when the session ends."""

import glob
import os
import shutil
import socket
import subprocess
import tempfile


class Unavailable(Exception):
    pass


def _binaries():
    found = sorted(
        glob.glob('/usr/lib/postgresql/*/bin/initdb'),
        key=lambda path: [int(part) for part in path.split('/')[4].split('.') if part.isdigit()],
    )
    if not found:
        raise Unavailable(
            'PostgreSQL server binaries not found: apt-get install postgresql, '
            'or set XIVOWS_TEST_POSTGRESQL_URL (or to "skip")'
        )
    return os.path.dirname(found[-1])


def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


class ThrowawayServer:
    def __init__(self):
        self.bin = _binaries()
        self.dir = tempfile.mkdtemp(prefix='xivows-pg.')
        self.run_as = []
        if os.getuid() == 0:
            if subprocess.run(['id', '-u', 'postgres'], capture_output=True).returncode:
                subprocess.run(['useradd', '--system', '--no-create-home', 'postgres'], check=True)
            shutil.chown(self.dir, 'postgres')
            self.run_as = ['runuser', '-u', 'postgres', '--']
        self.port = _free_port()

    def _run(self, *args):
        subprocess.run(self.run_as + list(args), check=True, stdout=subprocess.DEVNULL)

    def start(self):
        self._run(
            f'{self.bin}/initdb',
            '-D',
            self._data,
            '-U',
            'xivows',
            '--auth=trust',
            '-E',
            'UTF8',
            '--locale=C.UTF-8',
        )
        self.resume()
        return f'postgresql://xivows@127.0.0.1:{self.port}/postgres'

    @property
    def _data(self):
        return os.path.join(self.dir, 'data')

    def resume(self):
        """Start the server (again) on its data directory."""
        options = (
            f'-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off '
            '-c synchronous_commit=off -c full_page_writes=off -c max_connections=200'
        )
        self._run(
            f'{self.bin}/pg_ctl',
            '-D',
            self._data,
            '-l',
            os.path.join(self.dir, 'log'),
            '-w',
            '-t',
            '60',
            '-o',
            options,
            'start',
        )

    def halt(self):
        """Stop the server, keeping its data (an outage, for fault tests)."""
        self._run(f'{self.bin}/pg_ctl', '-D', self._data, '-m', 'fast', '-w', '-t', '60', 'stop')

    def stop(self):
        subprocess.run(
            self.run_as + [f'{self.bin}/pg_ctl', '-D', self._data, '-m', 'immediate', 'stop'],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(self.dir, ignore_errors=True)
