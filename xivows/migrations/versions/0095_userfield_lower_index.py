"""PostgreSQL: an index on lower(userfield), serving the users search's
case-insensitive equality of the userfield (written lower(userfield) =
lower(term) there: xivows/resources/users/queries.py), which an ILIKE without
wildcards could only get from the trigram index. SQLite: nothing (migration
0090 has its NOCASE index)."""

from xivows.db import is_postgresql


def upgrade(db, migrator):
    if is_postgresql():
        db.execute_sql(
            'CREATE INDEX IF NOT EXISTS userfeatures_userfield_lower ON userfeatures (lower(userfield))'
        )
