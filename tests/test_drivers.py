"""xivows/drivers.py: on a SQLite store, the server's processes import peewee
without PostgreSQL's drivers; on PostgreSQL, or anywhere else, as usual."""

import subprocess
import sys

_PROBE = (
    'import sys; from xivows import drivers; '
    'print(drivers.sqlite_only(sys.argv[1])); '
    'import peewee; print(peewee.psycopg2 is not None, "psycopg2" in sys.modules and '
    'sys.modules["psycopg2"] is not None)'
)


def _probe(url):
    result = subprocess.run(
        [sys.executable, '-c', _PROBE, url], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_a_sqlite_store_keeps_the_drivers_out():
    assert _probe('sqlite:////tmp/x.db') == ['True', 'False', 'False']


def test_a_postgresql_store_loads_them():
    assert _probe('postgresql+pool://u@127.0.0.1/x') == ['False', 'True', 'True']
