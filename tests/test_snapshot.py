"""The store snapshot the refusal tests compare (tests/helpers/scenarios.py)
sees every kind of write: were it blind, every "the store is unchanged"
assertion would pass whatever happened."""

from tests.helpers.scenarios import snapshot
from xivows.models.entity import Entity


def test_a_snapshot_sees_an_insert_an_update_and_a_delete_in_their_table_only(app):
    first = snapshot()
    assert snapshot() == first
    entity = Entity.create(name='snapped', displayname='Snapped')
    inserted = snapshot()
    assert [table for table in first if first[table] != inserted[table]] == ['entity']
    Entity.update(displayname='Changed').where(Entity.id == entity.id).execute()
    updated = snapshot()
    assert updated != inserted
    Entity.delete().where(Entity.id == entity.id).execute()
    assert snapshot() == first
