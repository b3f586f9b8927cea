"""Schema creation and upgrades.

`upgrade()` first creates every missing table from the current models, then runs
the version modules of `xivows/migrations/versions/` not yet recorded, in name
order. A version module has `def upgrade(db, migrator)` and must be idempotent
(check the introspected schema before altering): on a fresh database the tables
already have their newest shape when it runs.
"""
import datetime
import importlib
import pkgutil

from peewee import CharField, DateTimeField
from playhouse.migrate import SchemaMigrator

from xivows import models
from xivows.db import database
from xivows.models.base import BaseModel
from xivows.migrations import versions


class MigrationHistory(BaseModel):
    name = CharField(max_length=128, primary_key=True)
    applied_at = DateTimeField(default=lambda: datetime.datetime.now(datetime.timezone.utc))

    class Meta:
        table_name = 'xivows_migration'


def version_names():
    return sorted(info.name for info in pkgutil.iter_modules(versions.__path__))


def pending():
    if not database.table_exists(MigrationHistory._meta.table_name):
        return version_names()
    applied = {row.name for row in MigrationHistory.select()}
    return [name for name in version_names() if name not in applied]


def _create_missing_tables():
    """New tables get their current shape. Existing ones are left to the
    version modules, except for indexes on columns they already have."""
    existing = set(database.get_tables())
    wanted = [MigrationHistory] + models.all_models()
    database.create_tables([model for model in wanted
                            if model._meta.table_name not in existing])
    for model in wanted:
        table = model._meta.table_name
        if table not in existing:
            continue
        columns = {column.name for column in database.get_columns(table)}
        if all(field.column_name in columns for field in model._meta.sorted_fields):
            model._schema.create_indexes(safe=True)


def upgrade():
    """Bring the schema to the current version; returns the versions applied."""
    applied = []
    with database.atomic():
        _create_missing_tables()
        migrator = SchemaMigrator.from_database(database.obj)
        for name in pending():
            module = importlib.import_module(f'{versions.__name__}.{name}')
            module.upgrade(database, migrator)
            MigrationHistory.create(name=name)
            applied.append(name)
    return applied
