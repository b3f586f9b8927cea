"""One request, one transaction: run a function in `database.atomic()`, then the
side effects it queued (after the commit only). A database that cannot be
reached or cannot grow answers 503/507 with a reason (see store_errors)."""

import contextlib
import logging

from peewee import DataError, IntegrityError

from xivows import aftercommit, db, settings, store_errors
from xivows.db import database
from xivows.errors import ServiceError, StoreConflict
from xivows.sqlite_transaction import SQLiteTransaction
from xivows.worker import changes

logger = logging.getLogger(__name__)


def run(function, *args, **kwargs):
    """The function's result; ServiceError (nothing stored) on refusal."""
    return _run(True, function, args, kwargs)


def run_read(function, *args, **kwargs):
    """The same for a function that only reads (no write lock taken up front)."""
    return _run(False, function, args, kwargs)


def _atomic(write):
    # SQLite: a deferred transaction that reads, then writes, fails at once
    # ("database is locked") when another process committed in between. Taking
    # the write lock at BEGIN makes concurrent writers wait (busy_timeout) instead.
    if db.is_sqlite():
        return SQLiteTransaction(immediate=write)
    # PostgreSQL reads in READ COMMITTED, where each statement sees its own
    # snapshot inside a transaction too: BEGIN and COMMIT would only add two
    # round trips to a view. SQLite reads keep their transaction: one snapshot
    # for all the statements of the request.
    if not write:
        return contextlib.nullcontext()
    return database.atomic()


def _run(write, function, args, kwargs):
    try:
        with store_errors.translated(), _atomic(write):
            result = function(*args, **kwargs)
            if write and settings.get('ASTERISK_AUTO_APPLY'):
                changes.bump(changes.ASTERISK_CONFIG)  # the worker applies after the commit
    except ServiceError:
        aftercommit.drop()
        raise
    except (IntegrityError, DataError) as exc:
        # Validation should have caught it; a concurrent write may not have been.
        aftercommit.drop()
        logger.warning('refused by the database: %s', exc)
        raise StoreConflict('conflicts with the stored data') from None
    except BaseException:
        aftercommit.drop()
        raise
    aftercommit.run()
    return result
