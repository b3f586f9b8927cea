"""Many rows of one table in one statement, for bulk writes.

peewee's `insert_many` builds its SQL value by value (a 500-row batch of
voicemails takes ~80 ms to generate); here the statement text is built once per
table and the rows go to the driver as parameter tuples: `executemany` on
SQLite (a C loop over one prepared statement); on PostgreSQL one COPY (no SQL
text per row), or under gevent workers, where psycopg2 cannot COPY,
`execute_values` (one multi-row INSERT per page of 1000 rows). Values are
converted by the model's own fields (`db_value`), and columns a row does not
give take the field's default, as `Model.create` would.

Rows that others must refer to get their ids before the insert
(`reserve_ids`): PostgreSQL draws them from the table's sequence, SQLite
continues after the highest id ever given (the table's AUTOINCREMENT counter),
which is safe because a bulk write holds SQLite's write lock (BEGIN
IMMEDIATE) from its first read to its commit."""

import io
from functools import lru_cache
from operator import itemgetter

from xivows import db, prepared
from xivows.db import database

_NONE = type(None)


def reserve_ids(model, count: int) -> list[int]:
    """`count` new primary key values of `model`'s table, in increasing order."""
    if count <= 0:
        return []
    if db.is_postgresql():
        return reserve_ids_of({model: count})[model]
    table = model._meta.table_name
    column = model._meta.primary_key.column_name
    cursor = database.execute_sql(
        f'SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), '
        f'coalesce((SELECT max("{column}") FROM "{table}"), 0))',
        (table,),
    )
    last = cursor.fetchone()[0]
    return list(range(last + 1, last + 1 + count))


def reserve_ids_of(counts: dict) -> dict:
    """{model: `count` new primary key values} of several tables (counts > 0),
    drawn in one statement on PostgreSQL (one row of arrays, from the tables'
    sequences); elsewhere table by table."""
    if not db.is_postgresql():
        return {model: reserve_ids(model, count) for model, count in counts.items()}
    models = list(counts)
    columns, params = [], []
    for model in models:
        columns.append('ARRAY(SELECT nextval(%s::regclass) FROM generate_series(1, %s))')
        params += [
            _sequence(model._meta.table_name, model._meta.primary_key.column_name),
            counts[model],
        ]
    row = prepared.execute_server_side('SELECT ' + ', '.join(columns), params).fetchone()
    return {model: sorted(ids) for model, ids in zip(models, row)}


def id_draws(counts: dict) -> list:
    """[(model, SQL expression)]: the expression drawing `count` new ids of
    each model's table from its sequence, as an array (PostgreSQL), for a
    probe (xivows.writebehind). The sequence and the count are written in the
    text, not passed as parameters as reserve_ids_of() does: composed into
    the probe's prepared statement, they made PostgreSQL plan it again on
    every run (measured: the probe with its draws as parameters took longer
    than the two statements apart)."""
    draws = []
    for model, count in counts.items():
        sequence = _sequence(model._meta.table_name, model._meta.primary_key.column_name)
        # (a name from the catalog, of our own tables: no quote nor %)
        literal = "'" + sequence.replace("'", "''") + "'"
        sql = f'ARRAY(SELECT nextval({literal}::regclass) FROM generate_series(1, {int(count)}))'
        draws.append((model, sql))
    return draws


# Values the driver takes as they are, per kind of field (anything else goes
# through the field's db_value, as peewee would convert it).
_NATIVE = {
    'CharField': str,
    'TextField': str,
    'IntegerField': int,
    'AutoField': int,
    'BooleanField': bool,
}


_sequences = {}


def _sequence(table, column):
    """The name of the sequence of a serial column (asked once per process:
    naming it in nextval() saves a catalog lookup per id drawn)."""
    key = (id(database.obj), table, column)  # (one Database object per URL and process)
    if key not in _sequences:
        _sequences[key] = database.execute_sql(
            'SELECT pg_get_serial_sequence(%s, %s)', (table, column)
        ).fetchone()[0]
    return _sequences[key]


@lru_cache(maxsize=256)
def _statement(model, given, postgresql):
    """(SQL, [(field name, default, callable default, converter, native type)])
    of the columns given, or having a default (others are left to the
    database's NULL, as Model.create leaves them)."""
    fields = [
        field
        for field in model._meta.sorted_fields
        if field.name in given or field.default is not None
    ]
    columns = ', '.join(f'"{field.column_name}"' for field in fields)
    table = f'"{model._meta.table_name}"'
    if postgresql:
        sql = f'INSERT INTO {table} ({columns}) VALUES %s'
    else:
        sql = f'INSERT INTO {table} ({columns}) VALUES ({", ".join("?" * len(fields))})'
    plan = []
    for field in fields:
        native = None
        for kind in type(field).__mro__:
            if kind.__name__ in _NATIVE:
                native = _NATIVE[kind.__name__]
                break
        plan.append((field.name, field.default, callable(field.default), field.db_value, native))
    return sql, plan


