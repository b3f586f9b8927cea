"""SQLite: a users import spaces the WAL checkpoints of its connection (ten
batches' pages, not one) and puts the connection's setting back afterwards,
even when the import fails."""

import json
import os

import pytest
from click.testing import CliRunner

from tests.helpers.fixtures import make_context, make_default_context
from tests.resources.users.test_bulk import rows, user
from xivows import cli, db
from xivows.db import database
from xivows.models.entity import Entity
from xivows.models.user import UserFeatures
from xivows.resources.users import bulk


@pytest.fixture
def entity(app):
    if not db.is_sqlite():
        pytest.skip('SQLite only (PostgreSQL has no WAL checkpoints to space)')
    with app.app_context():
        make_default_context()
        yield Entity.get(Entity.name == 'acme').id


def _autocheckpoint():
    return database.execute_sql('PRAGMA wal_autocheckpoint').fetchone()[0]


def test_the_import_checkpoints_every_ten_batches_and_restores_the_setting(entity):
    before = _autocheckpoint()
    seen = []
    report = bulk.import_users(
        rows(*(user(entity, index) for index in range(1, 5))),
        batch_size=2,
        on_progress=lambda count: seen.append(_autocheckpoint()),
    )
    assert report.created == 4
    assert seen == [bulk.IMPORT_CHECKPOINT_PAGES] * 2
    assert _autocheckpoint() == before


def test_the_setting_is_restored_when_the_import_fails(entity):
    before = _autocheckpoint()

    def failing():
        yield from rows(user(entity, 1))
        raise RuntimeError('the source broke')

    with pytest.raises(RuntimeError):
        bulk.import_users(failing(), batch_size=1)
    assert _autocheckpoint() == before


def test_an_import_of_its_own_leaves_its_pages_in_the_database_file(tmp_path, monkeypatch):
    """Run as `xivows users import` (no caller's transaction): the pages the
    import left in the WAL are copied into the database file at its end."""
    path = tmp_path / 'own.db'
    url = f'sqlite:///{path}'
    monkeypatch.setenv('XIVOWS_DATABASE_URL', url)
    monkeypatch.setenv('XIVOWS_CONFIG', '')
    # never checkpointed during the import: only its end copies the pages
    monkeypatch.setattr(bulk, 'IMPORT_CHECKPOINT_PAGES', 1_000_000)
    runner = CliRunner()
    try:
        assert runner.invoke(cli.main, ['db', 'upgrade'], catch_exceptions=False).exit_code == 0
        db.bind(url)
        with database.atomic():
            make_context('default', ranges={'user': [('1000', '1999')]})  # and entity acme
            entity = Entity.get(Entity.name == 'acme').id
        database.execute_sql('PRAGMA wal_checkpoint(TRUNCATE)')
        before = os.path.getsize(path)
        users = tmp_path / 'users.jsonl'
        users.write_text(
            ''.join(
                json.dumps(
                    {
                        'userfeatures': {'firstname': f'U{index}', 'entityid': entity},
                        'linefeatures': {
                            'protocol': ['sip'],
                            'context': ['default'],
                            'number': [str(1000 + index)],
                        },
                        'voicemail': {'name': f'U{index}', 'number': str(1000 + index)},
                    }
                )
                + '\n'
                for index in range(40)
            )
        )
        result = runner.invoke(
            cli.main,
            ['users', 'import', '--batch-size', '10', str(users)],
            catch_exceptions=False,
        )
        assert result.exit_code == 0, result.output
        db.bind(url)
        assert UserFeatures.select().count() == 40
        assert os.path.getsize(path) > before
    finally:
        db.bind(url)
        database.close()
