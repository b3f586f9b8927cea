"""Fixtures: the suite runs once on SQLite and once on PostgreSQL: the server of
XIVOWS_TEST_POSTGRESQL_URL, or else a throwaway one started for the session
(XIVOWS_TEST_POSTGRESQL_URL=skip runs the SQLite half only). Each test runs
inside a transaction that is rolled back, so every test starts from the same
store."""

import os
import uuid

import psycopg2
import pytest

from tests.helpers import postgresql
from tests.helpers.api import ADMIN_LOGIN, ADMIN_PASSWORD, Api
from xivows import create_app, db, migrations
from xivows.auth import passwords
from xivows.db import database

PG_URL_VARIABLE = 'XIVOWS_TEST_POSTGRESQL_URL'
# Tests never read the machine's configuration file (/etc/xivows/config.toml).
os.environ['XIVOWS_CONFIG'] = ''
# The web-service users the tests make in this process hash their passwords
# with a cheap scrypt: the served setting costs ~150 ms of CPU per hash, and
# the suite makes hundreds. tests/auth/test_passwords.py checks the served
# setting; servers and commands the tests start as processes use it.
passwords._METHOD = 'scrypt:1024:1:1'


def _postgresql_database(base_url):
    """A new database on the test server for this session."""
    name = f'xivows_test_{uuid.uuid4().hex[:10]}'
    connection = psycopg2.connect(base_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE {name}')
    connection.close()
    return base_url.rsplit('/', 1)[0] + '/' + name, name


def _drop_postgresql_database(base_url, name):
    connection = psycopg2.connect(base_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS {name} WITH (FORCE)')
    connection.close()


@pytest.fixture(params=['sqlite', 'postgresql'])
def own_database_url(request, tmp_path):
    """The URL of an empty database of the test's own, on each backend: for
    committed data and other processes (servers, commands, migrations)."""
    if request.param == 'sqlite':
        yield f'sqlite:///{tmp_path / "own.db"}'
        return
    base_url = request.getfixturevalue('postgresql_url')
    url, name = _postgresql_database(base_url)
    yield url
    db.open_database(url).close_all()  # this process's pool, if it opened one
    _drop_postgresql_database(base_url, name)


@pytest.fixture(scope='session')
def postgresql_url():
    """The URL of the PostgreSQL server the tests create their databases on."""
    url = os.environ.get(PG_URL_VARIABLE)
    if url == 'skip':
        pytest.skip(f'{PG_URL_VARIABLE}=skip')
    if url:
        yield url
        return
    try:
        server = postgresql.ThrowawayServer()
    except postgresql.Unavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope='session', params=['sqlite', 'postgresql'])
def database_url(request, tmp_path_factory):
    if request.param == 'sqlite':
        url = f'sqlite:///{tmp_path_factory.mktemp("sqlite") / "xivows.db"}'
        cleanup = None
    else:
        base_url = request.getfixturevalue('postgresql_url')
        url, name = _postgresql_database(base_url)
        cleanup = (base_url, name)
    db.bind(url)
    migrations.upgrade()
    from xivows import wsusers

    with database.atomic():
        wsusers.create(ADMIN_LOGIN, login=ADMIN_LOGIN, password=ADMIN_PASSWORD, grants=['*'])
    database.close()
    yield url
    db.bind(url)
    if not database.is_closed():
        database.close()
    if cleanup:
        database.obj.close_all()
        _drop_postgresql_database(*cleanup)


@pytest.fixture(scope='session')
def session_app(database_url):
    return create_app({'DATABASE_URL': database_url, 'TESTING': True})


@pytest.fixture
def app(session_app, database_url):
    db.bind(database_url)
    database.connect(reuse_if_open=True)
    with database.atomic() as transaction:
        yield session_app
        transaction.rollback()
    database.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
