"""Ids are never given twice, on both databases: a script that cached an id
never reaches a newer object through it, and neither does an unlinked dial action."""

import pytest
from peewee import AutoField

from tests.helpers.api import added_id
from tests.helpers.fixtures import make_default_context
from xivows import db, migrations, models
from xivows.models.base import MonotonicIdField
from xivows.models.dialaction import Dialaction
from xivows.models.entity import Entity
from xivows.models.pickup import Pickup
from xivows.models.user import UserFeatures
from xivows.resources.pickup import queries as pickup_queries

USERS = ('ipbx', 'pbx_settings/users')
LINES = ('ipbx', 'pbx_settings/lines')
INCALLS = ('ipbx', 'call_management/incall')
LOTS = ('ipbx', 'pbx_services/parkinglot')


def add_user(api, firstname, lastname='New'):
    entity = Entity.get(Entity.name == 'acme')
    return added_id(
        api.add(
            *USERS,
            {
                'userfeatures': {
                    'firstname': firstname,
                    'lastname': lastname,
                    'entityid': entity.id,
                }
            },
        )
    )


def test_every_integer_id_of_the_store_is_monotonic():
    generated = [
        model
        for model in models.all_models()
        if model._meta.primary_key and model._meta.auto_increment
    ]
    assert len(generated) > 40
    for model in generated:
        assert isinstance(model._meta.primary_key, MonotonicIdField), model


def test_the_database_generates_them_without_reuse(app):
    """SQLite: AUTOINCREMENT; PostgreSQL: a sequence owned by the column."""
    for model in models.all_models():
        if not model._meta.auto_increment:
            continue
        table, column = model._meta.table_name, model._meta.primary_key.column_name
        if db.is_sqlite():
            (sql,) = db.database.execute_sql(
                'SELECT sql FROM sqlite_master WHERE name = ?', (table,)
            ).fetchone()
            assert 'AUTOINCREMENT' in sql, table
        else:
            (sequence,) = db.database.execute_sql(
                'SELECT pg_get_serial_sequence(%s, %s)', (table, column)
            ).fetchone()
            assert sequence, table


def test_a_deleted_users_id_is_not_given_again_and_the_incall_does_not_show_the_newcomer(api):
    make_default_context()
    add_user(api, 'Alice', 'Old')
    bob = add_user(api, 'Bob', 'Old')
    incall = {
        'incall': {'exten': '1500', 'context': 'from-extern'},
        'dialaction': {'answer': {'actiontype': 'user', 'actionarg1': str(bob)}},
    }
    assert api.add(*INCALLS, incall).status_code == 200
    assert api.delete(*USERS, bob).status_code == 200

    carol = add_user(api, 'Carol')
    assert carol > bob
    (item,) = api.list(*INCALLS).get_json()
    assert (item['actionarg1'], item['linked'], item['destidentity']) == (str(bob), False, '-')
    assert item['userfirstname'] is None
    assert api.search(*INCALLS, 'Carol').status_code == 204
    assert api.view(*USERS, bob).status_code == 404


def test_a_deleted_lines_id_is_not_given_again(api):
    make_default_context()
    body = {
        'protocol': {'protocol': 'sip', 'context': 'default'},
        'linefeatures': {'number': '1500'},
    }
    added_id(api.add(*LINES, body))
    second = added_id(api.add(*LINES, {**body, 'linefeatures': {'number': '1501'}}))
    assert api.delete(*LINES, second).status_code == 200
    assert added_id(api.add(*LINES, {**body, 'linefeatures': {'number': '1502'}})) > second
    assert api.view(*LINES, second).status_code == 404


def test_a_deleted_parking_lots_id_is_not_given_again(api):
    make_default_context()
    lot = {'name': 'first', 'context': 'default', 'extension': 700, 'positions': 10}
    added_id(api.add(*LOTS, lot))
    second = added_id(api.add(*LOTS, {**lot, 'name': 'second', 'extension': 800}))
    assert api.delete(*LOTS, second).status_code == 200
    assert added_id(api.add(*LOTS, {**lot, 'name': 'third', 'extension': 900})) > second


