"""CEL reads walk an index and stop at the limit; writes go in multi-row
INSERTs. Reads return raw database tuples (no model objects: an answer holds
up to 5000 rows)."""
from peewee import chunked

from xivows.db import database, is_postgresql
from xivows.models.cel import Cel
from xivows.resources.cel.schemas import COLUMNS
from xivows.search import equals_ci

_FIELDS = [getattr(Cel, name) for name in COLUMNS]
INSERTED = [field for field in _FIELDS if field.name != 'id']

MATCHES = {
    'exact': equals_ci,
    'begin': lambda field, value: field.startswith(value),
    'contain': lambda field, value: field.contains(value),
    'end': lambda field, value: field.endswith(value),
}


def _rows(query):
    return list(database.execute(query))


def after_id(idbeg, limit):
    """Events whose id is greater than `idbeg`, by id (keyset on the primary key)."""
    query = (Cel.select(*_FIELDS).where(Cel.id > idbeg).order_by(Cel.id).limit(limit))
    return _rows(query)


def between(start, end, limit, context=None, matches=()):
    """Events from `start` to `end` inclusive, by time; `matches`:
    (column name, format, value) with a format of MATCHES."""
    query = Cel.select(*_FIELDS).where(Cel.eventtime.between(start, end))
    if context:
        query = query.where(Cel.context == context)
    for name, form, value in matches:
        query = query.where(MATCHES[form](getattr(Cel, name), value))
    return _rows(query.order_by(Cel.eventtime, Cel.id).limit(limit))


def _statement(values_marker):
    columns = ', '.join(field.column_name for field in INSERTED)
    return f'INSERT INTO {Cel._meta.table_name} ({columns}) VALUES {values_marker}'


def _as_text(rows):
    # SQLite stores timestamps as text (peewee's format: str(datetime)).
    time_index = [field.name for field in INSERTED].index('eventtime')
    for row in rows:
        row = list(row)
        row[time_index] = str(row[time_index])
        yield row


def insert(rows):
    """Store `rows` (tuples in INSERTED order, any iterable, e.g. a generator
    over a huge file); returns the count. The caller holds the transaction.
    Plain DB-API batches: building peewee queries would cost more than the
    database's own work."""
    count = 0
    cursor = database.cursor()
    if is_postgresql():
        from psycopg2.extras import execute_values
        statement = _statement('%s')
        for chunk in chunked(rows, 1000):
            execute_values(cursor, statement, chunk, page_size=1000)
            count += len(chunk)
    else:
        marks = ', '.join('?' * len(INSERTED))
        statement = _statement(f'({marks})')
        for chunk in chunked(_as_text(rows), 1000):
            cursor.executemany(statement, chunk)
            count += len(chunk)
    return count
