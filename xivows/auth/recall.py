"""Logins recalled instead of looked up again while the accounts are unchanged:
on SQLite while their stamp is, on PostgreSQL while no change is notified
(host-only users too, keyed by their address alone: basic._host_only).

A client repeating its requests with the same credentials costs a statement
each time for its account and failure counts. On SQLite that answer cannot
change while the store's auth stamp stays the same: triggers give it a new
random value with every row written to the accounts or the failure counts, by
any connection of any process (migration 0097), while writes to the rest of the
store leave it be. The account statement carries the stamp of its snapshot; a
login it accepted with no failure counted against it is kept on the connection
it was checked through, and recalled there by reading the stamp alone (one
small statement) while the stamp is the same. Failure counts only grow by
writes and only relax with time, so a recalled acceptance is one the full check
would give.

Not kept: a login that had failures counted (the full check applies its delay
or refusal again), one allowed by a host name rule (a name's addresses change
without a write), and one checked inside a transaction (what it read may yet
be rolled back; a request authenticates before its own).

PostgreSQL has no such stamp; the store notifies instead: a transaction that
changed the accounts or the failure counts notifies each process's listener
when it commits (auth/notified.py). A login accepted there is kept by the
process under the listener's generation read before its account statement,
and recalled while the generation is the same (notifications taken in without
a round trip): a revoked login may pass on another process for the time its
notification takes to arrive (on the order of a millisecond). No listener (it
could not be opened): every request checks.

On both, a login is recalled for LOGIN_RECALL_SECONDS at most after its
account was read (the bound of a PostgreSQL listener whose connection died
without a word); 0 turns recalling off."""

import os
import time

import peewee

from xivows import db, settings
from xivows.auth import hosts, notified, passwords
from xivows.db import database

_LIMIT = 256  # logins kept per connection (SQLite), per process (PostgreSQL)
# PostgreSQL: (pid, generation, {key: (user, monotonic time kept)})
_pg_kept = None

# SQLite: the accounts' stamp, as the last column of the account statement (its
# snapshot's) and alone.
STAMP_COLUMN = '(SELECT stamp FROM xivows_auth_stamp)'
STAMP = 'SELECT stamp FROM xivows_auth_stamp'


def stamp(conn):
    """The accounts' stamp read through a SQLite connection."""
    database.obj._log_query(STAMP, ())  # a statement like any other (budgets)
    with peewee.__exception_wrapper__:
        return conn.execute(STAMP).fetchone()[0]


class Recall:
    """One authentication's view of the logins kept on its connection: under
    one stamp, the last one a login was kept under (another drops them all)."""

    __slots__ = ('_conn', '_credentials', '_key', '_generation')

    def __init__(self, login, password, peer):
        self._conn = None
        self._generation = None  # PostgreSQL: the listener's, before the account
        self._credentials = (login, password, peer)
        self._key = None
        if settings.get('LOGIN_RECALL_SECONDS') <= 0:
            return
        if db.is_sqlite():
            conn = database.connection()
            if isinstance(conn, db.SQLiteConnection):  # (others cannot carry it)
                self._conn = conn
        elif not database.in_transaction():
            self._generation = notified.generation()

    @property
    def active(self):
        """Whether the account statement should carry the stamp."""
        return self._conn is not None

    def _digest(self):
        if self._key is None:
            self._key = passwords.keyed(*self._credentials)
        return self._key

    def user(self):
        """The account accepted under the current stamp, or None."""
        if self._generation is not None:
            return self._pg_user()
        conn = self._conn
        kept = conn.memo.get('logins') if conn is not None and conn.memo else None
        if kept is None:
            return None
        kept_stamp, users = kept
        user = _kept_user(users, self._digest())
        if user is None:
            return None
        if stamp(conn) != kept_stamp:
            del conn.memo['logins']
            return None
        return user

    def keep(self, user, accounts_stamp, had_failures):
        """Keep an accepted login (unless it could not be recalled safely)."""
        if had_failures or not hosts.is_literal(user.host):
            return
        if self._generation is not None:
            self._pg_keep(user)
            return
        conn = self._conn
        if (
            conn is None
            # read inside a transaction: what it read may yet be rolled back
            or conn.in_transaction
        ):
            return
        if conn.memo is None:
            conn.memo = {}
        kept = conn.memo.get('logins')
        if kept is None or kept[0] != accounts_stamp:
            kept = conn.memo['logins'] = (accounts_stamp, {})
        _add(kept[1], self._digest(), user)

    def _pg_user(self):
        kept = _pg_kept
        if kept is None or kept[0] != os.getpid() or kept[1] != self._generation:
            return None
        return _kept_user(kept[2], self._digest())

    def _pg_keep(self, user):
        global _pg_kept
        # Only under the generation still current: one that moved during the
        # account statement may have brought a change it did not see.
        if database.in_transaction() or notified.latest() != self._generation:
            return
        kept = _pg_kept
        if kept is None or kept[0] != os.getpid() or kept[1] != self._generation:
            kept = _pg_kept = (os.getpid(), self._generation, {})
        _add(kept[2], self._digest(), user)


def _add(users, key, user):
    """Keep `user` under `key` ({key: (user, monotonic time kept)}, the oldest
    dropped past the limit)."""
    if len(users) >= _LIMIT:
        del users[next(iter(users))]
    users[key] = (user, time.monotonic())


def _kept_user(users, key):
    """The user kept under `key`, or None (none kept, or kept for longer than
    LOGIN_RECALL_SECONDS: then dropped)."""
    found = users.get(key)
    if found is None:
        return None
    if time.monotonic() - found[1] >= settings.get('LOGIN_RECALL_SECONDS'):
        del users[key]
        return None
    return found[0]
