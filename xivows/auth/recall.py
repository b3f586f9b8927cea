"""Logins recalled instead of looked up again, while the SQLite store is unchanged
(host-only users too, keyed by their address alone: basic._host_only).

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
rolled back, which moves no stamp; a request authenticates before its own).
PostgreSQL has no such stamp: every request checks."""

from xivows import db
from xivows.auth import hosts, passwords
from xivows.db import database

_LIMIT = 256  # logins kept per connection


class Recall:
    """One authentication's view of the logins kept on its connection: under
    one stamp, the last one a login was kept under (another drops them all)."""

    __slots__ = ('_conn', '_credentials', '_key')

    def __init__(self, login, password, peer):
        self._conn = None
        self._credentials = (login, password, peer)
        self._key = None
        if db.is_sqlite():
            conn = database.connection()
            if isinstance(conn, db.SQLiteConnection):  # (others cannot carry it)
                self._conn = conn

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
        conn = self._conn
        kept = conn.memo.get('logins') if conn is not None and conn.memo else None
        if kept is None:
            return None
        stamp, users = kept
        # This connection's own writes are seen without a statement (nor a digest).
        if conn.total_changes != stamp[1]:
            del conn.memo['logins']
            return None
        user = users.get(self._digest())
        if user is None:
            return None
        if db.write_stamp(conn) != stamp:
            del conn.memo['logins']
            return None
        return user

    def keep(self, user, stamp, had_failures):
        """Keep an accepted login (unless it could not be recalled safely)."""
        conn = self._conn
        if (
            conn is None
            or had_failures
            or not hosts.is_literal(user.host)
            # read inside a transaction, it may be undone by a rollback that
            # leaves the stamp as it was
            or conn.in_transaction
        ):
            return
        if conn.memo is None:
            conn.memo = {}
        kept = conn.memo.get('logins')
        if kept is None or kept[0] != stamp:
            kept = conn.memo['logins'] = (stamp, {})
        users = kept[1]
        if len(users) >= _LIMIT:
            del users[next(iter(users))]  # the oldest
        users[self._digest()] = user
