"""The worker's write transactions. On SQLite a deferred transaction that read
before writing fails at once ("database is locked") when a request committed in
between; taking the write lock at BEGIN makes the worker wait (busy_timeout) like
the requests do (xivows/transaction.py)."""

from xivows import db
from xivows.db import database


def writing():
    if db.is_sqlite():
        return database.atomic(lock_type='IMMEDIATE')
    return database.atomic()
