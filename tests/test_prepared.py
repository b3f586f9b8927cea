"""Prepared queries (xivows/prepared.py): on PostgreSQL, the ones marked
server-side are prepared in the server once per connection and then executed
by name; their rows are the same as the plain statement's. So are the INSERT
of a model's row and a probe's composed lookups; a text the server cannot
prepare runs plain without harming the transaction. Pooled PostgreSQL
connections given back a moment ago are taken again without a ping."""

import pytest
from playhouse import pool

from xivows import db, prepared
from xivows.db import database
from xivows.models.entity import Entity
from xivows.prepared import Prepared, param


def _by_name(server_side):
    return Prepared(
        lambda: Entity.select(Entity.id, Entity.name).where(
            Entity.name == param('name', Entity.name)
        ),
        server_side=server_side,
    )


def _prepared_here():
    """The statements prepared on this connection (PostgreSQL's own view)."""
    return {row[0] for row in database.execute_sql('SELECT name FROM pg_prepared_statements')}


@pytest.fixture
def postgresql_only(app):
    if not db.is_postgresql():
        pytest.skip('prepared in the server on PostgreSQL only')
    Entity.create(name='acme', displayname='Acme')
    Entity.create(name='other', displayname='Other')


def test_a_server_side_query_is_prepared_once_and_answers_as_the_plain_one(postgresql_only):
    plain, server_side = _by_name(False), _by_name(True)
    before = _prepared_here()
    assert server_side.tuples(name='acme') == plain.tuples(name='acme') != []
    added = _prepared_here() - before
    assert len(added) == 1
    assert server_side.tuples(name='other') == plain.tuples(name='other') != []
    assert server_side.first(name='nobody') is None
    assert _prepared_here() - before == added  # not prepared again


def _prepared_texts():
    return {row[0] for row in database.execute_sql('SELECT statement FROM pg_prepared_statements')}


def test_a_model_rows_insert_is_prepared_in_the_server(postgresql_only):
    with database.atomic():
        first = Entity.create(name='third', displayname='Third')
        second = Entity.create(name='fourth', displayname='Fourth')
    inserts = [text for text in _prepared_texts() if text.startswith('PREPARE xivows_')]
    assert any('INSERT INTO "entity"' in text for text in inserts)
    stored = Entity.select(Entity.id, Entity.name).where(Entity.id.in_([first.id, second.id]))
    assert sorted((e.id, e.name) for e in stored) == [(first.id, 'third'), (second.id, 'fourth')]
    assert second.id > first.id


def test_a_probe_composed_lookups_are_prepared_in_the_server(postgresql_only):
    from xivows.probe import Probe

    for _ in range(2):
        probe = Probe()
        known = probe.exists(Entity.select().where(Entity.name == 'acme'))
        unknown = probe.exists(Entity.select().where(Entity.name == 'nobody'))
        probe.run()
        assert (known.value, unknown.value) == (True, False)
    assert any('SELECT EXISTS' in text and '"entity"' in text for text in _prepared_texts())


def test_a_text_the_server_cannot_prepare_runs_plain_inside_a_transaction(postgresql_only):
    sql = 'SELECT %s + %s'  # two parameters of unknown type: PREPARE refuses it
    with database.atomic():
        assert prepared.execute_server_side(sql, [1, 2]).fetchone()[0] == 3
        Entity.create(name='kept', displayname='Kept')  # the transaction goes on
        assert prepared.execute_server_side(sql, [2, 2]).fetchone()[0] == 4
    assert Entity.select().where(Entity.name == 'kept').count() == 1


def test_texts_prepared_per_process_are_bounded(postgresql_only, monkeypatch):
    monkeypatch.setattr(prepared, '_statements', {})
    monkeypatch.setattr(prepared, '_STATEMENTS_MAX', 1)
    before = _prepared_here()
    prepared.execute_server_side('SELECT count(*) FROM entity WHERE name = %s', ['acme'])
    prepared.execute_server_side('SELECT count(*) FROM entity WHERE id = %s', [1])
    assert len(_prepared_here() - before) == 1


def test_plain_queries_and_a_disabled_setting_prepare_nothing(postgresql_only, monkeypatch):
    before = _prepared_here()
    assert _by_name(False).tuples(name='acme')
    monkeypatch.setitem(prepared.SERVER_SIDE, 'enabled', False)
    assert _by_name(True).tuples(name='acme')
    assert _prepared_here() == before


def test_the_setting_comes_from_the_configuration(session_app, monkeypatch):
    from xivows import create_app

    monkeypatch.setitem(prepared.SERVER_SIDE, 'enabled', True)
    create_app({'DATABASE_URL': session_app.config['DATABASE_URL'], 'POSTGRESQL_PREPARE': False})
    assert prepared.SERVER_SIDE['enabled'] is False
    create_app({'DATABASE_URL': session_app.config['DATABASE_URL']})
    assert prepared.SERVER_SIDE['enabled'] is True


def test_server_side_queries_run_as_plain_ones_on_sqlite(app):
    if not db.is_sqlite():
        pytest.skip('SQLite')
    Entity.create(name='acme', displayname='Acme')
    assert _by_name(True).tuples(name='acme') == _by_name(False).tuples(name='acme') != []


def test_a_connection_given_back_a_moment_ago_is_not_pinged(database_url, monkeypatch):
    if 'postgresql' not in database_url:
        pytest.skip('the PostgreSQL pool')
    pinged = []
    checked = pool._PooledPostgresqlDatabase._is_closed

    def counting(self, conn):
        pinged.append(conn)
        return checked(self, conn)

    monkeypatch.setattr(pool._PooledPostgresqlDatabase, '_is_closed', counting)
    db.bind(database_url)
    pg = database.obj
    if not database.is_closed():
        database.close()
    database.connect()
    database.close()  # given back now
    database.connect()
    database.execute_sql('SELECT 1')
    database.close()
    assert pinged == []
    monkeypatch.setattr(type(pg), '_PING_AFTER_IDLE', 0.0)
    database.connect()
    database.close()
    assert len(pinged) == 1  # idle long enough: checked before use
