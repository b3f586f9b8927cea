"""The incall service called with typed inputs, as every dialect calls it."""

import uuid

import pytest

from tests.helpers.fixtures import make_default_context
from xivows.errors import InvalidInput
from xivows.models.dialaction import Dialaction
from xivows.models.entity import Entity
from xivows.models.incall import Incall
from xivows.models.user import UserFeatures
from xivows.resources.incall import service
from xivows.resources.incall.inputs import IncallInput
from xivows.resources.ownerlinks.inputs import OwnerLinks


@pytest.fixture
def user_id(app):
    make_default_context()
    entity = Entity.get(Entity.name == 'acme')
    return UserFeatures.create(uuid=str(uuid.uuid4()), firstname='Alex', entityid=entity.id).id


def test_create_and_edit(user_id):
    answer = {'answer': {'actiontype': 'user', 'actionarg1': user_id}}
    incall_id = service.create(
        IncallInput(
            fields={'exten': '1501', 'context': 'from-extern'}, links=OwnerLinks(dialaction=answer)
        )
    )
    assert Incall.get_by_id(incall_id).exten == '1501'
    service.edit(incall_id, IncallInput(fields={'description': 'Main'}))
    incall = Incall.get_by_id(incall_id)
    assert (incall.exten, incall.description) == ('1501', 'Main')
    assert Dialaction.get(Dialaction.categoryval == str(incall_id)).actionarg1 == str(user_id)


def test_an_add_needs_an_answer(user_id):
    with pytest.raises(InvalidInput, match='dialaction.answer: is required'):
        service.create(IncallInput(fields={'exten': '1501', 'context': 'from-extern'}))
