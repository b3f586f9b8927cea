"""xivows/writebehind.py and the held statements of xivows/db.py: on
PostgreSQL, new rows whose ids were drawn first are inserted with the
transaction's next statement or its end; what is stored, the ids, the errors
and the rollbacks are those of inserting them one by one."""

import pytest
from peewee import IntegrityError
from playhouse.test_utils import count_queries

from xivows import db, writebehind
from xivows.db import database
from xivows.models.entity import Entity
from xivows.probe import Probe


@pytest.fixture
def postgresql_only(app):
    if not db.is_postgresql():
        pytest.skip('rows are held on PostgreSQL only')


def _names():
    return sorted(entity.name for entity in Entity.select(Entity.name))


def test_rows_are_stored_with_the_drawn_ids_in_order(postgresql_only):
    with database.atomic():
        with writebehind.reserved({Entity: 2}):
            first = Entity.create(name='first', displayname='First')
            second = Entity.create(name='second', displayname='Second')
            assert database.obj._held() is not None  # the INSERTs wait
        # not sent yet, but read after them: the read carries them
        assert Entity.get_by_id(second.id).name == 'second'
    assert first.id < second.id
    assert {(e.id, e.name) for e in Entity.select()} >= {
        (first.id, 'first'),
        (second.id, 'second'),
    }


def test_held_inserts_are_counted_as_statements(postgresql_only):
    with count_queries() as counted, database.atomic():
        with writebehind.reserved({Entity: 1}):
            Entity.create(name='counted', displayname='Counted')
    texts = [query.msg[0] for query in counted.get_queries()]
    assert sum(text.startswith(('INSERT', 'EXECUTE')) for text in texts) >= 1
    assert _names() == ['counted']


def test_a_refused_held_insert_fails_the_transaction_and_stores_nothing(postgresql_only):
    Entity.create(name='taken', displayname='Taken')
    with pytest.raises(IntegrityError):
        with database.atomic():
            with writebehind.reserved({Entity: 2}):
                Entity.create(name='fresh', displayname='Fresh')
                Entity.create(name='taken', displayname='Again')  # unique name
    assert _names() == ['taken']  # neither of the two: one transaction
    assert Entity.select().count() == 1  # the connection is usable again


def test_a_rollback_drops_held_inserts(postgresql_only):
    class Refused(Exception):
        pass

    with pytest.raises(Refused):
        with database.atomic():
            with writebehind.reserved({Entity: 1}):
                Entity.create(name='dropped', displayname='Dropped')
            raise Refused
    assert _names() == []


def test_models_not_counted_and_rows_beyond_the_count_are_inserted_at_once(postgresql_only):
    with database.atomic():
        with writebehind.reserved({Entity: 1}):
            held = Entity.create(name='held', displayname='Held')
            direct = Entity.create(name='direct', displayname='Direct')
    assert direct.id is not None and held.id is not None and held.id != direct.id
    assert _names() == ['direct', 'held']


def test_nothing_is_drawn_or_held_on_sqlite(app):
    if not db.is_sqlite():
        pytest.skip('SQLite')
    with count_queries() as counted, database.atomic():
        with writebehind.reserved({Entity: 1}):
            entity = Entity.create(name='plain', displayname='Plain')
    texts = [query.msg[0] for query in counted.get_queries()]
    assert not any('nextval' in text or 'sqlite_sequence' in text for text in texts)
    assert Entity.get_by_id(entity.id).name == 'plain'


def test_ids_drawn_through_a_probe_come_with_its_checks(postgresql_only):
    """reserved(counts, probe): the ids are drawn by the probe's query (no
    statement of their own), then taken in order as reserved() without a probe."""
    probe = Probe()
    free = probe.exists(Entity.select().where(Entity.name == 'drawn'))
    with count_queries() as counted, database.atomic():
        with writebehind.reserved({Entity: 2}, probe):
            assert free.value is False  # the checks' query draws the ids too
            first = Entity.create(name='drawn', displayname='Drawn')
            second = Entity.create(name='drawn2', displayname='Drawn 2')
    texts = [str(query.msg[0]) for query in counted.get_queries()]
    # the probe, then the two inserts: no statement drawing the ids (the
    # sequences' names are looked up once per process)
    statements = [text for text in texts[1:-1] if 'pg_get_serial_sequence' not in text]
    assert len(statements) == 3
    assert second.id == first.id + 1
    assert _names() == ['drawn', 'drawn2']


def test_ids_drawn_for_a_refused_write_stay_unused(postgresql_only):
    class Refused(Exception):
        pass

    probe = Probe()
    with pytest.raises(Refused):
        with database.atomic():
            with writebehind.reserved({Entity: 1}, probe):
                drawn = writebehind.take(Entity)  # (runs the probe)
                raise Refused
    assert _names() == []
    assert Entity.create(name='after', displayname='After').id > drawn  # never given
