"""What the benchmarks share to run `xivows serve`: a free loopback port, and a
server started on it and waited for (its /healthz answers)."""

import socket
import subprocess
import sys
import time
import urllib.request


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def serve(env, workers):
    """(process, base URL) of `xivows serve` with `workers` workers, once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, '-m', 'xivows.cli', 'serve', '--bind', f'127.0.0.1:{port}']
        + ['--workers', str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f'http://127.0.0.1:{port}'
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + '/healthz', timeout=2)
            return process, base
        except OSError as exc:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError('xivows serve did not start') from exc
            time.sleep(0.2)
