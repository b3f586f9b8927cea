"""CEL reads walk an index and stop at the limit, and return raw database
tuples (no model objects: an answer holds up to 5000 rows). Writes go in
batches."""

from __future__ import annotations

import datetime
import hashlib
import io
from typing import TYPE_CHECKING, NamedTuple

from peewee import chunked

from xivows.db import database, is_postgresql
from xivows.models.cel import Cel
from xivows.resources.cel.schemas import COLUMNS
from xivows.search import contains_any, ends_with, equals_ci, starts_with

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterable, Iterator, Sequence

    from peewee import Query
    from psycopg2.extensions import cursor as PgCursor

_FIELDS = [getattr(Cel, name) for name in COLUMNS]
INSERTED = [field for field in _FIELDS if field.name != 'id']

_ANALYZE_AFTER = 10000

MATCHES = {
    'exact': equals_ci,
    'begin': starts_with,
    'contain': lambda field, value: contains_any([field], value),
    'end': ends_with,
}


def _rows(query: Query) -> list[tuple]:
    return list(database.execute(query))


def after_id(idbeg: int, limit: int) -> list[tuple]:
    """Events whose id is greater than `idbeg`, by id (keyset on the primary key)."""
    query = Cel.select(*_FIELDS).where(Cel.id > idbeg).order_by(Cel.id).limit(limit)
    return _rows(query)


def between(
    start: datetime.datetime,
    end: datetime.datetime,
    limit: int,
    context: str | None = None,
    matches: Iterable[tuple[str, str, str]] = (),
) -> list[tuple]:
    """Events from `start` to `end` inclusive, by time; `matches`:
    (column name, format, value) with a format of MATCHES."""
    query = Cel.select(*_FIELDS).where(Cel.eventtime.between(start, end))
    if context:
        query = query.where(Cel.context == context)
    for name, form, value in matches:
        query = query.where(MATCHES[form](getattr(Cel, name), value))
    return _rows(query.order_by(Cel.eventtime, Cel.id).limit(limit))


# An event's identity: every field Asterisk wrote (CEL rows carry no id of
# their own, and no subset is safe: a file without uniqueid, or two
# USER_DEFINED events of one channel in the same microsecond, would merge
# different events). call_log_id is left out: it is set after the import.
IDENTITY = [index for index, field in enumerate(INSERTED) if field.name != 'call_log_id']
_TIME = [field.name for field in INSERTED].index('eventtime')


def fingerprint(row: Sequence) -> str:
    """The identity of an event (a tuple in INSERTED order) as 32 hex digits."""
    values = list(row)
    if isinstance(values[_TIME], datetime.datetime):  # one text for :00 and :00.000000
        values[_TIME] = values[_TIME].isoformat(' ', 'microseconds')
    values = [values[index] for index in IDENTITY]
    # NUL cannot occur in a value (the CSV reader refuses it): an unambiguous separator.
    text = '\x00'.join('' if value is None else str(value) for value in values)
    return hashlib.blake2b(text.encode('utf-8', 'surrogatepass'), digest_size=16).hexdigest()


def _identified(rows: Iterable[Sequence]) -> Iterator[tuple]:
    for row in rows:
        yield (*row, fingerprint(row))


def _as_text(rows: Iterable[Sequence]) -> Iterator[list]:
    # SQLite stores timestamps as text (peewee's format: str(datetime)).
    for row in rows:
        row = list(row)
        row[_TIME] = str(row[_TIME])
        yield row


_COPY_ESCAPES = str.maketrans({'\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r'})


def _copy_line(row: Iterable) -> str:
    """A row in COPY's text format: tab-separated, \\N for NULL."""
    return (
        '\t'.join('\\N' if value is None else str(value).translate(_COPY_ESCAPES) for value in row)
        + '\n'
    )


_COLUMNS = [field.column_name for field in INSERTED] + [Cel.fingerprint.column_name]
_TABLE = Cel._meta.table_name
_STAGE = 'xivows_cel_import'


def _insert_postgresql(cursor: PgCursor, rows: Iterable[Sequence]) -> Imported:
    """COPY each chunk to a temporary table, then add the events not stored
    yet, once each, in file order. Filtering before inserting (rather than
    ON CONFLICT alone) keeps skipped events from consuming sequence values: a
    daily re-import of a growing file would otherwise run the id out."""
    columns = ', '.join(_COLUMNS)
    cursor.execute(f'DROP TABLE IF EXISTS {_STAGE}')
    cursor.execute(
        f'CREATE TEMPORARY TABLE {_STAGE} ON COMMIT DROP AS '
        f'SELECT 0::bigint AS line, {columns} FROM {_TABLE} WITH NO DATA'
    )
    add = (
        f'INSERT INTO {_TABLE} ({columns}) SELECT {columns} FROM ('
        f'SELECT DISTINCT ON (fingerprint) * FROM {_STAGE} staged WHERE NOT EXISTS '
        f'(SELECT 1 FROM {_TABLE} WHERE {_TABLE}.fingerprint = staged.fingerprint) '
        f'ORDER BY fingerprint, line) new ORDER BY line '
        f'ON CONFLICT (fingerprint) DO NOTHING'
    )
    read = stored = 0
    for chunk in chunked(_identified(rows), 10000):
        lines = (_copy_line((read + index, *row)) for index, row in enumerate(chunk))
        cursor.copy_expert(
            f'COPY {_STAGE} (line, {columns}) FROM STDIN', io.StringIO(''.join(lines))
        )
        read += len(chunk)
        cursor.execute(add)
        stored += cursor.rowcount
        cursor.execute(f'TRUNCATE {_STAGE}')
    cursor.execute(f'DROP TABLE {_STAGE}')
    if stored >= _ANALYZE_AFTER:
        # Fresh statistics, or the planner keeps guessing a small table and
        # sorts the whole date range instead of walking the index.
        cursor.execute(f'ANALYZE {_TABLE}')
    return Imported(stored, read - stored)


def _insert_sqlite(cursor: sqlite3.Cursor, rows: Iterable[Sequence]) -> Imported:
    # NOT EXISTS rather than ON CONFLICT: a skipped event would still consume an id.
    # Each row sees the ones before it: a line repeated in the file is skipped too.
    statement = (
        f'INSERT INTO {_TABLE} ({", ".join(_COLUMNS)}) '
        f'SELECT {", ".join("?" * len(_COLUMNS))} '
        f'WHERE NOT EXISTS (SELECT 1 FROM {_TABLE} WHERE fingerprint = ?)'
    )
    read = stored = 0
    for chunk in chunked(_as_text(_identified(rows)), 1000):
        cursor.executemany(statement, [(*row, row[-1]) for row in chunk])
        read += len(chunk)
        stored += cursor.rowcount
    return Imported(stored, read - stored)


class Imported(NamedTuple):
    stored: int  # new events
    skipped: int  # events already stored (or repeated in the input)


def insert(rows: Iterable[Sequence]) -> Imported:
    """Store the events of `rows` (tuples in INSERTED order, any iterable, e.g.
    a generator over a huge file) that are not stored yet. The caller holds the
    transaction. Plain DB-API batches (COPY on PostgreSQL): building peewee
    queries would cost more than the database's own work."""
    cursor = database.cursor()
    if is_postgresql():
        return _insert_postgresql(cursor, rows)
    return _insert_sqlite(cursor, rows)
