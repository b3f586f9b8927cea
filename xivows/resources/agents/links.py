"""What an agent is linked to: its users, its queue memberships (with a
penalty) and its skills (with a weight). Each is checked (nothing written) and
then applied; None leaves those links as they are."""

from xivows.constants import MAX_ID
from xivows.errors import InvalidInput
from xivows.resources.agents import queries
from xivows.resources.agents.inputs import AgentQueue, AgentSkill
from xivows.resources.queue_members import service as queue_members
from xivows.resources.queue_members.inputs import MAX_PENALTY
from xivows.resources.users import queries as user_queries

MAX_WEIGHT = 100


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def check_users(user_ids: list[int] | None) -> list[int] | None:
    if user_ids is None:
        return None
    if not isinstance(user_ids, list) or not all(_is_int(i) for i in user_ids):
        raise InvalidInput('user-select: must be a list of user ids')
    user_ids = list(dict.fromkeys(user_ids))
    known = user_queries.existing_ids(user_ids)
    missing = [i for i in user_ids if i not in known]
    if missing:
        raise InvalidInput(f'user-select: no such user: {missing[0]}')
    return user_ids


def check_queues(queues: list[AgentQueue] | None, number: str) -> list[tuple[str, int]] | None:
    """-> [(queue name, penalty)] (a queue given twice counts once)."""
    if queues is None:
        return None
    if not isinstance(queues, list) or not all(
        isinstance(queue, AgentQueue) and isinstance(queue.name, str) for queue in queues
    ):
        raise InvalidInput('queue-select: must be a list of queue names')
    wanted = {}
    for queue in queues:
        if not _is_int(queue.penalty) or not 0 <= queue.penalty <= MAX_PENALTY:
            raise InvalidInput(f'queue.{queue.name}.penalty: must be 0 to {MAX_PENALTY}')
        wanted.setdefault(queue.name, queue.penalty)
    if wanted and not number.isdigit():
        # Agent/<number> with * or # cannot be dialled as a queue member.
        raise InvalidInput(
            f'queue-select: agent number {number} is not all digits, it cannot be a queue member'
        )
    known = queries.existing_queue_names(list(wanted))
    for name in wanted:
        if name not in known:
            raise InvalidInput(f'queue-select: no such queue: {name}')
    return list(wanted.items())


def check_skills(skills: list[AgentSkill] | None) -> list[tuple[int, int]] | None:
    """-> [(skill id, weight)]."""
    if skills is None:
        return None
    if not isinstance(skills, list) or not all(isinstance(skill, AgentSkill) for skill in skills):
        raise InvalidInput('queueskills: must be a list of {id, weight}')
    checked = {}
    for index, skill in enumerate(skills):
        where = f'queueskills.{index}'
        if not _is_int(skill.id) or not 0 < skill.id <= MAX_ID:
            raise InvalidInput(f'{where}.id: must be a skill id')
        if not _is_int(skill.weight) or not 0 <= skill.weight <= MAX_WEIGHT:
            raise InvalidInput(f'{where}.weight: must be 0 to {MAX_WEIGHT}')
        if skill.id in checked:
            raise InvalidInput(f'{where}.id: skill {skill.id} is given twice')
        checked[skill.id] = skill.weight
    known = queries.existing_skill_ids(list(checked))
    missing = [i for i in checked if i not in known]
    if missing:
        raise InvalidInput(f'queueskills: no such skill: {missing[0]}')
    return list(checked.items())


def apply_users(agent, user_ids, adding=False):
    if user_ids is not None:
        queries.link_users(agent.id, user_ids, adding)


def apply_queues(agent, memberships, adding=False):
    """Replace the agent's memberships: kept queues keep their row (position),
    with the new penalty; a logged agent follows in Asterisk."""
    if memberships is None or (adding and not memberships):
        return
    queue_members.replace_memberships(
        queue_members.Member.agent(agent.id, agent.number),
        queue_members.QUEUE,
        memberships,
        adding=adding,
    )


def apply_skills(agent, skills, adding=False):
    if skills is not None:
        queries.replace_skills(agent.id, skills, adding)
