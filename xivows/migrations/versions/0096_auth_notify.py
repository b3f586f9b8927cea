"""PostgreSQL: a transaction that changed the web-service accounts or the
authentication failure counts notifies channel `xivows_auth` when it commits,
so that each process may keep the logins it accepted until then
(xivows/auth/notified.py, xivows/auth/recall.py). SQLite: nothing (its write
stamp tells the same)."""

from xivows.db import is_postgresql

CHANNEL = 'xivows_auth'
TABLES = ('accesswebservice', 'xivows_auth_failure')


def upgrade(db, migrator):
    if not is_postgresql():
        return
    db.execute_sql(
        'CREATE OR REPLACE FUNCTION xivows_auth_changed() RETURNS trigger '
        f"LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END $$"
    )
    for table in TABLES:
        db.execute_sql(f'DROP TRIGGER IF EXISTS {table}_notify_auth ON {table}')
        db.execute_sql(
            f'CREATE TRIGGER {table}_notify_auth '
            f'AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} '
            'FOR EACH STATEMENT EXECUTE PROCEDURE xivows_auth_changed()'
        )
