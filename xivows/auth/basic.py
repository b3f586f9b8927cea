"""Identification of web-service users (HTTP Basic and/or host) with Flask-HTTPAuth.

Credentials present: the enabled user with that login whose password verifies;
if it has a host, the peer must match it. No credentials: the first enabled
user without login and password whose host matches the peer. 401 when nobody
is identified, 403 when the user's ACL lacks the section.

A login or host-only user accepted with no failure counted against it is
recalled (auth/recall.py): on SQLite while the accounts and failure counts are
unchanged (their stamp is read instead of them), on PostgreSQL while no
change of the accounts or failure counts was notified (auth/notified.py).

Every attempt passes the guessing limits first (auth/throttle.py): a refused
pair or address is TooManyAttempts (429) before any hash is computed. Wrong
credentials (unknown login, wrong password, right password from a host the
user does not allow) count as failures. A request without credentials that no
host-only user matches does not: nothing is guessed or hashed, and HTTP clients
send such a request first to get the challenge. Store faults while identifying
are Unavailable/InsufficientStorage (store_errors); each dialect renders them.
"""

import functools
import json
import time

from flask import jsonify, request
from flask_httpauth import HTTPBasicAuth
from peewee import SQL, Select

from xivows import db, store_errors
from xivows.auth import acl, hosts, passwords, throttle
from xivows.auth.recall import STAMP_COLUMN, Recall
from xivows.db import database
from xivows.models.accesswebservice import AccessWebService
from xivows.models.auth_failure import AuthFailure
from xivows.prepared import Columns, Prepared, param

basic_auth = HTTPBasicAuth(realm='Access Restricted')

_REASONS = {401: 'authentication required', 403: 'access denied'}


def _peer():
    return request.remote_addr or ''


def _host_allows(user, peer):
    return not user.host or hosts.host_matches(user.host, peer)


def _counts(kinds):
    """The current failure count and window end of each kind's key, as scalar
    subqueries (columns of one row, present or not)."""
    now = param('now')
    return [
        AuthFailure.select(column).where(
            (AuthFailure.key == param(f'key_{kind}')) & (AuthFailure.window_end > now)
        )
        for kind in kinds
        for column in (AuthFailure.failures, AuthFailure.window_end)
    ]


def _stamp():
    """SQLite: the snapshot's accounts stamp, as the last column (auth/recall.py)."""
    return [SQL(STAMP_COLUMN)] if db.is_sqlite() else []


def _users_query():
    """The enabled users of a login, each row with the current failure counts
    of the attempt's keys: a known login is one statement."""
    return (
        AccessWebService.select(*AccessWebService._meta.sorted_fields, *_counts(_KINDS), *_stamp())
        .where((AccessWebService.login == param('login')) & (AccessWebService.disable == False))
        .order_by(AccessWebService.id)
    )


_KINDS = (throttle.PAIR, throttle.ADDRESS, throttle.LOGIN)
_USERS = Prepared(_users_query, server_side=True)
_ACCOUNT = Columns(AccessWebService, 't1')  # a row's account, as a model instance
# Without credentials, the address's counts alone (one row, no table to read from).
_ADDRESS = Prepared(
    lambda: Select(columns=[*_counts((throttle.ADDRESS,)), *_stamp()]).bind(database),
    server_side=True,
)


def _failures(counts, keys, kinds=_KINDS):
    """(key, failures, window_end) of the current windows, from a row's counts."""
    return [
        (keys[kind], counts[2 * index], counts[2 * index + 1])
        for index, kind in enumerate(kinds)
        if counts[2 * index] is not None
    ]


def _by_credentials(login, password):
    peer = _peer()
    if not login or not password or '\x00' in login + password:
        throttle.check(peer)
        return None
    recall = Recall(login, password, peer)
    recalled = recall.user()
    if recalled is not None:
        return recalled
    with throttle.one_at_a_time(peer):  # guesses sent at once are counted in turn
        return _verified(login, password, peer, recall)


def _verified(login, password, peer, recall):
    keys = throttle.keys(peer, login)
    now = int(time.time())
    rows = _USERS.tuples(
        login=login,
        now=now,
        key_pair=keys[throttle.PAIR],
        key_address=keys[throttle.ADDRESS],
        key_login=keys[throttle.LOGIN],
    )
    failures = stamp = None
    if rows:
        if recall.active:
            stamp = rows[0][-1]
        failures = _failures(rows[0][_ACCOUNT.width :], keys)
        throttle.judge(keys, failures, now)
    else:  # an unknown login: the counts, then a hash's work as for a known one
        throttle.check(peer, login)
        passwords.verify_absent(password)
    for row in rows:
        user = _ACCOUNT.instance(row)
        if passwords.verify(user.passwd, password) and _host_allows(user, peer):
            throttle.succeeded(peer, login)
            recall.keep(user, stamp, had_failures=bool(failures))
            return user
    throttle.failed(peer, login)
    return None


def _host_only():
    """The host-only user the peer is (None), past the address's guessing limit
    (recalled as a login is: auth/recall.py)."""
    peer = _peer()
    recall = Recall('', '', peer)  # (a login is never empty: no key is shared)
    recalled = recall.user()
    if recalled is not None:
        return recalled
    keys = throttle.keys(peer)
    now = int(time.time())
    row = _ADDRESS.first(now=now, key_address=keys[throttle.ADDRESS])
    failures = _failures(row, keys, (throttle.ADDRESS,))
    throttle.judge(keys, failures, now)
    user = _by_host()
    if user is not None:
        recall.keep(user, row[2] if recall.active else None, had_failures=bool(failures))
    return user


def _by_host():
    candidates = (
        AccessWebService.select()
        .where(
            (AccessWebService.disable == False)  # noqa: E712
            & ((AccessWebService.login.is_null()) | (AccessWebService.login == ''))
            & ((AccessWebService.passwd.is_null()) | (AccessWebService.passwd == ''))
            & (AccessWebService.host.is_null(False))
            & (AccessWebService.host != '')
        )
        .order_by(AccessWebService.id)
    )
    peer = _peer()
    for user in candidates:
        if hosts.host_matches(user.host, peer):
            return user
    return None


@basic_auth.verify_password
def _verify(login, password):
    with store_errors.translated():
        # flask-httpauth passes ('', '') when no credentials were sent; only
        # then is the header parsed again to tell them from empty ones.
        if login or password or basic_auth.get_auth() is not None:
            return _by_credentials(login, password)
        return _host_only()


@basic_auth.get_user_roles
def _roles(user):
    return _sections(user.acl or '[]', acl.version())


@functools.lru_cache(maxsize=256)
def _sections(granted, _version):
    """The sections an ACL text grants (a tuple: flask-httpauth wants a
    sequence), computed once per text and set of known sections."""
    try:
        grants = json.loads(granted)
    except ValueError:
        grants = []
    return tuple(acl.granted_sections([g for g in grants if isinstance(g, str)]))


@basic_auth.error_handler
def _error(status):
    response = jsonify(error=_REASONS.get(status, 'access denied'))
    response.status_code = status
    return response


def current_user():
    return basic_auth.current_user()