def test_an_unlinked_dial_action_never_shows_the_object_that_has_its_id(api):
    """A store upgraded from reused ids may hold such an action: its target
    was deleted and the id given to someone else before the upgrade."""
    make_default_context()
    dave = add_user(api, 'Dave')
    incall = {
        'incall': {'exten': '1500', 'context': 'from-extern'},
        'dialaction': {'answer': {'actiontype': 'user', 'actionarg1': str(dave)}},
    }
    assert api.add(*INCALLS, incall).status_code == 200
    assert api.search(*INCALLS, 'Dave').status_code == 200
    Dialaction.update(linked=False).where(Dialaction.category == 'incall').execute()
    (item,) = api.list(*INCALLS).get_json()
    assert (item['linked'], item['destidentity'], item['userfirstname']) == (False, '-', None)
    assert api.search(*INCALLS, 'Dave').status_code == 204


# An SQLite store created before ids were monotonic.


def _schema(database):
    return sorted(
        database.execute_sql(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'xivows_%'"
        ).fetchall()
    )


def _rows(database, table):
    return database.execute_sql(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()


@pytest.fixture
def old_style_store(tmp_path, monkeypatch):
    """A store as the code before version 0004 created it (no AUTOINCREMENT)."""
    url = f'sqlite:///{tmp_path / "old.db"}'
    database = db.bind(url)
    with monkeypatch.context() as patch:
        patch.setattr(MonotonicIdField, 'ddl', AutoField.ddl)
        patch.setattr(
            migrations, 'version_names', lambda: [name for name in VERSIONS if name < '0004']
        )
        migrations.upgrade()
    yield database
    database.close()


VERSIONS = migrations.version_names()


def test_the_upgrade_rebuilds_old_sqlite_tables_keeping_everything(old_style_store):
    database = old_style_store
    assert (
        'AUTOINCREMENT'
        not in database.execute_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'userfeatures'"
        ).fetchone()[0]
    )
    with database.atomic():
        for name in ('Ann', 'Bob', 'Cid'):
            UserFeatures.create(uuid=name, firstname=name, entityid=1)
        UserFeatures.delete().where(UserFeatures.firstname == 'Cid').execute()
        # Two incalls answered by deleted users 3 and 7 (7: before a reuse)
        for incall, user in ((1, '3'), (2, '7')):
            Dialaction.create(
                event='answer',
                category='incall',
                categoryval=str(incall),
                action='user',
                actionarg1=user,
                linked=False,
            )
        for pickup_id in (0, 4):
            Pickup.create(id=pickup_id, name=f'pickup {pickup_id}')
    tables = [
        table
        for (table,) in database.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'xivows_%'"
        )
    ]
    before = {table: _rows(database, table) for table in tables}
    schema = _schema(database)

    applied = migrations.upgrade()
    assert applied[0] == '0004_monotonic_ids'
    # Later versions may seed tables of their own (0040: the SIP settings).
    seeded = {'sipgeneralsettings'}
    assert {table: _rows(database, table) for table in tables if table not in seeded} == {
        table: rows for table, rows in before.items() if table not in seeded
    }
    after = _schema(database)
    assert {row[:3] for row in schema} <= {row[:3] for row in after}  # indexes kept
    for kind, name, _, sql in after:
        model_tables = {model._meta.table_name: model for model in models.all_models()}
        model = model_tables.get(name)
        if kind == 'table' and model and model._meta.auto_increment:
            assert 'AUTOINCREMENT' in sql, name
    with database.atomic():
        assert UserFeatures.create(uuid='Dan', firstname='Dan', entityid=1).id == 8
        assert pickup_queries.next_id() == 5
    assert migrations.upgrade() == []
