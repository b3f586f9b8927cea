"""Logins recalled instead of looked up again, while the SQLite store is unchanged.

A client repeating its requests with the same credentials costs a statement
each time for its account and failure counts. On SQLite that answer cannot
change while nothing is written to the store (`db.write_stamp`: any connection,
any process, this connection too). The account statement carries the stamp of
its snapshot; a login it accepted with no failure counted against it is kept
on the connection it was checked through, and recalled there by reading the
stamp alone (one small statement) while the stamp is the same. Failure counts
only grow by writes and only relax with time, so a recalled acceptance is one
the full check would give.

Not kept: a login that had failures counted (the full check applies its delay
or refusal again), one allowed by a host name rule (a name's addresses change
without a write), and one checked inside a transaction (what it read may be
rolled back, which moves no stamp; a request authenticates before its own). PostgreSQL has no such stamp: every request checks."""

from xivows import db
from xivows.auth import hosts, passwords
from xivows.db import database

_LIMIT = 256  # logins kept per connection


class Recall:
    __slots__ = ('_memo', '_key', '_conn')

    def __init__(self, login, password, peer):
        self._memo = self._key = self._conn = None
        if not db.is_sqlite():
            return
        conn = database.connection()
        if isinstance(conn, db.SQLiteConnection):  # (others cannot carry it)
            if conn.memo is None:
                conn.memo = {}
            self._conn, self._memo = conn, conn.memo
            self._key = ('login', passwords.keyed(login, password, peer))

    @property
    def active(self):
        """Whether the account statement should carry the stamp."""
        return self._key is not None

    def user(self):
        """The account accepted under the current stamp, or None."""
        entry = self._memo.get(self._key) if self._key is not None else None
        if entry is None:
            return None
        # This connection's own writes since are seen without a statement.
        if self._conn.total_changes == entry[0][1] and db.write_stamp(self._conn) == entry[0]:
            return entry[1]
        del self._memo[self._key]
        return None

    def keep(self, user, stamp, had_failures):
        """Keep an accepted login (unless it could not be recalled safely)."""
        if (
            self._key is None
            or had_failures
            or not hosts.is_literal(user.host)
            # read inside a transaction, it may be undone by a rollback that
            # leaves the stamp as it was
            or self._conn.in_transaction
        ):
            return
        if len(self._memo) >= _LIMIT:
            del self._memo[next(iter(self._memo))]  # the oldest
        self._memo[self._key] = (stamp, user)
