from peewee import JOIN

from xivows.models.queueskill import AgentQueueSkill, QueueSkill, QueueSkillCat
from xivows.search import contains_any


def _with_category():
    return QueueSkill.select(QueueSkill, QueueSkillCat.name.alias('category_name')).join(
        QueueSkillCat, JOIN.LEFT_OUTER, on=(QueueSkillCat.id == QueueSkill.catid)
    )


def all_skills():
    """Skills with their category name, by id (one query)."""
    return _with_category().order_by(QueueSkill.id).dicts()


def search(term):
    return (
        _with_category()
        .where(contains_any([QueueSkill.name, QueueSkill.description, QueueSkillCat.name], term))
        .order_by(QueueSkill.id)
        .dicts()
    )


def find(skill_id):
    return _with_category().where(QueueSkill.id == skill_id).dicts().first()


def name_taken(name):
    return QueueSkill.select().where(QueueSkill.name == name).exists()


def category_named(name):
    return QueueSkillCat.get_or_none(QueueSkillCat.name == name)


def existing_ids(ids):
    if not ids:
        return set()
    return {row.id for row in QueueSkill.select(QueueSkill.id).where(QueueSkill.id.in_(ids))}


def delete(skill_id):
    AgentQueueSkill.delete().where(AgentQueueSkill.skillid == skill_id).execute()
    QueueSkill.delete().where(QueueSkill.id == skill_id).execute()
