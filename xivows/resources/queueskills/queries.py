from __future__ import annotations

from typing import TYPE_CHECKING

from peewee import JOIN

from xivows.models.queueskill import AgentQueueSkill, QueueSkill, QueueSkillCat
from xivows.search import contains_any

if TYPE_CHECKING:
    from collections.abc import Collection

    from peewee import ModelSelect


def _with_category() -> ModelSelect:
    return QueueSkill.select(QueueSkill, QueueSkillCat.name.alias('category_name')).join(
        QueueSkillCat, JOIN.LEFT_OUTER, on=(QueueSkillCat.id == QueueSkill.catid)
    )


def all_skills() -> ModelSelect:
    """Skills with their category name, by id (one query)."""
    return _with_category().order_by(QueueSkill.id).dicts()


def search(term: str) -> ModelSelect:
    return (
        _with_category()
        .where(contains_any([QueueSkill.name, QueueSkill.description, QueueSkillCat.name], term))
        .order_by(QueueSkill.id)
        .dicts()
    )


def find(skill_id: int) -> dict | None:
    return _with_category().where(QueueSkill.id == skill_id).dicts().first()


def name_taken(name: str) -> bool:
    return QueueSkill.select().where(QueueSkill.name == name).exists()


def category_named(name: str) -> QueueSkillCat | None:
    return QueueSkillCat.get_or_none(QueueSkillCat.name == name)


def existing_ids(ids: Collection[int]) -> set[int]:
    if not ids:
        return set()
    return {row.id for row in QueueSkill.select(QueueSkill.id).where(QueueSkill.id.in_(ids))}


def delete(skill_id: int) -> None:
    AgentQueueSkill.delete().where(AgentQueueSkill.skillid == skill_id).execute()
    QueueSkill.delete().where(QueueSkill.id == skill_id).execute()
