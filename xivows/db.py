"""The one database of the service: SQLite (embedded default) or PostgreSQL."""

import functools
import logging
import os
import re
import sqlite3
import sys
import time
import weakref
from urllib.parse import urlsplit, urlunsplit

import peewee
from peewee import DatabaseProxy, PeeweeException
from playhouse import db_url
from playhouse.pool import PooledPostgresqlDatabase, PooledSqliteDatabase

logger = logging.getLogger(__name__)

database = DatabaseProxy()

# One Database object per URL and process, so that app factories called
# several times (tests, CLI) share connections and pools, while a forked worker
# never uses the connections of its parent (keyed by process id).
_opened = {}
_bound_urls = {}  # id(Database) -> its URL, for describe()

SQLITE_PRAGMAS = {
    'journal_mode': 'wal',
    'busy_timeout': 10000,
    'foreign_keys': 1,
    'synchronous': 'normal',
}


@functools.lru_cache(maxsize=512)
def _like_regex(pattern, escape):
    parts = []
    chars = iter(pattern)
    for char in chars:
        if escape and char == escape:
            parts.append(re.escape(next(chars, '')))
        elif char == '%':
            parts.append('.*')
        elif char == '_':
            parts.append('.')
        else:
            parts.append(re.escape(char))
    return re.compile(''.join(parts), re.IGNORECASE | re.DOTALL)


UNICODE_LIKE = 'xivows_like'


def _sqlite_like(pattern, value, escape=None):
    """SQLite's LIKE folds ASCII case only; this one folds all of unicode."""
    if pattern is None or value is None:
        return None
    return _like_regex(pattern, escape).fullmatch(str(value)) is not None


def normalize_url(url):
    """Absolute SQLite paths; PostgreSQL always through the pool."""
    if url.startswith('sqlite:///') and not url.startswith('sqlite:////'):
        path = url[len('sqlite:///') :]
        if path and path != ':memory:':
            return 'sqlite:///' + os.path.abspath(path)
    for plain in ('postgresql://', 'postgres://'):
        if url.startswith(plain):
            return 'postgresql+pool://' + url[len(plain) :]
    return url


