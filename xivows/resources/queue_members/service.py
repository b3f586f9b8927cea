"""Queue and group members (`queuemember` rows): the one module that writes them.

A member is an agent (`Agent/<number>`, reached by Asterisk through the agent's
login) or a user (its line's interface). Positions give the ring order: a list
of members written for a queue is numbered 1..n; a member added alone goes last.
A member kept by a rewrite keeps its penalty. Every change of an agent's queues
raises the domain event `agent_memberships_changed(agent_id, before)` (`before`:
{queue name: former penalty, None when it was not a member}), which the agent
status follows (Asterisk converges to the store)."""
from dataclasses import dataclass

from peewee import fn

from xivows import domain_events
from xivows.models.queue import QueueMember

AGENT = 'agent'
USER = 'user'
QUEUE = 'queue'
GROUP = 'group'
AGENT_CHANNEL = 'Agent'


def agent_interface(number: str) -> str:
    return f'Agent/{number}'


@dataclass(frozen=True)
class Member:
    """Who a member row is for and how Asterisk reaches it."""
    usertype: str
    userid: int
    interface: str
    channel: str

    @classmethod
    def agent(cls, agent_id: int, number: str) -> 'Member':
        return cls(AGENT, agent_id, agent_interface(number), AGENT_CHANNEL)


def _agents_changed(changes: dict[int, dict[str, int | None]]) -> None:
    for agent_id, before in changes.items():
        if before:
            domain_events.emit('agent_memberships_changed', agent_id=agent_id, before=before)


def _of_queue(name: str, category: str, usertype: str | None = None):
    query = QueueMember.select().where((QueueMember.queue_name == name)
                                       & (QueueMember.category == category))
    if usertype is not None:
        query = query.where(QueueMember.usertype == usertype)
    return query.order_by(QueueMember.position, QueueMember.id)


def _of_member(usertype: str, userid: int, category: str | None = None):
    query = QueueMember.select().where((QueueMember.usertype == usertype)
                                       & (QueueMember.userid == userid))
    if category is not None:
        query = query.where(QueueMember.category == category)
    return query


def members_of(name: str, category: str, usertype: str | None = None) -> list:
    """The member rows of a queue or group, in ring order."""
    return list(_of_queue(name, category, usertype))


def _next_position(name: str) -> int:
    return (QueueMember.select(fn.COALESCE(fn.MAX(QueueMember.position), 0))
            .where(QueueMember.queue_name == name).scalar() or 0) + 1


def replace_members(name: str, category: str, usertype: str, wanted: list[Member]) -> None:
    """The members of one kind of a queue or group become `wanted`, in that order."""
    current = {row.userid: row for row in _of_queue(name, category, usertype)}
    wanted_ids = {member.userid for member in wanted}
    gone = [row.id for user_id, row in current.items() if user_id not in wanted_ids]
    if gone:
        QueueMember.delete().where(QueueMember.id.in_(gone)).execute()
    new_rows = []
    for position, member in enumerate(wanted, start=1):
        row = current.get(member.userid)
        if row is None:
            new_rows.append({'queue_name': name, 'interface': member.interface, 'penalty': 0,
                             'usertype': usertype, 'userid': member.userid,
                             'channel': member.channel, 'category': category,
                             'position': position})
        elif (row.position, row.interface, row.channel) != \
                (position, member.interface, member.channel):
            row.position, row.interface, row.channel = position, member.interface, member.channel
            row.save()
    if new_rows:
        QueueMember.insert_many(new_rows).execute()
    if usertype == AGENT and category == QUEUE:
        changes = {user_id: {name: row.penalty} for user_id, row in current.items()}
        changes.update({user_id: {name: None} for user_id in wanted_ids - set(current)})
        _agents_changed(changes)


