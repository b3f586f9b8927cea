from __future__ import annotations

from typing import TYPE_CHECKING

from peewee import JOIN

from xivows.ids import batches
from xivows.models.agent import AgentFeatures, AgentGroup
from xivows.models.agent_status import AgentLoginStatus
from xivows.models.context import Context, ContextMember
from xivows.models.queue import QueueFeatures, QueueMember
from xivows.models.queueskill import AgentQueueSkill, QueueSkill
from xivows.models.user import UserFeatures
from xivows.search import contains_any

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

    from peewee import ModelSelect


def all_agents() -> ModelSelect:
    return AgentFeatures.select().order_by(AgentFeatures.id)


def all_ids() -> list[int]:
    return [
        agent_id
        for (agent_id,) in AgentFeatures.select(AgentFeatures.id)
        .order_by(AgentFeatures.id)
        .tuples()
    ]


def search(term: str) -> ModelSelect:
    full_name = AgentFeatures.firstname.concat(' ').concat(AgentFeatures.lastname)
    return all_agents().where(
        contains_any(
            [AgentFeatures.firstname, AgentFeatures.lastname, AgentFeatures.number, full_name],
            term,
        )
    )


def find(agent_id: int | str) -> AgentFeatures | None:
    return AgentFeatures.get_or_none(AgentFeatures.id == agent_id)


def find_by_number(number: str) -> AgentFeatures | None:
    return AgentFeatures.get_or_none(AgentFeatures.number == number)


def number_taken(number: str) -> bool:
    return AgentFeatures.select().where(AgentFeatures.number == number).exists()


def is_logged(agent_id: int) -> bool:
    return AgentLoginStatus.select().where(AgentLoginStatus.agent_id == agent_id).exists()


def has_memberships(agent_id: int) -> bool:
    return (
        QueueMember.select()
        .where((QueueMember.usertype == 'agent') & (QueueMember.userid == agent_id))
        .exists()
    )


def group(group_id: int) -> AgentGroup | None:
    return AgentGroup.get_or_none(AgentGroup.id == group_id)


def context_exists(name: str) -> bool:
    return Context.select().where(Context.name == name).exists()


def existing_queue_names(names: Collection[str]) -> set[str]:
    if not names:
        return set()
    return {
        row.name
        for row in QueueFeatures.select(QueueFeatures.name).where(QueueFeatures.name.in_(names))
    }


def existing_skill_ids(ids: Collection[int]) -> set[int]:
    if not ids:
        return set()
    return {row.id for row in QueueSkill.select(QueueSkill.id).where(QueueSkill.id.in_(ids))}


def users_of(agent_id: int) -> ModelSelect:
    return UserFeatures.select().where(UserFeatures.agentid == agent_id).order_by(UserFeatures.id)


def link_users(agent_id: int, user_ids: Collection[int], adding: bool = False) -> None:
    """The given users (and only them) are this agent's users (`adding`: a new
    agent has none yet)."""
    if not adding:
        (
            UserFeatures.update(agentid=None)
            .where((UserFeatures.agentid == agent_id) & UserFeatures.id.not_in(user_ids))
            .execute()
        )
    if user_ids:
        UserFeatures.update(agentid=agent_id).where(UserFeatures.id.in_(user_ids)).execute()


def unlink_users(agent_ids: Iterable[int]) -> None:
    for batch in batches(agent_ids):
        UserFeatures.update(agentid=None).where(UserFeatures.agentid.in_(batch)).execute()


def memberships(agent_id: int) -> ModelSelect:
    """The agent's queuemember rows with their queue id, by queue name."""
    return (
        QueueMember.select(QueueMember, QueueFeatures.id.alias('queuefeaturesid'))
        .join(QueueFeatures, JOIN.LEFT_OUTER, on=(QueueFeatures.name == QueueMember.queue_name))
        .where(
            (QueueMember.usertype == 'agent')
            & (QueueMember.category == 'queue')
            & (QueueMember.userid == agent_id)
        )
        .order_by(QueueMember.queue_name)
        .dicts()
    )


def skills_of(agent_id: int) -> list[tuple[int, int, str]]:
    """(weight, skill id, skill name) by skill name."""
    return list(
        AgentQueueSkill.select(AgentQueueSkill.weight, QueueSkill.id, QueueSkill.name)
        .join(QueueSkill, on=(QueueSkill.id == AgentQueueSkill.skillid))
        .where(AgentQueueSkill.agentid == agent_id)
        .order_by(QueueSkill.name)
        .tuples()
    )


def replace_skills(
    agent_id: int, skills: Collection[tuple[int, int]], adding: bool = False
) -> None:
    if not adding:
        delete_skills([agent_id])
    if skills:
        AgentQueueSkill.insert_many(
            [
                {'agentid': agent_id, 'skillid': skill_id, 'weight': weight}
                for skill_id, weight in skills
            ]
        ).execute()


def delete_skills(agent_ids: Iterable[int]) -> None:
    for batch in batches(agent_ids):
        AgentQueueSkill.delete().where(AgentQueueSkill.agentid.in_(batch)).execute()


def add_context_member(agent_id: int, context: str) -> None:
    ContextMember.create(context=context, type='agent', typeval=str(agent_id), varname='context')


def set_context_member(agent_id: int, context: str) -> None:
    delete_context_members([agent_id])
    add_context_member(agent_id, context)


def delete_context_members(agent_ids: Iterable[int]) -> None:
    for batch in batches(str(agent_id) for agent_id in agent_ids):
        ContextMember.delete().where(
            (ContextMember.type == 'agent') & (ContextMember.typeval.in_(batch))
        ).execute()


def delete_features(agent_ids: Iterable[int]) -> None:
    for batch in batches(agent_ids):
        AgentFeatures.delete().where(AgentFeatures.id.in_(batch)).execute()
