"""Queue skills (what agents know, with a level in agentqueueskill) and their
categories, created on demand."""

from dataclasses import asdict

from xivows.errors import InvalidInput
from xivows.models.queueskill import QueueSkill, QueueSkillCat
from xivows.resources import lookup
from xivows.resources.queueskills import queries
from xivows.resources.queueskills.inputs import QueueSkillInput
from xivows.resources.queueskills.schemas import queue_skill_schema
from xivows.schemas import load


def get(skill_id: int) -> dict:
    return lookup.found(queries.find(skill_id), 'queue skill', skill_id)


def create(skill: QueueSkillInput) -> int:
    values = load(
        queue_skill_schema,
        {key: value for key, value in asdict(skill).items() if value is not None},
    )
    if queries.name_taken(values['name']):
        raise InvalidInput(f'name: already used: {values["name"]}')
    category = queries.category_named(values['category_name'])
    if category is None:
        category = QueueSkillCat.create(name=values['category_name'])
    created = QueueSkill.create(
        catid=category.id,
        name=values['name'],
        description=values['description'],
        printscreen=values['printscreen'],
    )
    return created.id


def delete(skill_id: int) -> None:
    """The category stays; agents lose this skill."""
    get(skill_id)
    queries.delete(skill_id)
