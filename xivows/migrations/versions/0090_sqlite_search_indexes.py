"""SQLite: the indexes of the users search for terms of ASCII
(xivows/resources/users/queries.py: _sqlite_search), which gathers the ids of
each way of matching apart instead of reading every user's whole row:

* userfeatures (firstname, lastname): the names are matched by a scan of this
  index, narrower than the table's rows;
* userfeatures (userfield COLLATE NOCASE): the userfield equality is a lookup;
* partial indexes of the users and lines whose searched text holds a character
  outside ASCII, the only rows where SQLite's LIKE (which folds ASCII case
  only) may answer differently from unicode folding: a term with an i, k or s
  asks the unicode match of these rows only, where it otherwise tested every
  row's columns for such characters. Their conditions are written as the
  search writes them: SQLite serves a query with a partial index only when
  the query holds the index's condition.

PostgreSQL: nothing (ILIKE folds unicode; migration 0070 has its indexes)."""

from xivows.db import is_sqlite


def _not_ascii(column):
    return f'length("{column}") != length(CAST("{column}" AS BLOB))'


USERS_NOT_ASCII = ' OR '.join(
    _not_ascii(column) for column in ('firstname', 'lastname', 'userfield')
)

INDEXES = (
    'CREATE INDEX IF NOT EXISTS userfeatures_names ON userfeatures (firstname, lastname)',
    'CREATE INDEX IF NOT EXISTS userfeatures_userfield_nocase '
    'ON userfeatures (userfield COLLATE NOCASE)',
    f'CREATE INDEX IF NOT EXISTS userfeatures_not_ascii ON userfeatures (id) '
    f'WHERE {USERS_NOT_ASCII}',
    f'CREATE INDEX IF NOT EXISTS linefeatures_not_ascii ON linefeatures (id) '
    f'WHERE {_not_ascii("number")}',
)


def upgrade(db, migrator):
    if not is_sqlite():
        return
    for statement in INDEXES:
        db.execute_sql(statement)
