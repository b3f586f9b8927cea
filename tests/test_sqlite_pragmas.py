"""xivows/db.py: a SQLite connection's pragmas refused with "database is locked"
(SQLite returns it at once, without its busy handler, to two connections both
switching a new database to WAL) are tried again until busy_timeout; any other
refusal, or one lasting past busy_timeout, is raised. The race itself:
tests/test_operations.py::test_hosts_upgrading_at_once_upgrade_exactly_once."""

import sqlite3

import pytest

from xivows import db


class _Connection:
    def __init__(self, refusals):
        self.refusals, self.executed = list(refusals), []

    def cursor(self):
        return self

    def execute(self, sql):
        if self.refusals:
            raise sqlite3.OperationalError(self.refusals.pop(0))
        self.executed.append(sql)

    def close(self):
        pass


def _database(tmp_path, busy_timeout):
    pragmas = {'journal_mode': 'wal', 'busy_timeout': busy_timeout}
    return db._SQLite(str(tmp_path / 'x.db'), pragmas=pragmas)


def test_a_locked_pragma_is_tried_again(tmp_path):
    connection = _Connection(['database is locked', 'database is locked'])
    _database(tmp_path, 10000)._set_pragmas(connection)
    assert connection.executed == ['PRAGMA journal_mode = wal;', 'PRAGMA busy_timeout = 10000;']


def test_other_refusals_and_long_locks_are_raised(tmp_path):
    with pytest.raises(sqlite3.OperationalError, match='disk I/O error'):
        _database(tmp_path, 10000)._set_pragmas(_Connection(['disk I/O error']))
    with pytest.raises(sqlite3.OperationalError, match='locked'):
        _database(tmp_path, 50)._set_pragmas(_Connection(['database is locked'] * 1000))


def test_the_store_opens_with_its_pragmas(tmp_path):
    database = db.open_database(f'sqlite:///{tmp_path / "store.db"}')
    assert isinstance(database, db._SQLite)
    assert database.execute_sql('PRAGMA journal_mode').fetchone() == ('wal',)
    assert database.execute_sql('PRAGMA busy_timeout').fetchone() == (10000,)
    database.close()
