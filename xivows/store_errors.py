"""Database faults as service errors: an unreachable, restarting or busy database
is 503 (Unavailable), a store that cannot grow (disk full, file size limit) is
507 (InsufficientStorage), each with a reason. Other database errors are bugs and
stay what they are (500).

The reasons shown to clients are generic (they never carry host names, ports or
SQL); the driver's own message goes to the log."""

import contextlib
import logging
import sqlite3

from peewee import PeeweeException
from playhouse.pool import MaxConnectionsExceeded

from xivows.errors import InsufficientStorage, ServiceError, Unavailable

try:
    import psycopg2
except ImportError:  # pragma: no cover - psycopg2 is a dependency
    psycopg2 = None

logger = logging.getLogger(__name__)

FULL = 'the database cannot grow (disk full or file size limit); nothing was stored'

# SQLite result codes (primary code = the low byte of the extended code).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_NOTADB = 26
# A failed write(2) (EFBIG past RLIMIT_FSIZE, EIO...) is IOERR_WRITE; ENOSPC is FULL.
_SQLITE_IOERR_WRITE = _SQLITE_IOERR | (3 << 8)


def _sqlite(error):
    code = getattr(error, 'sqlite_errorcode', None)
    if code is None:
        return None
    if code == _SQLITE_IOERR_WRITE or code & 0xFF == _SQLITE_FULL:
        return InsufficientStorage(FULL)
    if code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return Unavailable('database busy: try again')
    if code & 0xFF in (
        _SQLITE_IOERR,
        _SQLITE_READONLY,
        _SQLITE_CORRUPT,
        _SQLITE_CANTOPEN,
        _SQLITE_NOTADB,
    ):
        return Unavailable('database unavailable: storage error')
    return None


def _postgresql(error):
    code = error.pgcode or ''
    if code == '53100':  # disk_full
        return InsufficientStorage(FULL)
    if code in ('40001', '40P01'):  # serialization failure, deadlock: retryable
        return Unavailable('database busy: try again')
    if code[:2] in ('08', '53', '57', '58'):  # connection, resources, operator, system
        return Unavailable('database unavailable')
    if not code and isinstance(error, (psycopg2.OperationalError, psycopg2.InterfaceError)):
        # No SQLSTATE: the connection itself failed (refused, lost, timed out).
        return Unavailable('database unavailable: no connection')
    return None


def _candidates(exc):
    """The exception, what it wraps and what it was raised during (a failed
    ROLLBACK hides the error that caused it)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        if getattr(exc, 'orig', None) is not None:
            yield exc.orig
        exc = exc.__cause__ or exc.__context__


def translate(exc):
    """The ServiceError for a database exception, or None when it is not a fault
    of the database's availability. A full store wins over any other reason."""
    found = None
    for candidate in _candidates(exc):
        mapped = None
        if isinstance(candidate, MaxConnectionsExceeded):
            mapped = Unavailable('database busy: no free connection')
        elif isinstance(candidate, sqlite3.Error):
            mapped = _sqlite(candidate)
        elif psycopg2 is not None and isinstance(candidate, psycopg2.Error):
            mapped = _postgresql(candidate)
        if isinstance(mapped, InsufficientStorage):
            return mapped
        found = found or mapped
    return found


@contextlib.contextmanager
def translated():
    """Database faults raised inside become Unavailable/InsufficientStorage."""
    try:
        yield
    except ServiceError:
        raise
    except Exception as exc:
        mapped = translate(exc)
        if mapped is None:
            raise
        logger.warning('%s: %s', mapped.message, exc)
        raise mapped from exc


def register(app):
    """Last resort for faults raised outside the guarded paths: 503/507 as JSON."""
    from flask import jsonify

    def handle(exc):
        mapped = translate(exc)
        if mapped is None:
            raise exc
        logger.warning('%s: %s', mapped.message, exc)
        response = jsonify(error=mapped.message)
        response.status_code = mapped.status
        return response

    app.register_error_handler(PeeweeException, handle)
    app.register_error_handler(MaxConnectionsExceeded, handle)
