"""CEL reads walk an index and stop at the limit, and return raw database
tuples (no model objects: an answer holds up to 5000 rows). Writes go in
batches."""
import io

from peewee import chunked

from xivows.db import database, is_postgresql
from xivows.models.cel import Cel
from xivows.resources.cel.schemas import COLUMNS
from xivows.search import equals_ci

_FIELDS = [getattr(Cel, name) for name in COLUMNS]
INSERTED = [field for field in _FIELDS if field.name != 'id']

_ANALYZE_AFTER = 10000

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


def _as_text(rows):
    # SQLite stores timestamps as text (peewee's format: str(datetime)).
    time_index = [field.name for field in INSERTED].index('eventtime')
    for row in rows:
        row = list(row)
        row[time_index] = str(row[time_index])
        yield row


_COPY_ESCAPES = str.maketrans({'\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r'})


def _copy_line(row):
    """A row in COPY's text format: tab-separated, \\N for NULL."""
    return '\t'.join('\\N' if value is None else str(value).translate(_COPY_ESCAPES)
                     for value in row) + '\n'


def _insert_postgresql(cursor, rows):
    statement = (f'COPY {Cel._meta.table_name} '
                 f'({", ".join(field.column_name for field in INSERTED)}) FROM STDIN')
    count = 0
    for chunk in chunked(rows, 10000):
        cursor.copy_expert(statement, io.StringIO(''.join(map(_copy_line, chunk))))
        count += len(chunk)
    if count >= _ANALYZE_AFTER:
        # Fresh statistics, or the planner keeps guessing a small table and
        # sorts the whole date range instead of walking the index.
        cursor.execute(f'ANALYZE {Cel._meta.table_name}')
    return count


def _insert_sqlite(cursor, rows):
    columns = ', '.join(field.column_name for field in INSERTED)
    marks = ', '.join('?' * len(INSERTED))
    statement = f'INSERT INTO {Cel._meta.table_name} ({columns}) VALUES ({marks})'
    count = 0
    for chunk in chunked(_as_text(rows), 1000):
        cursor.executemany(statement, chunk)
        count += len(chunk)
    return count


def insert(rows):
    """Store `rows` (tuples in INSERTED order, any iterable, e.g. a generator
    over a huge file); returns the count. The caller holds the transaction.
    Plain DB-API batches (COPY on PostgreSQL): building peewee queries would
    cost more than the database's own work."""
    cursor = database.cursor()
    if is_postgresql():
        return _insert_postgresql(cursor, rows)
    return _insert_sqlite(cursor, rows)
