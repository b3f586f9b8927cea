"""The store under concurrent workers: a forked worker opens its own connections,
and write acts take SQLite's write lock when their transaction begins."""

import os
import sqlite3

import pytest
from flask import Flask

from xivows import db, transaction
from xivows.db import database
from xivows.jsonphp.routes import READ_ACTS


@pytest.fixture
def sqlite_file(tmp_path):
    """A SQLite store of its own, bound for the test only."""
    previous = database.obj
    path = tmp_path / 'locks.db'
    db.bind(f'sqlite:///{path}')
    database.execute_sql('CREATE TABLE t (x INTEGER)')
    with Flask(__name__).app_context():  # after-commit actions live in flask.g
        yield path
    db.close_all()
    database.initialize(previous)


def _other_writer_blocked(path):
    """Can another connection start writing right now?"""
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute('BEGIN IMMEDIATE')
        other.execute('ROLLBACK')
        return False
    except sqlite3.OperationalError as exc:
        assert 'locked' in str(exc)
        return True
    finally:
        other.close()


def test_a_write_act_holds_the_write_lock_from_its_first_read(sqlite_file):
    # Without it, a deferred transaction that reads, then writes, fails with
    # "database is locked" when another worker committed in between.
    seen = []
    transaction.run(lambda: seen.append(_other_writer_blocked(sqlite_file)))
    assert seen == [True]


def test_a_read_act_takes_no_write_lock(sqlite_file):
    seen = []
    transaction.run_read(
        lambda: (
            database.execute_sql('SELECT * FROM t').fetchall(),
            seen.append(_other_writer_blocked(sqlite_file)),
        )
    )
    assert seen == [False]


def test_only_reading_acts_are_read_acts():
    assert READ_ACTS == {'list', 'search', 'view', 'searchid', 'searchdb', 'check'}


def test_a_forked_process_opens_its_own_database(tmp_path, monkeypatch):
    url = f'sqlite:///{tmp_path / "fork.db"}'
    parent = db.open_database(url)
    assert db.open_database(url) is parent
    monkeypatch.setattr(os, 'getpid', lambda: -1)
    child = db.open_database(url)
    assert child is not parent
    assert db.open_database(url) is child


def test_close_all_closes_pooled_connections_too(database_url):
    previous = database.obj
    opened = db.bind(database_url)
    database.connect(reuse_if_open=True)
    database.close()  # a pool keeps the connection open for reuse
    db.close_all()
    if hasattr(opened, '_connections'):
        assert opened._connections == [] and not opened._in_use
    assert opened.is_closed()
    database.initialize(previous)
