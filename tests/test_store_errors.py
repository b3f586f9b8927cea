"""Database faults as 503/507 with a reason: the mapping, the transaction, the
authentication path and the dialects' shapes (the real outages are in test_faults)."""

import json
import sqlite3

import peewee
import psycopg2
import pytest
from playhouse.pool import MaxConnectionsExceeded

from tests.helpers.api import ADMIN_LOGIN, ADMIN_PASSWORD, basic
from xivows import store_errors, transaction
from xivows.db import database
from xivows.errors import InsufficientStorage, InvalidInput, Unavailable

CHECK = '/xivo/configuration/json.php/restricted/check/'
ENTITY = '/xivo/configuration/json.php/restricted/manage/entity/'


DRIVER_TEXT = 'could not reach db.internal:5432'


def _sqlite(code, message=DRIVER_TEXT):
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code
    return peewee.OperationalError(error, message)


def _pg(code, base=psycopg2.OperationalError):
    class Error(base):
        pgcode = code

    return peewee.OperationalError(Error(DRIVER_TEXT), DRIVER_TEXT)


@pytest.mark.parametrize(
    'exc,expected',
    [
        (_sqlite(13), InsufficientStorage),  # SQLITE_FULL
        (_sqlite(778), InsufficientStorage),  # SQLITE_IOERR_WRITE (EFBIG, EIO)
        (_sqlite(5), Unavailable),  # busy
        (_sqlite(266), Unavailable),  # IOERR_READ
        (_sqlite(14), Unavailable),  # cannot open
        (_sqlite(1), None),  # SQL error: a bug, stays a 500
        (_pg('53100'), InsufficientStorage),
        (_pg('57P01'), Unavailable),  # admin shutdown
        (_pg('08006'), Unavailable),  # connection failure
        (_pg('40P01'), Unavailable),  # deadlock
        (_pg(None), Unavailable),  # refused, lost: no SQLSTATE
        (_pg(None, psycopg2.InterfaceError), Unavailable),
        (_pg('42P01', psycopg2.ProgrammingError), None),  # undefined table: a bug
        (MaxConnectionsExceeded('full'), Unavailable),
        (ValueError('x'), None),
    ],
)
def test_translate(exc, expected):
    mapped = store_errors.translate(exc)
    assert type(mapped) is expected if expected else mapped is None
    if mapped is not None:
        assert mapped.message and 'db.internal' not in mapped.message


def test_the_error_hidden_by_a_failed_rollback_is_found():
    try:
        try:
            raise _sqlite(778, 'disk I/O error')
        except peewee.OperationalError:
            raise _sqlite(1, 'cannot rollback - no transaction is active')  # noqa: B904 (the chaining is the point)
    except peewee.OperationalError as exc:
        assert isinstance(store_errors.translate(exc), InsufficientStorage)


def test_a_transaction_that_cannot_grow_is_507(app):
    def fill():
        raise _sqlite(13, 'database or disk is full')

    with app.app_context(), pytest.raises(InsufficientStorage) as raised:
        transaction.run(fill)
    assert raised.value.status == 507


def test_integrity_errors_stay_400(app):
    def clash():
        raise peewee.IntegrityError('UNIQUE constraint failed')

    with app.app_context(), pytest.raises(InvalidInput):
        transaction.run(clash)


@pytest.fixture
def store_down(monkeypatch, app):
    def unreachable(*args, **kwargs):
        raise _pg(None)

    # every statement fails (authentication reads the users with prepared SQL)
    monkeypatch.setattr(database.obj, 'execute_sql', unreachable)


def test_an_unreachable_store_while_authenticating_is_503_in_each_dialect(client, store_down):
    headers = basic(ADMIN_LOGIN, ADMIN_PASSWORD)
    response = client.get(ENTITY, headers=headers)
    assert response.status_code == 503
    assert response.data == b'{"error":"database unavailable: no connection"}'
    assert response.headers['X-XIVO-WS-VERSION'] == '1.0'
    response = client.get('/1.0/agents', headers=headers)
    assert response.status_code == 503
    assert json.loads(response.data) == {'error': 'database unavailable: no connection'}
    # host-only identification reads the store as well
    assert client.get(CHECK).status_code == 503
