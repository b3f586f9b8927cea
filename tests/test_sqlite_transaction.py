"""A request's SQLite transaction sent without peewee's transaction objects ends
as peewee's atomic() does: committed, or rolled back on an exception or a
failed COMMIT; an atomic() inside is a savepoint; commit callbacks run after
the commit only; inside an open transaction it is a savepoint itself."""

import sqlite3

import pytest
from peewee import IntegrityError

from xivows import db
from xivows.db import database
from xivows.sqlite_transaction import SQLiteTransaction


@pytest.fixture
def store(tmp_path):
    previous = database.obj
    path = tmp_path / 'txn.db'
    db.bind(f'sqlite:///{path}')
    database.execute_sql('CREATE TABLE t (x INTEGER UNIQUE)')
    database.execute_sql(
        'CREATE TABLE child (x INTEGER REFERENCES t (x) DEFERRABLE INITIALLY DEFERRED)'
    )
    yield path
    db.close_all()
    database.initialize(previous)


def _stored(path, table='t'):
    """The rows another connection sees (what was committed)."""
    other = sqlite3.connect(path)
    try:
        return [row[0] for row in other.execute(f'SELECT x FROM {table} ORDER BY x')]
    finally:
        other.close()


class Refused(Exception):
    pass


def test_a_transaction_commits_what_it_wrote(store):
    with SQLiteTransaction(immediate=True):
        database.execute_sql('INSERT INTO t VALUES (1)')
        assert database.in_transaction()
        assert _stored(store) == []  # not before the commit
    assert _stored(store) == [1]
    assert not database.in_transaction()


def test_an_exception_rolls_everything_back(store):
    with pytest.raises(Refused), SQLiteTransaction(immediate=True):
        database.execute_sql('INSERT INTO t VALUES (1)')
        raise Refused
    assert _stored(store) == []
    assert not database.connection().in_transaction


def test_an_atomic_inside_is_a_savepoint(store):
    with SQLiteTransaction(immediate=True):
        database.execute_sql('INSERT INTO t VALUES (1)')
        with pytest.raises(Refused), database.atomic():
            database.execute_sql('INSERT INTO t VALUES (2)')
            raise Refused
        database.execute_sql('INSERT INTO t VALUES (3)')
    assert _stored(store) == [1, 3]


def test_a_failed_commit_is_rolled_back_and_raised_as_peewee_does(store):
    # A deferred foreign key is checked at COMMIT only.
    with pytest.raises(IntegrityError), SQLiteTransaction(immediate=True):
        database.execute_sql('INSERT INTO t VALUES (1)')
        database.execute_sql('INSERT INTO child VALUES (99)')
    assert _stored(store) == []
    assert _stored(store, 'child') == []
    assert not database.connection().in_transaction
    assert not database.in_transaction()


def test_commit_callbacks_run_after_the_commit_only(store):
    ran = []
    with SQLiteTransaction(immediate=True):
        database.after_commit(lambda: ran.append(_stored(store)))
        database.execute_sql('INSERT INTO t VALUES (1)')
    assert ran == [[1]]
    with pytest.raises(Refused), SQLiteTransaction(immediate=True):
        database.after_commit(lambda: ran.append('rolled back'))
        raise Refused
    with SQLiteTransaction():
        pass
    assert ran == [[1]]


def test_inside_an_open_transaction_it_is_a_savepoint(store):
    with database.atomic():
        database.execute_sql('INSERT INTO t VALUES (1)')
        with pytest.raises(Refused), SQLiteTransaction(immediate=True):
            database.execute_sql('INSERT INTO t VALUES (2)')
            raise Refused
        with SQLiteTransaction(immediate=True):
            database.execute_sql('INSERT INTO t VALUES (3)')
        assert _stored(store) == []
    assert _stored(store) == [1, 3]


def test_a_read_transaction_sees_one_snapshot(store):
    database.execute_sql('INSERT INTO t VALUES (1)')
    with SQLiteTransaction():
        first = database.execute_sql('SELECT count(*) FROM t').fetchone()[0]
        other = sqlite3.connect(store, isolation_level=None)
        other.execute('INSERT INTO t VALUES (2)')
        other.close()
        assert database.execute_sql('SELECT count(*) FROM t').fetchone()[0] == first == 1
    assert _stored(store) == [1, 2]
