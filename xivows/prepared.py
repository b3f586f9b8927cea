"""Queries of the hot path (authentication, views, lists, searches), their SQL
generated once.

peewee builds a query's SQL text anew each time it runs: for the joins of a view
that costs more than SQLite's execution of them (bench/profile_requests.py). A
`Prepared` query is written with peewee as usual, with `param('name')` where a
request's value goes; its SQL text is generated on first use for each database
(the SQLite and PostgreSQL texts differ) and then only executed, with the
request's values bound by name. Rows come back as tuples (or dicts), not model
instances: what the wire formats read, without peewee's per-row conversions
(SQLite answers booleans as 0/1, PostgreSQL as True/False: wire formatters take
both).

    _USER = Prepared(lambda: UserFeatures.select().where(UserFeatures.id == param('id')))
    row = _USER.first(id=42)

`build` may also return SQL text with `:name` parameters, for the joins that
read clearer as SQL (identifiers in double quotes, as both databases read them);
`Columns(Model, 'alias')` writes a table's column list in it and turns that part
of a row back into a model instance, converted as peewee converts a selected row.

Only queries of a fixed shape can be prepared (not an IN list of varying length).

On PostgreSQL, `server_side=True` also prepares the statement in the server, once
per connection (PREPARE, then EXECUTE): its plan is not made again on every run.
For the lookups by key that every view repeats, planning costs more than running
(a user's view joins ten tables: about 1 ms of planning for 0.1 ms of work).
Searches stay planned per run (a pattern's selectivity changes the plan).
`POSTGRESQL_PREPARE = false` turns it off (a pooler in transaction mode, such as
PgBouncer's, does not keep a session's prepared statements)."""

import itertools
import re
import threading
import weakref

import peewee
from peewee import AutoField, CharField, IntegerField, TextField, TimestampField, Value

from xivows import db
from xivows.db import database


class _Marker:
    __slots__ = ('convert', 'name')

    def __init__(self, name, convert=None):
        self.name = name
        self.convert = convert

    def __repr__(self):
        return f'param({self.name!r})'


def param(name, field=None):
    """Where the value named `name` is bound: converted by `field` as peewee
    converts a value compared with it, or as given (the value as the database
    stores it)."""
    return Value(
        _Marker(name, field.db_value if field is not None else None), converter=False, unpack=False
    )


def _bound(slots, values):
    params = []
    for named, value in slots:
        if named:
            given = values[value.name]
            params.append(value.convert(given) if value.convert is not None else given)
        else:
            params.append(value)
    return params


class Bound:
    """A prepared query with its values: what a probe asks (xivows/probe.py)
    without generating its SQL again (`sql()`, `limit(n)` as a peewee query)."""

    __slots__ = ('prepared', 'values')

    def __init__(self, prepared, values):
        self.prepared, self.values = prepared, values

    def sql(self):
        sql, slots = self.prepared._sql()
        return sql, _bound(slots, self.values)

    def limit(self, count):
        return Bound(self.prepared.limited(count), self.values)

    def exists(self):
        """Whether the query finds a row (as a peewee query's exists())."""
        sql, params = self.sql()
        return bool(database.execute_sql(f'SELECT EXISTS ({sql})', params).fetchone()[0])

    def scalar(self):
        """The first column of the first row, or None (as a peewee query's scalar())."""
        row = database.execute_sql(*self.sql()).fetchone()
        return None if row is None else row[0]


_PARAM = re.compile(r'(?<![:\w]):([a-z_][a-z0-9_]*)')


def _named(text):
    """SQL text with `:name` parameters -> (the database's SQL, markers)."""
    markers = []

    def placeholder(match):
        markers.append(_Marker(match.group(1)))
        return database.obj.param

    return _PARAM.sub(placeholder, text), markers


_AS_ANSWERED = (CharField, TextField, IntegerField, AutoField)


