"""The entity service with its typed input: a rename follows in the contexts,
wrongly typed fields are refused."""

import pytest

from tests.helpers.scenarios import unchanged_store
from xivows.errors import InvalidInput
from xivows.models.context import Context
from xivows.models.entity import Entity
from xivows.resources.entity import service
from xivows.resources.entity.inputs import EntityInput


def test_create_and_rename(app):
    entity_id = service.create(EntityInput({'name': 'acme', 'displayname': 'Acme Corp'}))
    Context.create(name='ctx', displayname='Ctx', entity='acme')
    service.edit(entity_id, EntityInput({'name': 'Globex'}))
    assert Entity.get_by_id(entity_id).name == 'globex'
    assert Context.get(Context.name == 'ctx').entity == 'globex'


@pytest.mark.parametrize(
    'changes,reason',
    [
        (EntityInput({'name': ['acme']}), 'name: must be a string'),
        (EntityInput({'displayname': {'a': 1}}), 'displayname: must be a string'),
        (EntityInput({'phonenumber': 'abc'}), 'phonenumber: has an invalid format'),
        (EntityInput({'country': 42}), 'country: has an invalid format'),
        (EntityInput([]), 'body: must be an object'),
    ],
)
def test_wrong_fields_are_refused(app, changes, reason):
    entity_id = service.create(EntityInput({'name': 'acme', 'displayname': 'Acme Corp'}))
    with unchanged_store():
        with pytest.raises(InvalidInput) as refused:
            service.edit(entity_id, changes)
    assert refused.value.message == reason
