"""SQLite: partial indexes of the users and lines whose searched text holds a
character outside ASCII (the only rows where SQLite's LIKE, which folds ASCII
case only, may answer a search differently from unicode folding).

A users search for an ASCII term with an i, k or s (xivows/search.py:
match_kind ASCII) asks the unicode match of those rows only; with these
indexes it reads them from the index, where it otherwise tested every row's
columns for such characters (about a third of the search's time). The index
conditions are written as the search writes them (xivows/search.py:
not_ascii_any): SQLite serves a query with a partial index only when the
query holds the index's condition. PostgreSQL: nothing (ILIKE folds unicode)."""

from xivows.db import is_sqlite


def _not_ascii(column):
    return f'length("{column}") != length(CAST("{column}" AS BLOB))'


USERS_WHERE = ' OR '.join(_not_ascii(column) for column in ('firstname', 'lastname', 'userfield'))
LINES_WHERE = _not_ascii('number')

INDEXES = (
    f'CREATE INDEX IF NOT EXISTS userfeatures_not_ascii ON userfeatures (id) WHERE {USERS_WHERE}',
    f'CREATE INDEX IF NOT EXISTS linefeatures_not_ascii ON linefeatures (id) WHERE {LINES_WHERE}',
)


def upgrade(db, migrator):
    if not is_sqlite():
        return
    for statement in INDEXES:
        db.execute_sql(statement)
