"""Call events get their identity (cel.fingerprint, unique: see
xivows.resources.cel.queries), so that importing a CSV file again skips the
events already stored. Events stored twice by earlier imports (same fields,
call_log_id aside) are removed, the first one kept."""

import logging

from peewee import CharField
from playhouse.migrate import migrate

from xivows.db import is_postgresql
from xivows.models.cel import Cel
from xivows.resources.cel.queries import INSERTED, fingerprint

_BATCH = 5000
log = logging.getLogger(__name__)


def _fill(db):
    """Fingerprints of the events that have none, by batches in id order."""
    last = 0
    while True:
        rows = list(
            Cel.select(Cel.id, *INSERTED)
            .where(Cel.fingerprint.is_null() & (Cel.id > last))
            .order_by(Cel.id)
            .limit(_BATCH)
            .tuples()
        )
        if not rows:
            return
        values = [(fingerprint(row[1:]), row[0]) for row in rows]
        cursor = db.cursor()
        if is_postgresql():
            from psycopg2.extras import execute_values

            execute_values(
                cursor,
                'UPDATE cel SET fingerprint = given.fingerprint '
                'FROM (VALUES %s) AS given (fingerprint, id) '
                'WHERE cel.id = given.id',
                values,
                page_size=_BATCH,
            )
        else:
            cursor.executemany('UPDATE cel SET fingerprint = ? WHERE id = ?', values)
        last = rows[-1][0]


def _remove_duplicates(db):
    cursor = db.execute_sql(
        'DELETE FROM cel WHERE id IN (SELECT id FROM (SELECT id, ROW_NUMBER() OVER '
        '(PARTITION BY fingerprint ORDER BY id) AS copy FROM cel '
        'WHERE fingerprint IS NOT NULL) copies WHERE copy > 1)'
    )
    if cursor.rowcount:
        log.warning('removed %d call event(s) stored twice', cursor.rowcount)


def upgrade(db, migrator):
    if 'fingerprint' not in {column.name for column in db.get_columns('cel')}:
        migrate(migrator.add_column('cel', 'fingerprint', CharField(max_length=32, null=True)))
    _fill(db)
    _remove_duplicates(db)
    Cel._schema.create_indexes(safe=True)
