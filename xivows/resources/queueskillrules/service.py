"""Queue skill rules: named lists of conditions on agents' skills."""
from xivows.errors import InvalidInput, NotFound
from xivows.models.queueskill import QueueSkillRule
from xivows.resources.queueskillrules import queries
from xivows.resources.queueskillrules.schemas import SEPARATOR, queue_skill_rule_schema
from xivows.schemas import load


def get(rule_id):
    rule = queries.find(rule_id)
    if rule is None:
        raise NotFound.of('queue skill rule', rule_id)
    return rule


def create(document):
    values = load(queue_skill_rule_schema, document)
    if queries.name_taken(values['name']):
        raise InvalidInput(f'name: already used: {values["name"]}')
    return QueueSkillRule.create(name=values['name'],
                                 rule=SEPARATOR.join(values['rule'])).id


def delete(rule_id):
    get(rule_id).delete_instance()
