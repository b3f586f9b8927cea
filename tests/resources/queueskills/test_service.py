"""The queue skill service with its typed input: wrongly typed fields refused."""

import pytest

from tests.helpers.scenarios import unchanged_store
from xivows.errors import InvalidInput
from xivows.models.queueskill import QueueSkill, QueueSkillCat
from xivows.resources.queueskills import service
from xivows.resources.queueskills.inputs import QueueSkillInput


def test_create(app):
    skill_id = service.create(
        QueueSkillInput(name='english', category_name='langs', printscreen='en')
    )
    skill = QueueSkill.get_by_id(skill_id)
    assert (skill.name, skill.printscreen, skill.description) == ('english', 'en', '')
    assert QueueSkillCat.get_by_id(skill.catid).name == 'langs'


@pytest.mark.parametrize(
    'given,reason',
    [
        (QueueSkillInput(name=['english'], category_name='langs'), 'name: must be a string'),
        (QueueSkillInput(name='english'), 'category_name: is required'),
        (
            QueueSkillInput(name='english', category_name={'a': 1}),
            'category_name: must be a string',
        ),
        (
            QueueSkillInput(name='english', category_name='langs', printscreen='toolong'),
            'printscreen: must be at most 5 characters',
        ),
    ],
)
def test_wrong_fields_are_refused(app, given, reason):
    with unchanged_store():
        with pytest.raises(InvalidInput) as refused:
            service.create(given)
    assert refused.value.message == reason