class Columns:
    """The columns of a model in a SQL select list, and that part of a row as a
    model instance (converted as peewee converts a selected row)."""

    def __init__(self, model, alias):
        self.model = model
        self.fields = model._meta.sorted_fields
        self.sql = ', '.join(f'"{alias}"."{field.column_name}"' for field in self.fields)
        self.width = len(self.fields)
        # The drivers answer text and integer columns as peewee would convert
        # them; booleans (0/1 on SQLite) and other types are converted.
        self._names = tuple(field.name for field in self.fields)
        self._converted = tuple(
            (field.name, field.python_value)
            for field in self.fields
            if not (isinstance(field, _AS_ANSWERED) and not isinstance(field, TimestampField))
        )
        self._key = self._names.index(model._meta.primary_key.name)

    def instance(self, row, start=0):
        """The model instance of row[start:start + width] (None when its
        primary key is NULL: nothing joined)."""
        if row[start + self._key] is None:
            return None
        data = dict(zip(self._names, row[start : start + self.width]))
        for name, convert in self._converted:
            data[name] = convert(data[name])
        return loaded(self.model, data)


def loaded(model, data):
    """A model instance holding `data` ({field name: python value}), as peewee
    makes one of a selected row (Model(__no_default__=1), without its keyword
    arguments' handling: views build several per request)."""
    obj = model.__new__(model)
    obj.__data__ = data
    obj._dirty = set()
    obj.__rel__ = {}
    return obj


# Server-side preparation (see the module's doc): on unless configured off.
SERVER_SIDE = {'enabled': True}
_names = itertools.count(1)
_prepared_on = weakref.WeakKeyDictionary()  # connection -> names prepared on it
_PLACEHOLDER = re.compile(r'%s')
_statements = {}  # (id(database), SQL) -> (name, EXECUTE text) or None
# Texts prepared per process at most: each prepared text lives in every pooled
# connection's session, so texts built from varying input must not grow it
# without bound (beyond it, statements are planned per run, as before).
_STATEMENTS_MAX = 512
_UNSEEN = object()


def execute_server_side(sql, params):
    """The cursor of `sql` (%s placeholders) run with `params`: on PostgreSQL
    through a statement prepared in the server once per connection, then
    executed by name (its plan is not made again on every run); elsewhere, or
    when server-side preparation is off, as a plain statement.

    For statements of a fixed shape run again and again: Prepared queries
    marked server-side, the INSERT of a model's row (xivows/models/base.py),
    a probe's composed lookups (xivows/probe.py)."""
    return database.execute_sql(_as_executed(sql), params)


def hold_server_side(sql, params):
    """`sql` held back to go out with the transaction's next statement
    (PostgreSQL only: xivows.db, `hold`), as execute_server_side() would run it."""
    database.hold(_as_executed(sql), params)


def _as_executed(sql):
    """The text that runs `sql`: EXECUTE of its statement prepared in the server
    (prepared on this connection if need be), or `sql` itself."""
    if SERVER_SIDE['enabled']:
        statement = _server_statement(sql)
        if statement is not None and _prepared_here(statement[0], sql):
            return statement[1]
    return sql


def _server_statement(sql):
    """(name, EXECUTE text) of `sql` on PostgreSQL; None elsewhere, for SQL
    holding a % that is not a placeholder, or when the texts are at their bound."""
    key = (id(database.obj), sql)
    statement = _statements.get(key, _UNSEEN)
    if statement is _UNSEEN:
        statement = None
        if db.is_postgresql() and '%' not in _PLACEHOLDER.sub('', sql):
            count = len(_PLACEHOLDER.findall(sql))
            name = f'xivows_{next(_names)}'
            arguments = f" ({', '.join(['%s'] * count)})" if count else ''
            statement = (name, f'EXECUTE {name}{arguments}')
        if len(_statements) >= _STATEMENTS_MAX:
            return None
        _statements[key] = statement
    return statement


