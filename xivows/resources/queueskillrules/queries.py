from __future__ import annotations

from typing import TYPE_CHECKING

from xivows.models.queueskill import QueueSkillRule
from xivows.search import contains_any

if TYPE_CHECKING:
    from peewee import ModelSelect


def all_rules() -> ModelSelect:
    return QueueSkillRule.select().order_by(QueueSkillRule.name, QueueSkillRule.id)


def search(term: str) -> ModelSelect:
    return all_rules().where(contains_any([QueueSkillRule.name, QueueSkillRule.rule], term))


def find(rule_id: int) -> QueueSkillRule | None:
    return QueueSkillRule.get_or_none(QueueSkillRule.id == rule_id)


def name_taken(name: str) -> bool:
    return QueueSkillRule.select().where(QueueSkillRule.name == name).exists()
