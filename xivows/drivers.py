"""PostgreSQL's drivers stay unloaded in the server's processes when the store
is SQLite.

peewee imports psycopg2 (or psycopg) as it is imported, whatever the database:
the driver, libpq and the TLS libraries under it take about 10 MiB of resident
memory in each process. `xivows serve` knows its store before any of its
processes imports peewee, so on SQLite its web workers and its background
worker mark the drivers as absent first (peewee then goes on without them, as
on a machine where they are not installed). Commands and tests, which may open
either kind of database in one process, load them as usual."""

import sys

_POSTGRESQL_DRIVERS = ('psycopg2', 'psycopg', 'psycopg2cffi')


def sqlite_only(database_url: str) -> bool:
    """On a SQLite store, keep the PostgreSQL drivers out of this process (call
    it before peewee is imported); whether the store is SQLite."""
    if not database_url.startswith('sqlite'):
        return False
    for name in _POSTGRESQL_DRIVERS:
        sys.modules.setdefault(name, None)  # `import name` now raises ImportError
    return True