class _PostgreSQL(PooledPostgresqlDatabase):
    """Connecting is bounded: libpq applies connect_timeout, except when psycopg2
    connects asynchronously under gevent (psycogreen), where a gevent timeout does.

    A pooled connection is checked (`SELECT 1`, a round trip) when taken only if
    it was idle for `_PING_AFTER_IDLE` seconds: under load each request would
    pay one more round trip for a connection used a moment ago. One given back
    broken is never reused (psycopg2 marks it closed)."""

    _PING_AFTER_IDLE = 1.0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._returned = weakref.WeakKeyDictionary()  # connection -> monotonic time

    def _is_closed(self, conn):
        returned = self._returned.get(conn)
        if (
            returned is not None
            and not conn.closed
            and time.monotonic() - returned < self._PING_AFTER_IDLE
            and conn.info.transaction_status == 0  # psycopg2's TRANSACTION_STATUS_IDLE
        ):
            return False
        return super()._is_closed(conn)

    def _close(self, conn, close_conn=False):
        self._state.held = None
        super()._close(conn, close_conn)
        if not close_conn:
            self._returned[conn] = time.monotonic()

    # Statements held back to go out with the next one, in one round trip: a
    # transaction's BEGIN ("BEGIN; ..."), and the INSERTs of new rows whose ids
    # were drawn first (xivows/writebehind.py), which nothing waits for. Each
    # write request saves round trips. Whoever takes a cursor directly (COPY,
    # PREPARE) gets the held statements sent first; COMMIT carries them; a
    # rollback drops them (the server would have undone them); a transaction
    # that ran nothing ends without a word to the server. A held INSERT that the
    # database refuses raises from the statement that carried it (at the latest
    # the COMMIT), which rolls the transaction back as its own error would.
    def begin(self, isolation_level=None):
        if isolation_level or self._isolation_level:
            return super().begin(isolation_level)
        if self.is_closed() and self.autoconnect:
            self.connect()
        self._state.held = (self._state.conn, ['BEGIN'], [])

    def hold(self, sql, params):
        """Send `sql` with the transaction's next statement (nothing reads its
        answer); logged and counted as a statement of its own. Outside a
        transaction it runs at once."""
        if self.transaction_depth() == 0:
            return self.execute_sql(sql, params)
        self._log_query(sql, params)
        held = self._held()
        if held is None:
            self._state.held = (self._state.conn, [sql], list(params))
        else:
            held[1].append(sql)
            held[2].extend(params)
        return None

    def _held(self):
        held = getattr(self._state, 'held', None)
        if held is not None and (held[0] is not self._state.conn or self.is_closed()):
            held = self._state.held = None
        return held

    def _take_held(self):
        """(connection, texts, parameters) held on this connection, or None."""
        held = self._held()
        self._state.held = None
        return held

    def execute_sql(self, sql, params=None):
        held = self._take_held()
        if held is None:
            return super().execute_sql(sql, params)
        self._log_query(sql, params)
        with peewee.__exception_wrapper__:
            cursor = super().cursor()
            cursor.execute('; '.join([*held[1], sql]), [*held[2], *(params or ())])
        return cursor

    def cursor(self, *args, **kwargs):
        cursor = super().cursor(*args, **kwargs)
        held = self._take_held()
        if held is not None:
            with peewee.__exception_wrapper__:
                cursor.execute('; '.join(held[1]), held[2])
        return cursor

    def commit(self):
        held = self._take_held()
        if held is None:
            return super().commit()
        if held[1] == ['BEGIN']:
            return None
        with peewee.__exception_wrapper__:
            super().cursor().execute('; '.join([*held[1], 'COMMIT']), held[2])
        return None

    def rollback(self):
        held = self._take_held()
        if held is not None and held[1][0] == 'BEGIN':
            return None  # nothing reached the server
        return super().rollback()

    def _connect(self):
        return self._bounded(super()._connect)

    def unpooled(self):
        """A connection of its own, outside the pool (a listener's), opened
        as the pool opens its connections."""
        return self._bounded(lambda: peewee.PostgresqlDatabase._connect(self))

    def _bounded(self, connect):
        seconds = self.connect_params.get('connect_timeout')
        # Only a process gevent has patched needs the bound, and only there is
        # gevent imported already: the background worker and the commands never
        # import it for this (~6 MiB of resident memory).
        monkey = sys.modules.get('gevent.monkey')
        if not seconds or monkey is None or not monkey.is_module_patched('socket'):
            return connect()
        import psycopg2
        from gevent import Timeout

        with Timeout(seconds + 1, psycopg2.OperationalError('connection timed out')):
            return connect()


# Dead peers are noticed on established connections too (idle 30 s, then 3
# probes 10 s apart), instead of waiting for the kernel's two hours.
_PG_KEEPALIVES = {
    'keepalives': 1,
    'keepalives_idle': 30,
    'keepalives_interval': 10,
    'keepalives_count': 3,
}


# SQLite connections are pooled too: opening one costs a file open, the pragmas
# and the LIKE function, and closing one in WAL mode tries a checkpoint; a
# request takes an open connection instead and gives it back at teardown. Idle
# ones older than this are closed when next handled. No upper bound: a SQLite
# connection is a file handle, and requests never wait for one.
_SQLITE_STALE_SECONDS = 300


class SQLiteConnection(sqlite3.Connection):
    """A SQLite connection that can carry attributes (sqlite3's own cannot):
    `memo` holds what requests learnt through it, each entry with the stamp
    it is true under (auth/recall.py)."""

    memo = None


class _SQLite(PooledSqliteDatabase):
    def _set_pragmas(self, conn):
        # SQLite answers "database is locked" at once, without its busy handler,
        # when a new database is switched to WAL while another process opens it
        # too (hosts upgrading one new store together): a pragma refused so is
        # tried again for up to busy_timeout.
        deadline = time.monotonic() + dict(self._pragmas).get('busy_timeout', 0) / 1000
        cursor = conn.cursor()
        for pragma, value in self._pragmas:
            while True:
                try:
                    cursor.execute(f'PRAGMA {pragma} = {value};')
                    break
                except sqlite3.OperationalError as exc:
                    if 'locked' not in str(exc) or time.monotonic() >= deadline:
                        raise
                    time.sleep(0.01)
        cursor.close()


