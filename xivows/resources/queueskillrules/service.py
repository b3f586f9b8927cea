"""Queue skill rules: named lists of conditions on agents' skills."""

from dataclasses import asdict

from xivows.errors import InvalidInput
from xivows.models.queueskill import QueueSkillRule
from xivows.resources import lookup
from xivows.resources.queueskillrules import queries
from xivows.resources.queueskillrules.inputs import QueueSkillRuleInput
from xivows.resources.queueskillrules.schemas import SEPARATOR, queue_skill_rule_schema
from xivows.schemas import load


def get(rule_id: int) -> QueueSkillRule:
    return lookup.found(queries.find(rule_id), 'queue skill rule', rule_id)


def create(rule: QueueSkillRuleInput) -> int:
    values = load(
        queue_skill_rule_schema,
        {key: value for key, value in asdict(rule).items() if value is not None},
    )
    if queries.name_taken(values['name']):
        raise InvalidInput(f'name: already used: {values["name"]}')
    return QueueSkillRule.create(name=values['name'], rule=SEPARATOR.join(values['rule'])).id


def delete(rule_id: int) -> None:
    get(rule_id).delete_instance()
