"""Ids are never given twice. Pickup groups, whose ids the store gives
itself from 0, continue after the highest existing one (xivows_id_counter).
SQLite tables created before AUTOINCREMENT are rebuilt with it (rows, indexes
and triggers kept), and each table's sqlite_sequence starts at its highest id,
or at the highest id a dial action still points to (a deleted destination's id
must not be given to a newer object). PostgreSQL's serial sequences never went
back: nothing to do there.

SQLite cannot add AUTOINCREMENT to an existing table; the rebuild follows its
documented procedure (new table, copy, drop, indexes again). No table of the
store has a foreign key, so the copy needs no foreign-key juggling."""

import re

from xivows.db import is_sqlite
from xivows.models.base import MonotonicIdField

# Dial action destinations (actiontype -> table) at the time of this version.
DESTINATIONS = {
    'user': 'userfeatures',
    'group': 'groupfeatures',
    'queue': 'queuefeatures',
    'meetme': 'meetmefeatures',
    'voicemail': 'voicemail',
    'schedule': 'schedule',
    'outcall': 'outcall',
}


def _tables(db):
    from xivows import models

    return [
        (model._meta.table_name, model._meta.primary_key.column_name)
        for model in models.all_models()
        if isinstance(model._meta.primary_key, MonotonicIdField)
    ]


def _schema_sql(db, kind, table):
    return [
        sql
        for (sql,) in db.execute_sql(
            'SELECT sql FROM sqlite_master WHERE type = ? AND tbl_name = ? AND sql IS NOT NULL',
            (kind, table),
        )
    ]


def _rebuild(db, table, column):
    created = _schema_sql(db, 'table', table)
    if not created or 'AUTOINCREMENT' in created[0].upper():
        return False
    key = re.compile(
        rf'("{re.escape(column)}"\s+INTEGER\s+(?:NOT\s+NULL\s+)?PRIMARY\s+KEY)', re.IGNORECASE
    )
    sql, found = key.subn(r'\1 AUTOINCREMENT', created[0], count=1)
    if not found:
        raise RuntimeError(f'{table}: unexpected primary key definition: {created[0]}')
    indexes = _schema_sql(db, 'index', table) + _schema_sql(db, 'trigger', table)
    # SQLite's documented procedure: a new table, the rows copied, the old one
    # dropped, the new one renamed (foreign keys are off during the upgrade, so
    # neither the drop nor the rename touches the tables that refer to it).
    new = f'xivows_rebuild_{table}'
    created_sql, named = re.subn(
        rf'^CREATE TABLE\s+("{re.escape(table)}"|{re.escape(table)})',
        f'CREATE TABLE "{new}"',
        sql,
        count=1,
        flags=re.IGNORECASE,
    )
    if not named:
        raise RuntimeError(f'{table}: unexpected table definition: {sql}')
    db.execute_sql(created_sql)
    # Same definition, so the same columns in the same order.
    db.execute_sql(f'INSERT INTO "{new}" SELECT * FROM "{table}"')
    db.execute_sql(f'DROP TABLE "{table}"')
    db.execute_sql(f'ALTER TABLE "{new}" RENAME TO "{table}"')
    for statement in indexes:
        db.execute_sql(statement)
    return True


def _referenced_floor(db, table):
    """The highest id of `table` that dial actions point to (0 if none)."""
    kinds = [kind for kind, target in DESTINATIONS.items() if target == table]
    if not kinds:
        return 0
    marks = ', '.join('?' * len(kinds))
    (floor,) = db.execute_sql(
        f"SELECT MAX(CAST(actionarg1 AS INTEGER)) FROM dialaction WHERE action IN ({marks}) "
        f"AND actionarg1 GLOB '[0-9]*' AND actionarg1 NOT GLOB '*[^0-9]*'",
        kinds,
    ).fetchone()
    return floor or 0


def _start_sequence(db, table, column):
    (highest,) = db.execute_sql(f'SELECT MAX("{column}") FROM "{table}"').fetchone()
    floor = max(highest or 0, _referenced_floor(db, table))
    row = db.execute_sql('SELECT seq FROM sqlite_sequence WHERE name = ?', (table,)).fetchone()
    if row is not None and row[0] >= floor:
        return
    db.execute_sql('DELETE FROM sqlite_sequence WHERE name = ?', (table,))
    if floor:
        db.execute_sql('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)', (table, floor))


def _count_pickups_from_the_highest(db):
    (highest,) = db.execute_sql('SELECT MAX(id) FROM pickup').fetchone()
    counted = db.execute_sql("SELECT 1 FROM xivows_id_counter WHERE name = 'pickup'").fetchone()
    if highest is not None and counted is None:
        db.execute_sql(
            "INSERT INTO xivows_id_counter (name, last) VALUES ('pickup', %s)" % int(highest)
        )


def upgrade(db, migrator):
    _count_pickups_from_the_highest(db)
    if not is_sqlite():
        return
    for table, column in _tables(db):
        _rebuild(db, table, column)
        _start_sequence(db, table, column)