def _sqlite(url):
    params = db_url.parse(url)
    path = params.pop('database')
    if path in ('', ':memory:'):  # one private database per connection: not poolable
        return db_url.connect(url, pragmas=SQLITE_PRAGMAS, factory=SQLiteConnection)
    # A pooled connection may serve another thread than the one that opened it
    # (never two at once: the pool hands it to one user at a time).
    params.update(
        max_connections=None,
        stale_timeout=_SQLITE_STALE_SECONDS,
        check_same_thread=False,
        factory=SQLiteConnection,
    )
    return _SQLite(path, pragmas=SQLITE_PRAGMAS, **params)


def open_database(url, pool_size=8, connect_timeout=5):
    url = normalize_url(url)
    key = (url, os.getpid())
    if key not in _opened:
        if url.startswith('sqlite'):
            db = _sqlite(url)
            # SQLite's own LIKE stays (fast, ASCII case folding); searches
            # call this one for rows holding other characters (xivows/search.py).
            db.register_function(_sqlite_like, UNICODE_LIKE, -1)
        else:
            params = db_url.parse(url)
            params.pop('max_connections', None)
            db = _PostgreSQL(
                max_connections=pool_size,
                stale_timeout=300,
                timeout=10,
                connect_timeout=max(2, int(connect_timeout)),
                **_PG_KEEPALIVES,
                **params,
            )
        _opened[key] = db
        _bound_urls[id(db)] = url
    return _opened[key]


def close_all():
    """Really close every connection of this process, pooled ones included
    (`close()` only returns them to the pool): before forking workers."""
    for (_, pid), opened in list(_opened.items()):
        if pid != os.getpid():
            continue
        if hasattr(opened, 'close_all'):
            opened.close_all()
        elif not opened.is_closed():
            opened.close()


def bind(url, pool_size=8, connect_timeout=5):
    """Point the module-level proxy at the database of `url`."""
    db = open_database(url, pool_size, connect_timeout)
    database.initialize(db)
    return db


def sqlite_path():
    """The file of the bound SQLite database (None on PostgreSQL)."""
    return database.obj.database if is_sqlite() else None


def describe(url=None):
    """The bound database (or `url`) as an operator reads it: the SQLite file,
    or the PostgreSQL URL without its password."""
    if url is None:
        if is_sqlite():
            return sqlite_path()
        parts = urlsplit(_bound_urls.get(id(database.obj), ''))
    else:
        parts = urlsplit(url)
        if parts.scheme == 'sqlite':
            return url[len('sqlite:///') :]
    netloc = parts.netloc
    if parts.password is not None:
        netloc = netloc.replace(':' + parts.password + '@', ':***@', 1)
    return urlunsplit(parts._replace(netloc=netloc, scheme=parts.scheme.split('+')[0]))


def is_sqlite():
    return 'sqlite' in type(database.obj).__name__.lower()


def is_postgresql():
    return 'postgres' in type(database.obj).__name__.lower()


def take_turns(*key: int) -> None:
    """Make the transactions that call this with the same key (one 64-bit
    integer, or a class and an object id) take turns until the end of the first:
    what the second reads after it includes the first one's writes. PostgreSQL:
    an advisory transaction lock (in READ COMMITTED, both would otherwise read
    before either commits); SQLite's write transactions already take turns
    (BEGIN IMMEDIATE)."""
    if is_postgresql():
        placeholders = ', '.join(['%s'] * len(key))
        database.execute_sql(f'SELECT pg_advisory_xact_lock({placeholders})', key)


def init_app(app):
    from xivows import prepared  # (it imports this module)

    prepared.SERVER_SIDE['enabled'] = bool(app.config['POSTGRESQL_PREPARE'])
    bind(
        app.config['DATABASE_URL'],
        app.config['DATABASE_POOL_SIZE'],
        app.config['DATABASE_CONNECT_TIMEOUT'],
    )
    # A request connects on its first query (peewee connects on use), inside the
    # code that turns an unreachable database into a 503 of its own dialect.

    @app.teardown_request
    def _close(_exc):
        # A test may hold the connection inside an outer transaction.
        if database.is_closed() or database.in_transaction():
            return
        try:
            database.close()
        except PeeweeException as exc:  # a lost connection: the pool drops it
            logger.warning('closing the database connection: %s', exc)
