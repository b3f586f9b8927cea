"""PostgreSQL: trigram indexes (extension pg_trgm) for the substring searches
of users and lines (ILIKE '%term%' over a user's "firstname lastname", its
userfield, a line's number), so that a search reads the index instead of every
row. Where the extension is not installed on the server, or the database user
may not create it, nothing is done: searches scan the tables as before. SQLite:
nothing (its LIKE cannot use such indexes)."""

import logging

from peewee import DatabaseError

from xivows.db import is_postgresql

log = logging.getLogger(__name__)

# The expressions are written as peewee writes them in the searches
# (xivows/resources/users/queries.py): an expression index serves only the
# same expression.
INDEXES = (
    (
        'CREATE INDEX IF NOT EXISTS userfeatures_fullname_trgm ON userfeatures '
        "USING gin (((firstname || ' ') || lastname) gin_trgm_ops)"
    ),
    (
        'CREATE INDEX IF NOT EXISTS userfeatures_userfield_trgm ON userfeatures '
        'USING gin (userfield gin_trgm_ops)'
    ),
    (
        'CREATE INDEX IF NOT EXISTS linefeatures_number_trgm ON linefeatures '
        'USING gin (number gin_trgm_ops)'
    ),
)


def upgrade(db, migrator):
    if not is_postgresql():
        return
    try:
        with db.atomic():  # a savepoint: a refusal leaves the upgrade's transaction usable
            db.execute_sql('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    except DatabaseError as exc:  # not available, or not allowed
        log.warning('no trigram indexes for searches (pg_trgm: %s)', str(exc).strip())
        return
    for statement in INDEXES:
        db.execute_sql(statement)
