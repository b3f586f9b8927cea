"""The worker process's loop: hold the lease (else stand by), tick the engine."""

import logging
import os
import socket
import uuid

from peewee import PeeweeException

from xivows import settings
from xivows.db import database
from xivows.worker import jobs
from xivows.worker.engine import Engine
from xivows.worker.lease import Lease, LeaseLost

logger = logging.getLogger('xivows.worker')

LOG_FORMAT = '%(asctime)s worker[%(process)d] %(levelname)s %(name)s: %(message)s'
POLL_SECONDS = 0.05  # how soon a committed change is seen (SQLite and PostgreSQL)


def identity():
    return f'{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}'


def run(stop, holder=None, parent_pid=None):
    """Until `stop` (a threading.Event) is set, or the parent process is gone."""
    holder = holder or identity()
    jobs.register_all()
    lease = Lease(holder, settings.get('WORKER_LEASE_SECONDS'))
    engine = None
    logger.info('worker %s started', holder)
    try:
        while not stop.is_set():
            if parent_pid and os.getppid() != parent_pid:
                logger.warning('parent process gone: stopping')
                break
            try:
                database.connect(reuse_if_open=True)
                if lease.hold():
                    if engine is None:
                        logger.info('worker %s active (lease held)', holder)
                        engine = Engine(keep_alive=lease.keep_alive, holder=holder)
                    engine.tick()
                elif engine is not None:
                    logger.warning('lease lost: standing by')
                    engine.stop()
                    engine = None
            except LeaseLost:
                logger.warning('lease lost during work: standing by')
                if engine is not None:
                    engine.stop()
                    engine = None
            except PeeweeException as exc:
                logger.warning('database: %s', exc)
                _reset_connection()
                stop.wait(1.0)
            stop.wait(POLL_SECONDS)
    finally:
        if engine is not None:
            engine.stop()
        try:
            lease.release()
        except PeeweeException:
            pass
        _reset_connection()
        logger.info('worker %s stopped', holder)


def _reset_connection():
    try:
        if database.in_transaction():
            database.rollback()
        database.close()
    except PeeweeException:
        pass
