"""Logins recalled on SQLite while the accounts are unchanged
(xivows/auth/recall.py): a repeated request reads the accounts' stamp instead of
the account; any row written to the accounts or the failure counts (by this
process, another connection, another process) sends the next request back to
the account statement, and writes to the rest of the store do not.

Recalling needs committed data: these tests run on a store of their own,
outside the transaction the other tests run in."""

import contextlib
import sqlite3
import time

import pytest
from playhouse.test_utils import count_queries

from tests.helpers import served
from tests.helpers.api import basic
from xivows import create_app, db, migrations, settings, wsusers
from xivows.auth import passwords, recall
from xivows.db import database
from xivows.models.accesswebservice import AccessWebService

CHECK = '/xivo/configuration/json.php/restricted/check/'
PEER = '192.0.2.10'


def call(client, login='recalled', password='recalled-pw', peer=PEER):
    return client.get(CHECK, headers=basic(login, password), environ_base={'REMOTE_ADDR': peer})


def account_read(client, login='recalled', **credentials):
    """(status, whether the account statement ran) of one request."""
    with count_queries() as counted:
        status = call(client, login=login, **credentials).status_code
    return status, any(login in (query.msg[1] or ()) for query in counted.get_queries())


def stamp_read(client):
    with count_queries() as counted:
        assert call(client).status_code == 200
    return any(query.msg[0] == recall.STAMP for query in counted.get_queries())


def seeded(url):
    """Bind `url`, upgrade its schema and add the web-service user `recalled`
    (committed: outside the transaction the other tests run in)."""
    db.bind(url)
    migrations.upgrade()
    with database.atomic():
        wsusers.create('recalled', login='recalled', password='recalled-pw', grants=['*'])
    database.close()


def client_of(url, monkeypatch, **config):
    """A client of a new app on `url` with `config` (the settings it installs
    are the test's only)."""
    monkeypatch.setattr(settings, '_current', settings._current)
    return create_app({'DATABASE_URL': url, 'TESTING': True, **config}).test_client()


@pytest.fixture
def store(tmp_path):
    """A SQLite store of its own."""
    url = f'sqlite:///{tmp_path / "recall.db"}'
    seeded(url)
    yield url
    database.obj.close_all()


@pytest.fixture
def recalled(store, monkeypatch):
    return client_of(store, monkeypatch)


def test_a_repeated_login_is_recalled(recalled):
    assert account_read(recalled) == (200, True)
    assert account_read(recalled) == (200, False)
    assert account_read(recalled) == (200, False)


def test_no_login_is_recalled_inside_a_transaction(client):
    """(the other tests' transaction, on both databases: what is read in it may
    be rolled back)"""
    wsusers.create('recalled', login='recalled', password='recalled-pw', grants=['*'])
    for _ in range(3):
        assert account_read(client) == (200, True)


def test_the_stamp_is_read_only_when_a_login_may_be_recalled(recalled):
    assert stamp_read(recalled) is False  # nothing kept yet: the account carries it
    assert stamp_read(recalled) is True
    assert account_read(recalled, password='other') == (401, True)  # nothing kept: no stamp


def test_writes_to_the_rest_of_the_store_keep_the_recall(recalled, tmp_path):
    assert account_read(recalled) == (200, True)
    added = recalled.post(
        '/xivo/configuration/json.php/restricted/manage/entity/?act=add',
        json={'name': 'kept', 'displayname': 'Kept'},
        headers=basic('recalled', 'recalled-pw'),
        environ_base={'REMOTE_ADDR': PEER},
    )
    assert added.status_code == 200, added.get_data(as_text=True)
    other = sqlite3.connect(tmp_path / 'recall.db')
    with other:
        other.execute("UPDATE entity SET displayname = 'Other' WHERE name = 'kept'")
    other.close()
    assert account_read(recalled) == (200, False)


@pytest.mark.parametrize(
    'statement',
    [
        "INSERT INTO accesswebservice (name, login, acl, disable, description, uuid, context, "
        "tm_create) VALUES ('new', 'new', '[]', 0, '', 'u', '', 0)",
        "UPDATE accesswebservice SET description = 'x' WHERE login = 'recalled'",
        "DELETE FROM accesswebservice WHERE login = 'recalled'",
        "INSERT INTO xivows_auth_failure (key, failures, window_end) VALUES ('k', 1, 9)",
        "UPDATE xivows_auth_failure SET failures = 2",
        "DELETE FROM xivows_auth_failure",
    ],
)
def test_every_row_written_to_the_accounts_or_failures_moves_the_stamp(store, statement):
    db.bind(store)
    conn = database.connection()
    conn.execute("INSERT INTO xivows_auth_failure (key, failures, window_end) VALUES ('f', 1, 9)")
    before = recall.stamp(conn)
    conn.execute(statement)
    assert recall.stamp(conn) != before


