"""Version 0005 on a store whose events were imported twice before events
had an identity."""

import datetime
import io

import pytest

from xivows import db, migrations
from xivows.models.cel import Cel
from xivows.resources.cel import service

VERSIONS = migrations.version_names()
COLUMNS = ('eventtype', 'eventtime', 'cid_name', 'uniqueid', 'call_log_id')


@pytest.fixture
def fresh_url(own_database_url):
    return own_database_url


@pytest.fixture
def store_before_0005(fresh_url, monkeypatch):
    database = db.bind(fresh_url)
    with monkeypatch.context() as patch:
        patch.setattr(
            migrations, 'version_names', lambda: [name for name in VERSIONS if name < '0005']
        )
        migrations.upgrade()
    with database.atomic():
        database.execute_sql('DROP INDEX cel_fingerprint')
        database.execute_sql('ALTER TABLE cel DROP COLUMN fingerprint')
    yield database
    database.close()


def test_events_get_their_identity_and_copies_go(store_before_0005):
    database = store_before_0005
    first, second = (
        datetime.datetime(2012, 1, 27, 3, 12, 33, 500000),
        datetime.datetime(2012, 1, 27, 3, 12, 34),
    )
    rows = [
        ('CHAN_START', first, 'Ann', '1.1', None),
        ('HANGUP', second, 'Ann', '1.1', None),
        ('CHAN_START', first, 'Ann', '1.1', 7),  # imported twice
        ('HANGUP', second, 'Bob', '1.1', None),
    ]
    with database.atomic():
        # The model's fields but fingerprint (no default: not written).
        Cel.insert_many([dict(zip(COLUMNS, row)) for row in rows]).execute()
    assert migrations.upgrade() == [name for name in VERSIONS if name >= '0005']
    kept = [(row.id, row.eventtype, row.cid_name) for row in Cel.select().order_by(Cel.id)]
    assert [row[1:] for row in kept] == [
        ('CHAN_START', 'Ann'),
        ('HANGUP', 'Ann'),
        ('HANGUP', 'Bob'),
    ]
    assert not Cel.select().where(Cel.fingerprint.is_null()).exists()
    assert {'cel_fingerprint': True}.items() <= {
        index.name: index.unique for index in database.get_indexes('cel')
    }.items()

    again = 'eventtype,eventtime,cid_name,uniqueid\nHANGUP,2012-01-27 03:12:34,Bob,1.1\n'
    with database.atomic():
        assert service.import_csv([('again.csv', io.StringIO(again))]) == (0, 1)
    assert Cel.get(Cel.cid_name == 'Bob').eventtime == datetime.datetime(2012, 1, 27, 3, 12, 34)
