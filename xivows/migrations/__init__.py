"""Schema creation and upgrades.

`upgrade()` first creates every missing table from the current models, then runs
the version modules of `xivows/migrations/versions/` not yet recorded, in name
order. A version module has `def upgrade(db, migrator)` and must be idempotent
(check the introspected schema before altering): on a fresh database the tables
already have their newest shape when it runs.

Only `xivows db upgrade` and `xivows serve` call `upgrade()`; every other
command first asks `check_current()`, which refuses a missing or outdated store
with one line telling what to run. Hosts upgrading one PostgreSQL database at
once take turns on an advisory lock (SQLite: an IMMEDIATE transaction), so the
schema is upgraded exactly once and the others find nothing left to do.
"""

import contextlib
import datetime
import importlib
import os
import pkgutil

from peewee import CharField, DateTimeField
from playhouse.migrate import SchemaMigrator

from xivows import db, models
from xivows.db import database
from xivows.migrations import versions
from xivows.models.base import BaseModel


class MigrationHistory(BaseModel):
    name = CharField(max_length=128, primary_key=True)
    applied_at = DateTimeField(default=lambda: datetime.datetime.now(datetime.timezone.utc))

    class Meta:
        table_name = 'xivows_migration'


def version_names():
    return sorted(info.name for info in pkgutil.iter_modules(versions.__path__))


def _applied():
    if not database.table_exists(MigrationHistory._meta.table_name):
        return set()
    return {row.name for row in MigrationHistory.select()}


def pending():
    applied = _applied()
    return [name for name in version_names() if name not in applied]


def _refuse_a_newer_store():
    """A store a newer xivows upgraded holds what this code does not know (its
    tables, columns, rules): working on it would write half-understood rows, and
    `db upgrade` has nothing to do there. Refused, naming the versions."""
    unknown = sorted(_applied() - set(version_names()))
    if unknown:
        shown = ', '.join(unknown[:3]) + (', ...' if len(unknown) > 3 else '')
        raise StoreNotReady(
            f'database {db.describe()} has a newer schema than this xivows '
            f'({len(unknown)} migration(s) it does not know: {shown}): '
            f'run a newer xivows, or restore a backup made for this version'
        )


def _create_missing_tables():
    """New tables get their current shape. Existing ones are left to the
    version modules, except for indexes on columns they already have."""
    existing = set(database.get_tables())
    wanted = [MigrationHistory] + models.all_models()
    database.create_tables([model for model in wanted if model._meta.table_name not in existing])
    for model in wanted:
        table = model._meta.table_name
        if table not in existing:
            continue
        columns = {column.name for column in database.get_columns(table)}
        if all(field.column_name in columns for field in model._meta.sorted_fields):
            _create_missing_indexes(model, table)


def _create_missing_indexes(model, table):
    """Only the indexes the table lacks: PostgreSQL's CREATE INDEX IF NOT EXISTS
    takes a SHARE lock on the table even when the index exists, and the background
    worker upgrades while `xivows serve` already answers requests (their writes
    would deadlock with it)."""
    existing = {index.name for index in database.get_indexes(table)}
    for index in model._meta.fields_to_index():
        if index._name not in existing:
            database.execute(model._schema._create_index(index, safe=True))


# pg_advisory_xact_lock key of schema upgrades (any constant: 'xivows' in ASCII).
LOCK_KEY = 0x7869766F7773


class StoreNotReady(Exception):
    """The store is missing or older than this code; one-line message."""


def check_current():
    """Raise StoreNotReady unless the bound database holds the current schema.
    A missing SQLite file is never created here."""
    where = db.describe()
    path = db.sqlite_path()
    if path is not None and path != ':memory:' and not os.path.exists(path):
        raise StoreNotReady(f'no database at {path}: run `xivows db upgrade` to create it')
    tables = set(database.get_tables())
    if MigrationHistory._meta.table_name not in tables:
        raise StoreNotReady(
            f'database {where} holds no xivows store: run `xivows db upgrade` to create it'
        )
    _refuse_a_newer_store()
    missing = [
        model._meta.table_name
        for model in models.all_models()
        if model._meta.table_name not in tables
    ]
    waiting = pending()
    if missing or waiting:
        lacks = [f'{len(waiting)} migration(s) pending'] if waiting else []
        lacks += [f'{len(missing)} table(s) missing'] if missing else []
        raise StoreNotReady(
            f'database {where} has an older schema ({", ".join(lacks)}): run `xivows db upgrade`'
        )


def _locked():
    """The transaction of an upgrade, holding the upgrade lock until it ends."""
    if db.is_sqlite():
        # Takes the write lock at once: a second upgrader waits (busy_timeout)
        # before reading what is pending, instead of both reading then colliding.
        return database.atomic('IMMEDIATE')
    return database.atomic()


@contextlib.contextmanager
def _foreign_keys_off():
    """SQLite: rebuilding a table (the documented way to change its definition)
    drops it, and a DROP with foreign keys enforced deletes the rows of the
    tables referring to it (ON DELETE CASCADE). The pragma is ignored inside a
    transaction: it is set around the upgrade's, and the references are checked
    before its end."""
    if not db.is_sqlite() or database.in_transaction():
        yield
        return
    database.execute_sql('PRAGMA foreign_keys = OFF')
    try:
        yield
    finally:
        database.execute_sql('PRAGMA foreign_keys = ON')


def _check_foreign_keys():
    if db.is_sqlite():
        broken = database.execute_sql('PRAGMA foreign_key_check').fetchall()
        if broken:
            raise RuntimeError(f'the upgrade would break references: {broken[:5]}')


def upgrade():
    """Bring the schema to the current version; returns the versions applied."""
    applied = []
    with _foreign_keys_off(), _locked():
        if db.is_postgresql():
            database.execute_sql('SELECT pg_advisory_xact_lock(%s)', (LOCK_KEY,))
        _refuse_a_newer_store()
        _create_missing_tables()
        migrator = SchemaMigrator.from_database(database.obj)
        for name in pending():
            module = importlib.import_module(f'{versions.__name__}.{name}')
            module.upgrade(database, migrator)
            MigrationHistory.create(name=name)
            applied.append(name)
        _check_foreign_keys()
    return applied