def test_a_write_sends_the_next_request_to_the_account(recalled):
    assert account_read(recalled) == (200, True)
    AccessWebService.update(disable=True).where(AccessWebService.login == 'recalled').execute()
    assert account_read(recalled) == (401, True)


def test_a_changed_password_is_not_recalled(recalled):
    assert call(recalled).status_code == 200
    AccessWebService.update(passwd=passwords.hash_password('new-pw')).where(
        AccessWebService.login == 'recalled'
    ).execute()
    assert call(recalled).status_code == 401
    assert call(recalled, password='new-pw').status_code == 200


def test_a_commit_of_another_connection_ends_the_recall(recalled, tmp_path):
    assert account_read(recalled) == (200, True)
    assert account_read(recalled) == (200, False)
    other = sqlite3.connect(tmp_path / 'recall.db')
    with other:
        other.execute("UPDATE accesswebservice SET disable = 1 WHERE login = 'recalled'")
    other.close()
    assert account_read(recalled) == (401, True)


def test_the_key_is_login_password_and_peer(recalled):
    assert account_read(recalled) == (200, True)
    assert account_read(recalled, password='wrong') == (401, True)
    assert account_read(recalled, peer='192.0.2.11')[1] is True


def test_a_login_that_had_failures_is_not_recalled(recalled):
    assert call(recalled, password='wrong').status_code == 401
    # the address's and the login's failures stay counted for their window:
    # every request is checked in full meanwhile
    for _ in range(3):
        assert account_read(recalled) == (200, True)


def test_a_login_of_a_host_name_rule_is_not_recalled(recalled):
    wsusers.create('named', login='named', password='named-pw', host='localhost', grants=['*'])
    for _ in range(3):
        assert account_read(recalled, login='named', password='named-pw', peer='127.0.0.1') == (
            200,
            True,
        )


def host_only(client, peer=PEER):
    """(status, whether the host-only users were read) of a request without credentials."""
    with count_queries() as counted:
        status = client.get(CHECK, environ_base={'REMOTE_ADDR': peer}).status_code
    texts = [query.msg[0] for query in counted.get_queries()]
    return status, any('"accesswebservice"' in text for text in texts)


def test_a_host_only_user_is_recalled_until_a_write(recalled):
    wsusers.create('automation', host='192.0.2.0/24', grants=['*'])
    assert host_only(recalled) == (200, True)
    assert host_only(recalled) == (200, False)
    assert host_only(recalled, peer='192.0.2.99') == (200, True)  # another address
    assert host_only(recalled, peer='198.51.100.1') == (401, True)  # nobody: nothing kept
    assert host_only(recalled, peer='198.51.100.1') == (401, True)
    AccessWebService.update(disable=True).where(AccessWebService.name == 'automation').execute()
    assert host_only(recalled) == (401, True)


def test_a_host_only_user_of_an_address_with_failures_is_not_recalled(recalled):
    wsusers.create('automation', host='192.0.2.0/24', grants=['*'])
    assert call(recalled, password='wrong').status_code == 401  # the address's failure
    for _ in range(3):
        assert host_only(recalled) == (200, True)


def test_a_host_only_user_of_a_host_name_is_not_recalled(recalled):
    wsusers.create('named-host', host='localhost', grants=['*'])
    for _ in range(3):
        assert host_only(recalled, peer='127.0.0.1') == (200, True)


@contextlib.contextmanager
def deleted_while_recalled(url):
    """A served worker on `url` that recalls the login `other`, just deleted by
    the command line (another process, another connection)."""
    env = served.prepare(url)
    served.xivows(env, 'ws-user', 'add', 'other', '--password', 'other-pw', '--all-acl')
    with served.Server(env, workers=1) as server:
        for _ in range(3):
            assert server.call(CHECK, auth=('other', 'other-pw'))[0] == 200
        served.xivows(env, 'ws-user', 'delete', 'other')
        yield server


def test_a_write_of_another_process_ends_the_recall(tmp_path):
    """Served on SQLite: refused at once."""
    with deleted_while_recalled(f'sqlite:///{tmp_path / "served.db"}') as server:
        assert server.call(CHECK, auth=('other', 'other-pw'))[0] == 401
        assert server.call(CHECK)[0] == 200  # admin's login still accepted


def test_a_login_is_kept_for_a_bounded_time(store, monkeypatch):
    recalled = client_of(store, monkeypatch, LOGIN_RECALL_SECONDS=0.2)
    assert account_read(recalled) == (200, True)
    assert account_read(recalled) == (200, False)
    time.sleep(0.3)
    assert account_read(recalled) == (200, True)


def test_no_recall_when_turned_off(store, monkeypatch):
    recalled = client_of(store, monkeypatch, LOGIN_RECALL_SECONDS=0)
    for _ in range(3):
        assert account_read(recalled) == (200, True)
