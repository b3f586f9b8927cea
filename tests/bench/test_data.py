"""The benchmarks' store check (bench/data.py): they fill the database they are
given, so one that already has tables is refused before anything is written."""

import pytest
from peewee import SqliteDatabase

from bench import data


def test_an_empty_database_is_accepted_and_one_with_tables_refused(tmp_path):
    database = SqliteDatabase(str(tmp_path / 'bench.db'))
    data.require_empty(database)
    database.execute_sql('CREATE TABLE kept (x)')
    with pytest.raises(SystemExit, match='must be empty .*kept'):
        data.require_empty(database)
    assert database.get_tables() == ['kept']
    database.close()