def replace_memberships(member: Member, category: str,
                        wanted: list[tuple[str, int]]) -> None:
    """The queues (or groups) of one member become `wanted` [(name, penalty)]:
    kept ones keep their row and position with the new penalty, new ones go last."""
    current = {row.queue_name: row for row in _of_member(member.usertype, member.userid,
                                                          category)}
    penalties = dict(wanted)
    before = {name: row.penalty for name, row in current.items()}
    gone = [row.id for name, row in current.items() if name not in penalties]
    if gone:
        QueueMember.delete().where(QueueMember.id.in_(gone)).execute()
    for name, row in current.items():
        if name in penalties and (row.penalty, row.interface, row.channel) != \
                (penalties[name], member.interface, member.channel):
            row.penalty, row.interface, row.channel = \
                penalties[name], member.interface, member.channel
            row.save()
    for name, penalty in wanted:
        if name not in current:
            QueueMember.create(queue_name=name, interface=member.interface, penalty=penalty,
                               usertype=member.usertype, userid=member.userid,
                               channel=member.channel, category=category,
                               position=_next_position(name))
            before[name] = None
    if member.usertype == AGENT and category == QUEUE:
        changed = {name: old for name, old in before.items()
                   if name not in penalties or old != penalties[name]}
        _agents_changed({member.userid: changed})


def find(name: str, usertype: str, userid: int):
    return QueueMember.get_or_none((QueueMember.queue_name == name)
                                   & (QueueMember.usertype == usertype)
                                   & (QueueMember.userid == userid))


def add(name: str, category: str, member: Member, penalty: int = 0) -> None:
    """One more member, last in ring order."""
    QueueMember.create(queue_name=name, interface=member.interface, penalty=penalty,
                       usertype=member.usertype, userid=member.userid, channel=member.channel,
                       category=category, position=_next_position(name))
    if member.usertype == AGENT and category == QUEUE:
        _agents_changed({member.userid: {name: None}})


def remove(row) -> None:
    """One member row goes."""
    row.delete_instance()
    if row.usertype == AGENT and row.category == QUEUE:
        _agents_changed({row.userid: {row.queue_name: row.penalty}})


def delete_queue(name: str, category: str) -> None:
    """A queue or group goes: its members too (logged agents leave it in Asterisk)."""
    agents = {row.userid: {name: row.penalty}
              for row in _of_queue(name, category, AGENT)} if category == QUEUE else {}
    QueueMember.delete().where((QueueMember.queue_name == name)
                               & (QueueMember.category == category)).execute()
    _agents_changed(agents)


def delete_queues(names: list[str], category: str) -> None:
    """Many queues or groups go at once (delete-all): one query per kind."""
    if not names:
        return
    agents: dict[int, dict[str, int | None]] = {}
    if category == QUEUE:
        for row in (QueueMember.select(QueueMember.userid, QueueMember.queue_name,
                                       QueueMember.penalty)
                    .where((QueueMember.queue_name.in_(names))
                           & (QueueMember.category == category)
                           & (QueueMember.usertype == AGENT))):
            agents.setdefault(row.userid, {})[row.queue_name] = row.penalty
    QueueMember.delete().where((QueueMember.queue_name.in_(names))
                               & (QueueMember.category == category)).execute()
    _agents_changed(agents)


def delete_member(usertype: str, userid: int) -> None:
    """A user or agent goes: it leaves every queue and group."""
    before = {row.queue_name: row.penalty
              for row in _of_member(usertype, userid, QUEUE)} if usertype == AGENT else {}
    QueueMember.delete().where((QueueMember.usertype == usertype)
                               & (QueueMember.userid == userid)).execute()
    if before:
        _agents_changed({userid: before})


def delete_members(usertype: str, userids: list[int]) -> None:
    """Many users or agents go at once (delete-all)."""
    if not userids:
        return
    if usertype == AGENT:
        raise ValueError('agents leave their queues one by one (their status follows)')
    QueueMember.delete().where((QueueMember.usertype == usertype)
                               & (QueueMember.userid.in_(userids))).execute()


def follow_interface(usertype: str, userid: int, interface: str | None,
                     channel: str | None) -> None:
    """How Asterisk reaches a member changed (a user's line, an agent's number);
    None: it cannot be reached any more, its memberships go."""
    if interface is None:
        delete_member(usertype, userid)
        return
    (QueueMember.update(interface=interface, channel=channel)
     .where((QueueMember.usertype == usertype) & (QueueMember.userid == userid)
            & ((QueueMember.interface != interface) | (QueueMember.channel != channel)))
     .execute())


def rename_queue(old: str, new: str, category: str) -> None:
    """A queue or group was renamed: its members follow."""
    if old == new:
        return
    agents = {row.userid: {old: row.penalty, new: None}
              for row in _of_queue(old, category, AGENT)} if category == QUEUE else {}
    (QueueMember.update(queue_name=new)
     .where((QueueMember.queue_name == old) & (QueueMember.category == category)).execute())
    _agents_changed(agents)
