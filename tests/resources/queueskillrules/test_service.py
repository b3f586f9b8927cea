"""The queue skill rule service with its typed input: wrongly typed fields refused."""

import pytest

from tests.helpers.scenarios import unchanged_store
from xivows.errors import InvalidInput
from xivows.models.queueskill import QueueSkillRule
from xivows.resources.queueskillrules import service
from xivows.resources.queueskillrules.inputs import QueueSkillRuleInput


def test_create(app):
    rule_id = service.create(QueueSkillRuleInput(name='senior', rule=['english > 50']))
    assert QueueSkillRule.get_by_id(rule_id).rule == 'english > 50'


@pytest.mark.parametrize(
    'given,reason',
    [
        (QueueSkillRuleInput(name=['senior'], rule=['english > 50']), 'name: must be a string'),
        (QueueSkillRuleInput(name='senior'), 'rule: is required'),
        (
            QueueSkillRuleInput(name='senior', rule='english > 50'),
            'rule: must be a non-empty list of rules',
        ),
        (QueueSkillRuleInput(name='senior', rule=[50]), 'rule: rule 1: must be a string'),
    ],
)
def test_wrong_fields_are_refused(app, given, reason):
    with unchanged_store():
        with pytest.raises(InvalidInput) as refused:
            service.create(given)
    assert refused.value.message == reason
