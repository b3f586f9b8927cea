"""PostgreSQL: whether the web-service accounts or the failure counts may have
changed, as this process sees it.

A transaction that changes `accesswebservice` or `xivows_auth_failure` notifies
channel `xivows_auth` when it commits (migration 0096). Each process listens on
a connection of its own, outside the pool, and counts generations: a
notification, or the listener lost or opened again, starts a new one.
`generation()` takes in what has arrived on that connection (a read that does
not wait: no round trip) and answers the current generation, or None while the
process is not listening (a listener that could not be opened is tried again
after `RETRY_SECONDS`)."""

import itertools
import logging
import os
import time

from xivows.db import database

CHANNEL = 'xivows_auth'  # (migration 0096)
RETRY_SECONDS = 5.0

logger = logging.getLogger(__name__)
# Generations are numbered for the whole process: a listener opened again, or
# for another database, never answers one that an earlier listener answered.
_numbers = itertools.count(1)


class _Listener:
    __slots__ = ('pid', 'database', 'conn', 'generation', 'retry_at', 'opening')

    def __init__(self, database_):
        self.pid = os.getpid()
        self.database = database_
        self.conn = None
        self.generation = next(_numbers)
        self.retry_at = 0.0
        self.opening = False


_listener = None


def generation():
    """The current generation (notifications taken in), or None when this
    process is not listening."""
    listener = _current()
    if listener.conn is None:
        if listener.opening or time.monotonic() < listener.retry_at:
            return None
        _open(listener)
        if listener.conn is None:
            return None
    try:
        # Twice: a connection ended by the server reads its last message
        # first, and fails only on the next read.
        listener.conn.poll()
        listener.conn.poll()
    except Exception as exc:  # psycopg2's errors, OSError: the listener is lost
        _lost(listener, exc)
        return None
    if listener.conn.notifies:
        listener.conn.notifies.clear()
        listener.generation = next(_numbers)
    return listener.generation


def latest():
    """The generation as last taken in (nothing read), or None when this
    process is not listening."""
    listener = _listener
    if listener is None or listener.conn is None or listener.pid != os.getpid():
        return None
    return listener.generation


def close():
    """Stop listening (the next generation() opens a listener again)."""
    listener = _listener
    if listener is not None and listener.pid == os.getpid() and listener.conn is not None:
        _lost(listener, None)
        listener.retry_at = 0.0


def _current():
    """This process's listener for the bound database (a forked child or
    another database starts a new one: the connection is not theirs)."""
    global _listener
    listener = _listener
    if listener is None or listener.pid != os.getpid() or listener.database is not database.obj:
        if listener is not None and listener.pid == os.getpid():
            close()
        listener = _listener = _Listener(database.obj)
    return listener


def _open(listener):
    listener.opening = True
    try:
        conn = listener.database.unpooled()
        with conn.cursor() as cursor:
            cursor.execute(f'LISTEN {CHANNEL}')
    except Exception as exc:
        logger.warning('not listening for account changes (logins checked each time): %s', exc)
        listener.retry_at = time.monotonic() + RETRY_SECONDS
        return
    finally:
        listener.opening = False
    listener.conn = conn
    listener.generation = next(_numbers)  # nothing accepted before listening counts


def _lost(listener, exc):
    if exc is not None:
        logger.warning('listener of account changes lost: %s', exc)
    conn, listener.conn = listener.conn, None
    listener.generation = next(_numbers)
    listener.retry_at = time.monotonic() + RETRY_SECONDS
    try:
        conn.close()
    except Exception:  # already broken
        pass
