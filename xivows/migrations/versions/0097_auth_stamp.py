"""SQLite: a stamp that changes whenever the web-service accounts or the
authentication failure counts do, so that a login accepted under it may be
recalled across writes to the rest of the store (xivows/auth/recall.py).

Triggers on both tables give the one-row `xivows_auth_stamp` a new random value
on every inserted, updated or deleted row, whoever writes (xivows, another
process, the sqlite3 shell). Random rather than counted: a store restored from a
backup never brings back a value that stood for other accounts. A later
migration that rebuilds either table must create its triggers again
(tests/auth/test_recall.py pins them). PostgreSQL: nothing (its accounts notify instead,
0096)."""

from xivows.db import is_postgresql

TABLES = ('accesswebservice', 'xivows_auth_failure')


def upgrade(db, migrator):
    if is_postgresql():
        return
    db.execute_sql(
        'CREATE TABLE IF NOT EXISTS xivows_auth_stamp '
        '(id INTEGER PRIMARY KEY CHECK (id = 1), stamp INTEGER NOT NULL)'
    )
    db.execute_sql('INSERT OR IGNORE INTO xivows_auth_stamp (id, stamp) VALUES (1, random())')
    for table in TABLES:
        for event in ('INSERT', 'UPDATE', 'DELETE'):
            name = f'{table}_{event.lower()}_auth_stamp'
            db.execute_sql(f'DROP TRIGGER IF EXISTS {name}')
            db.execute_sql(
                f'CREATE TRIGGER {name} AFTER {event} ON {table} '
                'BEGIN UPDATE xivows_auth_stamp SET stamp = random(); END'
            )
