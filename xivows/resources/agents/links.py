"""What an agent is linked to: its users (`user-select`), its queue memberships
(`queue-select` with `queue` {name: {"penalty": 0..20}}) and its skills
(`queueskills` [{id, weight}]). Each is parsed (validated, nothing written) and
then applied; a key absent from the document leaves those links as they are."""
from xivows.errors import InvalidInput
from xivows.resources.agents import queries
from xivows.resources.queue_members import service as queue_members
from xivows.resources.users import queries as user_queries
from xivows.schemas.fields import IdList, to_int

_ids = IdList()


def _given(document, key):
    return key in document and document[key] is not None


def parse_users(document):
    """-> [user ids], or None when `user-select` is absent."""
    if not _given(document, 'user-select'):
        return None
    try:
        user_ids = _ids.deserialize(document['user-select'])
    except Exception:
        raise InvalidInput('user-select: must be a list of user ids') from None
    known = user_queries.existing_ids(user_ids)
    missing = [i for i in user_ids if i not in known]
    if missing:
        raise InvalidInput(f'user-select: no such user: {missing[0]}')
    return user_ids


def _penalty(options, name):
    option = options.get(name)
    if option is not None and not isinstance(option, dict):
        raise InvalidInput(f'queue.{name}: must be an object')
    penalty = (option or {}).get('penalty')
    penalty = 0 if penalty in (None, '') else to_int(penalty)
    if penalty is None or not 0 <= penalty <= 20:
        raise InvalidInput(f'queue.{name}.penalty: must be 0 to 20')
    return penalty


def parse_queues(document, number):
    """-> [(queue name, penalty)], or None when `queue-select` is absent."""
    if not _given(document, 'queue-select'):
        return None
    selected = document['queue-select']
    if not isinstance(selected, list) or not all(
            isinstance(name, str) or (isinstance(name, int) and not isinstance(name, bool))
            for name in selected):
        raise InvalidInput('queue-select: must be a list of queue names')
    options = document.get('queue') or {}
    if not isinstance(options, dict):
        raise InvalidInput('queue: must be an object keyed by queue name')
    names = list(dict.fromkeys(str(name).strip() for name in selected))
    if names and not number.isdigit():
        # Agent/<number> with * or # cannot be dialled as a queue member.
        raise InvalidInput(f'queue-select: agent number {number} is not all digits, '
                           'it cannot be a queue member')
    known = queries.existing_queue_names(names)
    members = []
    for name in names:
        if name not in known:
            raise InvalidInput(f'queue-select: no such queue: {name}')
        members.append((name, _penalty(options, name)))
    return members


def parse_skills(document):
    """-> [(skill id, weight)], or None when `queueskills` is absent."""
    if not _given(document, 'queueskills'):
        return None
    entries = document['queueskills']
    if entries is False or entries == {}:
        entries = []
    if not isinstance(entries, list):
        raise InvalidInput('queueskills: must be a list of {id, weight}')
    skills = []
    for index, entry in enumerate(entries):
        where = f'queueskills.{index}'
        if not isinstance(entry, dict):
            raise InvalidInput(f'{where}: must be an object {{id, weight}}')
        skill_id = to_int(entry.get('id'))
        if skill_id is None or not 0 < skill_id < 2 ** 31:
            raise InvalidInput(f'{where}.id: must be a skill id')
        weight = entry.get('weight')
        weight = 0 if weight in (None, '') else to_int(weight)
        if weight is None or not 0 <= weight <= 100:
            raise InvalidInput(f'{where}.weight: must be 0 to 100')
        if skill_id in (known for known, _ in skills):
            raise InvalidInput(f'{where}.id: skill {skill_id} is given twice')
        skills.append((skill_id, weight))
    ids = [skill_id for skill_id, _ in skills]
    missing = [i for i in ids if i not in queries.existing_skill_ids(ids)]
    if missing:
        raise InvalidInput(f'queueskills: no such skill: {missing[0]}')
    return skills


def apply_users(agent, user_ids):
    if user_ids is not None:
        queries.link_users(agent.id, user_ids)


def apply_queues(agent, members):
    """Replace the agent's memberships: kept queues keep their row (position),
    with the new penalty; a logged agent follows in Asterisk."""
    if members is None:
        return
    queue_members.replace_memberships(queue_members.Member.agent(agent.id, agent.number),
                                      queue_members.QUEUE, members)


def apply_skills(agent, skills):
    if skills is not None:
        queries.replace_skills(agent.id, skills)
