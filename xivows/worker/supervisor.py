"""`xivows serve` runs the worker as a separate process next to gunicorn
(`WORKER = true`): started before gunicorn, restarted if it dies, stopped (SIGTERM,
then SIGKILL after 10 s) when serve stops. It runs in its own session, so that a
terminal's Ctrl-C reaches serve only, which then stops it; it also stops by itself
if serve disappears."""

import contextlib
import logging
import os
import subprocess
import sys
import threading

logger = logging.getLogger('xivows.worker')


class Supervisor(threading.Thread):
    def __init__(self):
        super().__init__(name='worker-supervisor', daemon=True)
        self.stopping = threading.Event()
        self.process = None

    def _spawn(self):
        # `python -m xivows.worker`: `xivows worker` without Flask and the CLI
        return subprocess.Popen(
            [sys.executable, '-m', 'xivows.worker', '--parent-pid', str(os.getpid())],
            start_new_session=True,
        )

    def run(self):
        delay = 1.0
        while not self.stopping.is_set():
            self.process = self._spawn()
            while self.process.poll() is None and not self.stopping.wait(0.5):
                pass
            if self.stopping.is_set():
                return
            logger.warning(
                'worker exited (%s): restarting in %.0f s', self.process.returncode, delay
            )
            self.stopping.wait(delay)
            delay = min(delay * 2, 30.0)

    def stop(self):
        self.stopping.set()
        process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        self.join(5)


@contextlib.contextmanager
def alongside(settings):
    """The worker runs while the block runs (when the WORKER setting is true)."""
    if not settings['WORKER']:
        yield None
        return
    supervisor = Supervisor()
    supervisor.start()
    try:
        yield supervisor
    finally:
        supervisor.stop()