def insert(model, rows: list[dict]) -> None:
    """Insert `rows` (dicts keyed by field name; the primary key given in
    every row or in none) in one statement (pages of 1000 rows on PostgreSQL)."""
    if not rows:
        return
    postgresql = db.is_postgresql()
    names, columns, kinds = _columns(model, rows, postgresql)
    sql, _ = _statement(model, frozenset(names), postgresql)
    cursor = database.cursor()
    if not postgresql:
        cursor.executemany(sql, list(zip(*columns)))
    elif _green():
        # psycopg2 cannot COPY with a wait callback (gevent workers): multi-row INSERTs
        from psycopg2.extras import execute_values

        execute_values(cursor, sql, list(zip(*columns)), page_size=1000)
    else:
        _copy(cursor, model, names, columns, kinds)


def _columns(model, rows, postgresql):
    """([field name], [column of values, one per row], [set of the types of
    each column]) of the columns written: those of the fields given, or
    having a default, converted for the driver (`db_value`); a column that is
    NULL in every row and by default is left out (the database's NULL)."""
    given, by_name = _given(rows)
    unknown = given - model._meta.fields.keys()
    if unknown:
        raise KeyError(f'{model._meta.table_name}: no such fields: {sorted(unknown)}')
    _, plan = _statement(model, given, postgresql)
    names, columns, kinds_of = [], [], []
    for name, default, computed, convert, native in plan:
        column = by_name.get(name) if by_name is not None else None
        if column is None and by_name is not None and not computed:
            # Not given: the default in every row (a constant one is never None:
            # the plan has no such column), converted once.
            value = default if type(default) is native else convert(default)
            names.append(name)
            columns.append([value] * len(rows))
            kinds_of.append({type(value)})
            continue
        if column is None:
            if computed:
                column = [row[name] if name in row else default() for row in rows]
            else:
                column = [row.get(name, default) for row in rows]
        kinds = set(map(type, column))
        if kinds == {_NONE} and default is None:
            continue  # NULL in every row, and by default: left to the database
        if not kinds <= {native, _NONE}:
            column = [
                value if value is None or type(value) is native else convert(value)
                for value in column
            ]
            kinds = set(map(type, column))
        names.append(name)
        columns.append(column)
        kinds_of.append(kinds)
    return names, columns, kinds_of


def _given(rows):
    """(the field names the rows give, {name: column of its values} or None).
    Rows built by one piece of code give the same keys: each row's values
    are then taken by one call (an itemgetter of the first row's keys) and
    the columns by one transposition, rather than one lookup per value."""
    keys = tuple(rows[0])
    if len(keys) > 1 and set(map(len, rows)) == {len(keys)}:
        try:
            values = list(map(_getter(keys), rows))
        except KeyError:
            pass  # a row has other keys (as many)
        else:
            return frozenset(keys), dict(zip(keys, zip(*values)))
    return frozenset().union(*rows), None


@lru_cache(maxsize=256)
def _getter(keys):
    return itemgetter(*keys)


def _green():
    from psycopg2.extensions import get_wait_callback

    return get_wait_callback() is not None


_ESCAPES = str.maketrans({'\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r'})


def _copy_text(value):
    """A value in COPY's text format."""
    if value is None:
        return '\\N'
    if value is True:
        return 't'
    if value is False:
        return 'f'
    return (value if type(value) is str else str(value)).translate(_ESCAPES)


def _copy(cursor, model, names, columns, kinds):
    """PostgreSQL's COPY (text format): one statement, no SQL text per row."""
    texts = [_copy_column(column, column_kinds) for column, column_kinds in zip(columns, kinds)]
    buffer = io.StringIO('\n'.join('\t'.join(row) for row in zip(*texts)) + '\n')
    fields = model._meta.fields
    listed = ', '.join(f'"{fields[name].column_name}"' for name in names)
    cursor.copy_expert(f'COPY "{model._meta.table_name}" ({listed}) FROM STDIN', buffer)


_SPECIAL = ('\\', '\t', '\n', '\r')


def _copy_column(column, kinds):
    """A column's values in COPY's text format (_copy_text of each value).
    Texts are escaped one by one only in a column where one needs it (most
    columns have none: one search of the joined column tells)."""
    if kinds <= {str, _NONE}:
        texts = column if _NONE not in kinds else [value for value in column if value is not None]
        joined = '\x00'.join(texts)
        if any(special in joined for special in _SPECIAL):
            return [_copy_text(value) for value in column]
        if _NONE in kinds:
            return ['\\N' if value is None else value for value in column]
        return column
    if kinds <= {int, _NONE}:
        return ['\\N' if value is None else str(value) for value in column]
    return [_copy_text(value) for value in column]
