"""Logins recalled on PostgreSQL (xivows/auth/recall.py, auth/notified.py): kept
under the generation of the process's listener, which the notifications of
migration 0096's triggers move when the accounts or the failure counts change.

Recalling needs committed data: these tests run on a database of their own,
outside the transaction the other tests run in."""

import select
import time

import psycopg2
import pytest

from tests.auth.test_recall import (  # noqa: F401  (the tests: collected here too)
    CHECK,
    account_read,
    call,
    client_of,
    deleted_while_recalled,
    host_only,
    seeded,
    test_a_host_only_user_of_a_host_name_is_not_recalled,
    test_a_host_only_user_of_an_address_with_failures_is_not_recalled,
    test_a_login_is_kept_for_a_bounded_time,
    test_a_login_of_a_host_name_rule_is_not_recalled,
    test_a_login_that_had_failures_is_not_recalled,
    test_a_repeated_login_is_recalled,
    test_no_recall_when_turned_off,
    test_the_key_is_login_password_and_peer,
)
from tests.conftest import _drop_postgresql_database, _postgresql_database
from xivows import wsusers
from xivows.auth import notified, passwords
from xivows.db import database
from xivows.models.accesswebservice import AccessWebService

# The tests imported above hold on both databases: collected here, they run
# with this module's fixtures, on a PostgreSQL database of their own.


@pytest.fixture
def store(postgresql_url):
    url, name = _postgresql_database(postgresql_url)
    seeded(url)
    yield url
    notified.close()
    database.obj.close_all()
    _drop_postgresql_database(postgresql_url, name)


@pytest.fixture
def recalled(store, monkeypatch):
    return client_of(store, monkeypatch)


def arrived(since, seconds=5.0):
    """Wait until a notification moved the generation past `since`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        now = notified.generation()
        if now is not None and now != since:
            return True
        time.sleep(0.01)
    return False


def committed(url, sql):
    """`sql` committed by another connection."""
    other = psycopg2.connect(url)
    with other, other.cursor() as cursor:
        cursor.execute(sql)
    other.close()


def test_a_commit_of_another_connection_ends_the_recall(recalled, store):
    assert account_read(recalled) == (200, True)
    assert account_read(recalled) == (200, False)
    before = notified.generation()
    committed(store, "UPDATE accesswebservice SET disable = true WHERE login = 'recalled'")
    assert arrived(before)
    assert account_read(recalled) == (401, True)


def test_a_write_of_this_process_ends_the_recall(recalled):
    assert account_read(recalled) == (200, True)
    before = notified.generation()
    AccessWebService.update(passwd=passwords.hash_password('new-pw')).where(
        AccessWebService.login == 'recalled'
    ).execute()
    assert arrived(before)
    assert account_read(recalled) == (401, True)
    assert call(recalled, password='new-pw').status_code == 200


def test_a_failure_counted_anywhere_ends_the_recall(recalled):
    assert account_read(recalled) == (200, True)
    assert account_read(recalled) == (200, False)
    before = notified.generation()
    assert call(recalled, login='nobody', password='guess', peer='198.51.100.7').status_code == 401
    assert arrived(before)
    assert account_read(recalled) == (200, True)


def test_without_a_listener_every_request_checks(recalled, store, monkeypatch):
    """The listener's connection ended by the server: nothing is recalled
    until a listener is open again (and a login checked under it)."""
    monkeypatch.setattr(notified, 'RETRY_SECONDS', 30.0)
    assert account_read(recalled) == (200, True)
    assert account_read(recalled) == (200, False)
    committed(
        store,
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity'
        " WHERE datname = current_database() AND query = 'LISTEN xivows_auth'",
    )
    select.select([notified._listener.conn], [], [], 5)  # the server's last message
    time.sleep(0.05)  # (and the end of the connection, sent with it)
    assert notified.generation() is None  # one look sees the listener lost
    assert account_read(recalled) == (200, True)
    assert account_read(recalled) == (200, True)  # not listening until the retry
    notified._listener.retry_at = 0.0  # the retry is due
    assert account_read(recalled) == (200, True)  # listening again: checked once
    assert account_read(recalled) == (200, False)


def test_a_host_only_user_is_recalled_until_a_write(recalled):
    wsusers.create('automation', host='192.0.2.0/24', grants=['*'])
    assert host_only(recalled) == (200, True)
    assert host_only(recalled) == (200, False)
    assert host_only(recalled, peer='198.51.100.1') == (401, True)  # nobody: nothing kept
    before = notified.generation()
    AccessWebService.update(disable=True).where(AccessWebService.name == 'automation').execute()
    assert arrived(before)
    assert host_only(recalled) == (401, True)


def test_a_write_of_another_process_ends_the_recall(store):
    """Served on PostgreSQL: refused once the deletion's notification is in."""
    with deleted_while_recalled(store) as server:
        # refused once the notification is in: within a second, far below the
        # 5 s a kept login may last without one
        deadline = time.monotonic() + 1.0
        while server.call(CHECK, auth=('other', 'other-pw'))[0] != 401:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert server.call(CHECK)[0] == 200  # admin's login still accepted
