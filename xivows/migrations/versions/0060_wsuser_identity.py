"""Web-service users get what the seed-001 API (/v1) shows of an account: a
`uuid` (unique, one made for each existing user), a dialplan `context`, and the
times of creation and last change (existing users: created now, never changed)."""

import time
import uuid

from peewee import CharField, DoubleField
from playhouse.migrate import migrate

TABLE = 'accesswebservice'


def upgrade(db, migrator):
    columns = {column.name for column in db.get_columns(TABLE)}
    added = []
    if 'uuid' not in columns:
        added.append(migrator.add_column(TABLE, 'uuid', CharField(max_length=36, null=True)))
    if 'context' not in columns:
        added.append(migrator.add_column(TABLE, 'context', CharField(max_length=39, default='')))
    if 'tm_create' not in columns:
        added.append(migrator.add_column(TABLE, 'tm_create', DoubleField(null=True)))
    if 'tm_update' not in columns:
        added.append(migrator.add_column(TABLE, 'tm_update', DoubleField(null=True)))
    if added:
        migrate(*added)
    now = time.time()
    cursor = db.execute_sql(f'SELECT id FROM {TABLE} WHERE uuid IS NULL OR tm_create IS NULL')
    for (user_id,) in list(cursor.fetchall()):
        db.execute_sql(
            f'UPDATE {TABLE} SET uuid = COALESCE(uuid, %s), '
            f'tm_create = COALESCE(tm_create, %s) WHERE id = %s'.replace('%s', db.param),
            (str(uuid.uuid4()), now, user_id),
        )
    if not any(index.columns == ['uuid'] for index in db.get_indexes(TABLE)):
        db.execute_sql(f'CREATE UNIQUE INDEX {TABLE}_uuid ON {TABLE} (uuid)')
