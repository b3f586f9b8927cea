from xivows.models.queueskill import QueueSkillRule
from xivows.search import contains_any


def all_rules():
    return QueueSkillRule.select().order_by(QueueSkillRule.name, QueueSkillRule.id)


def search(term):
    return all_rules().where(contains_any([QueueSkillRule.name, QueueSkillRule.rule], term))


def find(rule_id):
    return QueueSkillRule.get_or_none(QueueSkillRule.id == rule_id)


def name_taken(name):
    return QueueSkillRule.select().where(QueueSkillRule.name == name).exists()