def _prepared_here(name, sql):
    """Whether `name` is prepared on the current connection, preparing it the
    first time (not one of the request's statements: peewee neither logs nor
    counts it). A text the server cannot prepare (a parameter whose type it
    cannot infer) is run plain from then on; inside a transaction the attempt
    is made in a savepoint, so that a refusal does not abort the transaction."""
    connection = database.connection()
    names = _prepared_on.get(connection)
    if names is None:
        names = _prepared_on[connection] = set()
    if name in names:
        return True
    cursor = database.cursor()
    in_transaction = connection.info.transaction_status != 0  # not psycopg2's IDLE
    try:
        with peewee.__exception_wrapper__:
            if in_transaction:
                cursor.execute('SAVEPOINT xivows_prepare')
            cursor.execute(f'PREPARE {name} AS {_numbered(sql)}')
            if in_transaction:
                cursor.execute('RELEASE SAVEPOINT xivows_prepare')
    except peewee.ProgrammingError:
        if in_transaction:
            with peewee.__exception_wrapper__:
                cursor.execute('ROLLBACK TO SAVEPOINT xivows_prepare')
                cursor.execute('RELEASE SAVEPOINT xivows_prepare')
        _statements[(id(database.obj), sql)] = None
        return False
    names.add(name)
    return True


class Prepared:
    def __init__(self, build, server_side=False):
        """`build()` returns the peewee query (called once per database);
        `server_side`: prepared in the PostgreSQL server too (a fixed plan)."""
        self._build = build
        self._server_side = server_side
        self._compiled = {}
        self._limited = {}
        self._lock = threading.Lock()

    def bind(self, **values):
        return Bound(self, values)

    def limited(self, count):
        """The same query with LIMIT `count` (prepared once)."""
        if count not in self._limited:
            self._limited[count] = Prepared(
                lambda: self._build().limit(count), server_side=self._server_side
            )
        return self._limited[count]

    def _sql(self):
        key = id(database.obj)
        compiled = self._compiled.get(key)
        if compiled is None:
            with self._lock:
                built = self._build()
                if isinstance(built, str):
                    sql, params = _named(built)
                else:
                    sql, params = built.sql()
                slots = tuple(
                    (True, value) if isinstance(value, _Marker) else (False, value)
                    for value in params
                )
                compiled = self._compiled[key] = (sql, slots)
        return compiled

    def sql(self):
        """The SQL text on the bound database (for tests and query plans)."""
        return self._sql()[0]

    def execute(self, **values):
        """The cursor of the query run with `values` (every param by name)."""
        sql, slots = self._sql()
        params = _bound(slots, values)
        if self._server_side:
            return execute_server_side(sql, params)
        return database.execute_sql(sql, params)

    def tuples(self, **values):
        return self.execute(**values).fetchall()

    def first(self, **values):
        """The first row (a tuple), or None."""
        return self.execute(**values).fetchone()

    def dicts(self, **values):
        cursor = self.execute(**values)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def _numbered(sql):
    """psycopg2's %s placeholders as PREPARE's $1, $2..."""
    counter = itertools.count(1)
    return _PLACEHOLDER.sub(lambda _: f'${next(counter)}', sql)


class Rows:
    """The rows of one table whose fields `names` equal given values, as model
    instances, by a prepared SELECT of every column: the small lookups every
    view repeats (an owner's dial actions, caller id, schedule...).

        _DIALACTIONS = Rows(Dialaction, ('category', 'categoryval'), order_by=('id',))
        _DIALACTIONS.all(category='user', categoryval='42')
    """

    def __init__(self, model, names, order_by=(), limit=None):
        self._columns = Columns(model, 't1')

        def build():
            condition = None
            for name in names:
                field = getattr(model, name)
                clause = field == param(name, field)
                condition = clause if condition is None else condition & clause
            query = model.select().where(condition)
            if order_by:
                query = query.order_by(*(getattr(model, name) for name in order_by))
            return query.limit(limit) if limit else query

        self._prepared = Prepared(build, server_side=True)

    def all(self, **values):
        return [self._columns.instance(row) for row in self._prepared.tuples(**values)]

    def first(self, **values):
        """The first row (as get_or_none reads it: give `limit=1`), or None."""
        row = self._prepared.first(**values)
        return None if row is None else self._columns.instance(row)
