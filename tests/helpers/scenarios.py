"""Checks every resource gets: a rejected request answers its status with a short
reason and leaves the whole store exactly as it was."""

import contextlib
import functools
import json

from xivows import db, models
from xivows.db import database

MALFORMED_BODIES = [
    b'',
    b'   ',
    b'{',
    b'{"a": }',
    b'[1, 2',
    b'"a string"',
    b'42',
    b'null',
    b'true',
    b'\xff\xfe{}',
    b'{"a": NaN}',
    b'{"a": 1e999}',
    b'[' * 5000 + b']' * 5000,
    b'{"a": "\\u0000"}',
    b'{"a": "\\ud800"}',
    b'{"\\u0000": 1}',
]


# Counted on purpose whatever the request's outcome: failed authentications.
BOOKKEEPING = {'xivows_auth_failure'}


def _tables():
    return tuple(
        (model._meta.table_name, tuple(field.column_name for field in model._meta.sorted_fields))
        for model in models.all_models()
        if model._meta.table_name not in BOOKKEEPING
    )


@functools.cache
def _snapshot_sql(tables, postgresql):
    """One statement answering every table's rows as one text (PostgreSQL: a
    digest of it), in a fixed order: one round trip per snapshot instead of one
    per table."""
    if postgresql:
        parts = [
            f"""(SELECT md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), ''))
            FROM "{table}" AS r)"""
            for table, _ in tables
        ]
    else:
        parts = [
            f"""(SELECT coalesce(group_concat(row, char(10)), '') FROM (
            SELECT {" || ',' || ".join(f'quote("{column}")' for column in columns)} AS row
            FROM "{table}" ORDER BY row))"""
            for table, columns in tables
        ]
    return 'SELECT ' + ', '.join(parts)


def snapshot():
    """Every row of every table (but the bookkeeping ones), comparable: each
    table's rows as text on SQLite, a digest of that text on PostgreSQL."""
    tables = _tables()
    texts = database.execute_sql(_snapshot_sql(tables, db.is_postgresql())).fetchone()
    return {table: text for (table, _), text in zip(tables, texts)}


@contextlib.contextmanager
def unchanged_store():
    before = snapshot()
    yield
    after = snapshot()
    changed = [table for table in before if before[table] != after[table]]
    assert not changed, f'store changed in: {changed}'


def assert_refused(response, status=400):
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True))
    text = response.get_data(as_text=True)
    assert len(text) < 500
    if text:
        assert json.loads(text)['error']


def check_malformed_bodies(api, family, path, act, **params):
    for raw in MALFORMED_BODIES:
        with unchanged_store():
            response = api.request(family, path, act, raw=raw, method='POST', **params)
            assert_refused(response, 400)


def check_bad_documents(api, family, path, act, documents, status=400, **params):
    """Each document is refused with `status` and nothing is stored."""
    for document in documents:
        with unchanged_store():
            response = api.request(family, path, act, body=document, **params)
            assert response.status_code == status, (
                document,
                response.status_code,
                response.get_data(as_text=True),
            )
            assert_refused(response, status)


def check_unknown_ids(
    api,
    family,
    path,
    acts=('view', 'edit', 'delete'),
    body=None,
    ids=('999999', '0', '-1', 'abc', '1.5', '99999999999999999999999', ''),
):
    for act in acts:
        for ident in ids:
            with unchanged_store():
                response = api.request(
                    family, path, act, id=ident, body=body if act == 'edit' else None
                )
                assert_refused(response, 404)


def check_acl(api, family, path, section, act='list', create_user=None):
    """A user without the section gets 403; one granted it (or a prefix) does not."""
    from xivows import wsusers

    denied = wsusers.create(
        'denied',
        login='denied',
        password='denied-pw',
        grants=['statistics/call_center/data/stats1'],
    )
    allowed = wsusers.create(
        'allowed', login='allowed', password='allowed-pw', grants=[section.rsplit('/', 1)[0]]
    )
    with unchanged_store():
        response = api.as_user('denied', 'denied-pw').request(family, path, act)
        assert response.status_code == 403
    response = api.as_user('allowed', 'allowed-pw').request(family, path, act)
    assert response.status_code not in (401, 403)
    return denied, allowed
