"""Versions 0060 and 0061 on a store made before them: web-service users get a
uuid (unique, one each), a context and change times; the live tables their new
columns."""

import pytest

from tests.conftest import _drop_postgresql_database, _postgresql_database
from xivows import db, migrations
from xivows.models.accesswebservice import AccessWebService

VERSIONS = migrations.version_names()
NEW_USER_COLUMNS = ('uuid', 'context', 'tm_create', 'tm_update')


@pytest.fixture(params=['sqlite', 'postgresql'])
def old_store(request, tmp_path, monkeypatch):
    if request.param == 'sqlite':
        url, cleanup = f'sqlite:///{tmp_path / "old.db"}', None
    else:
        base_url = request.getfixturevalue('postgresql_url')
        url, name = _postgresql_database(base_url)
        cleanup = (base_url, name)
    database = db.bind(url)
    with monkeypatch.context() as patch:
        patch.setattr(
            migrations, 'version_names', lambda: [name for name in VERSIONS if name < '0060']
        )
        migrations.upgrade()
    with database.atomic():
        database.execute_sql('DROP INDEX accesswebservice_uuid')
        for column in NEW_USER_COLUMNS:
            database.execute_sql(f'ALTER TABLE accesswebservice DROP COLUMN {column}')
        database.execute_sql('ALTER TABLE live_pjsip_aor DROP COLUMN qualify_timeout')
        database.execute_sql('ALTER TABLE live_registration DROP COLUMN expiration')
        for name in ('one', 'two'):
            database.execute_sql(
                'INSERT INTO accesswebservice (name, login, acl, disable, description) '
                f"VALUES ('{name}', '{name}', '[]', {'false' if cleanup else '0'}, '')"
            )
    yield database
    database.close()
    if cleanup:
        db.open_database(url).close_all()
        _drop_postgresql_database(*cleanup)


def test_existing_users_get_an_identity(old_store):
    assert migrations.upgrade() == [name for name in VERSIONS if name >= '0060']
    users = list(AccessWebService.select().order_by(AccessWebService.name))
    assert [user.name for user in users] == ['one', 'two']
    assert all(
        len(user.uuid) == 36 and user.tm_create and user.tm_update is None and user.context == ''
        for user in users
    )
    assert users[0].uuid != users[1].uuid
    assert {'accesswebservice_uuid': True}.items() <= {
        index.name: index.unique for index in old_store.get_indexes('accesswebservice')
    }.items()
    assert {'qualify_timeout'} <= {
        column.name for column in old_store.get_columns('live_pjsip_aor')
    }
    assert migrations.upgrade() == []
