"""Queue and group members (`queuemember` rows): the one module that writes them.

A member is an agent (`Agent/<number>`, reached by Asterisk through the agent's
login) or a user (its line's interface). Positions give the ring order: a list
of members written for a queue is numbered 1..n; a member added alone goes last.
A member kept by a rewrite keeps its penalty unless a new one is given. Every
write that changes agents' queues raises the domain event
`agents_memberships_changed(changes)` once (`changes`: {agent id: {queue name:
former penalty, None when it was not a member}}, only the agents whose queues
really changed), which the agent status follows (Asterisk converges to the
store). Writes are set-based: a constant number of queries whatever the number
of members (a member whose position or penalty changes is one update)."""

from dataclasses import dataclass

from peewee import Case, fn

from xivows import db, domain_events
from xivows.ids import batches
from xivows.models.queue import QueueMember
from xivows.prepared import Rows

AGENT = 'agent'
USER = 'user'
QUEUE = 'queue'
GROUP = 'group'
AGENT_CHANNEL = 'Agent'


# pg_advisory_xact_lock(key, queue id) class of a queue's member order ('qm').
_ORDER_LOCK = 0x716D


def agent_interface(number: str) -> str:
    return f'Agent/{number}'


def take_turns(queue_id: int) -> None:
    """Call before reading a queue's members to write them in another order: two
    such transactions on one queue take turns until the end of the first. On
    PostgreSQL (READ COMMITTED) both would otherwise number the members from what
    they read before the other committed (two members at position 1; db.take_turns)."""
    db.take_turns(_ORDER_LOCK, queue_id)


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
    changes = {agent_id: before for agent_id, before in changes.items() if before}
    if changes:
        domain_events.emit('agents_memberships_changed', changes=changes)


def _of_queue(name: str, category: str, usertype: str | None = None):
    query = QueueMember.select().where(
        (QueueMember.queue_name == name) & (QueueMember.category == category)
    )
    if usertype is not None:
        query = query.where(QueueMember.usertype == usertype)
    return query.order_by(QueueMember.position, QueueMember.id)


def _of_member(usertype: str, userid: int, category: str | None = None):
    query = QueueMember.select().where(
        (QueueMember.usertype == usertype) & (QueueMember.userid == userid)
    )
    if category is not None:
        query = query.where(QueueMember.category == category)
    return query


_MEMBERS = Rows(QueueMember, ('queue_name', 'category'), order_by=('position', 'id'))
_MEMBERS_OF_TYPE = Rows(
    QueueMember, ('queue_name', 'category', 'usertype'), order_by=('position', 'id')
)


def members_of(name: str, category: str, usertype: str | None = None) -> list:
    """The member rows of a queue or group, in ring order (prepared: every view
    of a queue or group reads them)."""
    if usertype is None:
        return _MEMBERS.all(queue_name=name, category=category)
    return _MEMBERS_OF_TYPE.all(queue_name=name, category=category, usertype=usertype)


def agent_penalties(name: str) -> list[tuple[int, int, int]]:
    """(agent id, penalty, position) of a queue's agents, in ring order: one query."""
    return list(
        _of_queue(name, QUEUE, AGENT)
        .select(QueueMember.userid, QueueMember.penalty, QueueMember.position)
        .tuples()
    )


def _next_position(name: str) -> int:
    return (
        QueueMember.select(fn.COALESCE(fn.MAX(QueueMember.position), 0))
        .where(QueueMember.queue_name == name)
        .scalar()
        or 0
    ) + 1


def _next_positions(names: list[str]) -> dict[str, int]:
    """The position after the last member of each queue (1 when empty): one query."""
    last = (
        dict(
            QueueMember.select(QueueMember.queue_name, fn.MAX(QueueMember.position))
            .where(QueueMember.queue_name.in_(names))
            .group_by(QueueMember.queue_name)
            .tuples()
        )
        if names
        else {}
    )
    return {name: (last.get(name) or 0) + 1 for name in names}


def _update_rows(rows: list[tuple[int, int, int, str, str]]) -> None:
    """Rows (id, position, penalty, interface, channel) rewritten: one statement
    per batch, whatever the number of rows."""
    for batch in batches(rows, 1000):
        ids = [row[0] for row in batch]
        values = {
            field: Case(QueueMember.id, [(row[0], row[index]) for row in batch])
            for index, field in enumerate(
                (
                    QueueMember.position,
                    QueueMember.penalty,
                    QueueMember.interface,
                    QueueMember.channel,
                ),
                start=1,
            )
        }
        QueueMember.update(values).where(QueueMember.id.in_(ids)).execute()


def replace_members(
    name: str,
    category: str,
    usertype: str,
    wanted: list[Member],
    penalties: dict[int, int] | None = None,
    *,
    adding: bool = False,
) -> None:
    """The members of one kind of a queue or group become `wanted`, in that order.
    `penalties` {member id: penalty}: the given ones change (others keep theirs,
    new members get 0). `adding`: the queue is new, it has no members to read."""
    penalties = penalties or {}
    current = {} if adding else {row.userid: row for row in _of_queue(name, category, usertype)}
    wanted_ids = {member.userid for member in wanted}
    gone = [row for user_id, row in current.items() if user_id not in wanted_ids]
    for batch in batches([row.id for row in gone]):
        QueueMember.delete().where(QueueMember.id.in_(batch)).execute()
    changes = {row.userid: {name: row.penalty} for row in gone}
    new_rows, updated = [], []
    for position, member in enumerate(wanted, start=1):
        row = current.get(member.userid)
        if row is None:
            new_rows.append(
                {
                    'queue_name': name,
                    'interface': member.interface,
                    'penalty': penalties.get(member.userid, 0),
                    'usertype': usertype,
                    'userid': member.userid,
                    'channel': member.channel,
                    'category': category,
                    'position': position,
                }
            )
            changes[member.userid] = {name: None}
            continue
        penalty = penalties.get(member.userid, row.penalty)
        if penalty != row.penalty:
            changes[member.userid] = {name: row.penalty}
        if (row.position, row.penalty, row.interface, row.channel) != (
            position,
            penalty,
            member.interface,
            member.channel,
        ):
            updated.append((row.id, position, penalty, member.interface, member.channel))
    _update_rows(updated)
    if new_rows:
        QueueMember.insert_many(new_rows).execute()
    if usertype == AGENT and category == QUEUE:
        _agents_changed(changes)


def replace_memberships(
    member: Member, category: str, wanted: list[tuple[str, int]], *, adding: bool = False
) -> None:
    """The queues (or groups) of one member become `wanted` [(name, penalty)]:
    kept ones keep their row and position with the new penalty, new ones go last.
    `adding`: the member is new, it has no memberships to read."""
    current = (
        {}
        if adding
        else {row.queue_name: row for row in _of_member(member.usertype, member.userid, category)}
    )
    penalties = dict(wanted)
    before = {name: row.penalty for name, row in current.items()}
    gone = [row.id for name, row in current.items() if name not in penalties]
    for batch in batches(gone):
        QueueMember.delete().where(QueueMember.id.in_(batch)).execute()
    _update_rows(
        [
            (row.id, row.position, penalties[name], member.interface, member.channel)
            for name, row in current.items()
            if name in penalties
            and (row.penalty, row.interface, row.channel)
            != (penalties[name], member.interface, member.channel)
        ]
    )
    added = [(name, penalty) for name, penalty in wanted if name not in current]
    positions = _next_positions([name for name, _ in added])
    if added:
        QueueMember.insert_many(
            [
                {
                    'queue_name': name,
                    'interface': member.interface,
                    'penalty': penalty,
                    'usertype': member.usertype,
                    'userid': member.userid,
                    'channel': member.channel,
                    'category': category,
                    'position': positions[name],
                }
                for name, penalty in added
            ]
        ).execute()
    before.update({name: None for name, _ in added})
    if member.usertype == AGENT and category == QUEUE:
        changed = {
            name: old
            for name, old in before.items()
            if name not in penalties or old != penalties[name]
        }
        _agents_changed({member.userid: changed})


def find(name: str, usertype: str, userid: int) -> QueueMember | None:
    return QueueMember.get_or_none(
        (QueueMember.queue_name == name)
        & (QueueMember.usertype == usertype)
        & (QueueMember.userid == userid)
    )


def add(name: str, category: str, member: Member, penalty: int = 0) -> None:
    """One more member, last in ring order."""
    QueueMember.create(
        queue_name=name,
        interface=member.interface,
        penalty=penalty,
        usertype=member.usertype,
        userid=member.userid,
        channel=member.channel,
        category=category,
        position=_next_position(name),
    )
    if member.usertype == AGENT and category == QUEUE:
        _agents_changed({member.userid: {name: None}})


def remove(row: QueueMember) -> None:
    """One member row goes."""
    row.delete_instance()
    if row.usertype == AGENT and row.category == QUEUE:
        _agents_changed({row.userid: {row.queue_name: row.penalty}})


def delete_queue(name: str, category: str) -> None:
    """A queue or group goes: its members too (logged agents leave it in Asterisk)."""
    agents = (
        {row.userid: {name: row.penalty} for row in _of_queue(name, category, AGENT)}
        if category == QUEUE
        else {}
    )
    QueueMember.delete().where(
        (QueueMember.queue_name == name) & (QueueMember.category == category)
    ).execute()
    _agents_changed(agents)


def delete_queues(names: list[str], category: str) -> None:
    """Many queues or groups go at once (delete-all): one query per kind."""
    if not names:
        return
    agents: dict[int, dict[str, int | None]] = {}
    for batch in batches(names):
        if category == QUEUE:
            for row in QueueMember.select(
                QueueMember.userid, QueueMember.queue_name, QueueMember.penalty
            ).where(
                (QueueMember.queue_name.in_(batch))
                & (QueueMember.category == category)
                & (QueueMember.usertype == AGENT)
            ):
                agents.setdefault(row.userid, {})[row.queue_name] = row.penalty
        QueueMember.delete().where(
            (QueueMember.queue_name.in_(batch)) & (QueueMember.category == category)
        ).execute()
    _agents_changed(agents)


def delete_member(usertype: str, userid: int) -> None:
    """A user or agent goes: it leaves every queue and group."""
    before = (
        {row.queue_name: row.penalty for row in _of_member(usertype, userid, QUEUE)}
        if usertype == AGENT
        else {}
    )
    QueueMember.delete().where(
        (QueueMember.usertype == usertype) & (QueueMember.userid == userid)
    ).execute()
    if before:
        _agents_changed({userid: before})


def delete_members(usertype: str, userids: list[int]) -> None:
    """Many users or agents go at once (delete-all): one statement. Agents are
    deleted ones, whose delete cascade has already ended their login, so their
    status has no queue to follow (no event)."""
    for batch in batches(userids):
        QueueMember.delete().where(
            (QueueMember.usertype == usertype) & (QueueMember.userid.in_(batch))
        ).execute()


def follow_interface(
    usertype: str, userid: int, interface: str | None, channel: str | None
) -> None:
    """How Asterisk reaches a member changed (a user's line, an agent's number);
    None: it cannot be reached any more, its memberships go."""
    if interface is None:
        delete_member(usertype, userid)
        return
    (
        QueueMember.update(interface=interface, channel=channel)
        .where(
            (QueueMember.usertype == usertype)
            & (QueueMember.userid == userid)
            & ((QueueMember.interface != interface) | (QueueMember.channel != channel))
        )
        .execute()
    )


def rename_queue(old: str, new: str, category: str) -> None:
    """A queue or group was renamed: its members follow."""
    if old == new:
        return
    agents = (
        {row.userid: {old: row.penalty, new: None} for row in _of_queue(old, category, AGENT)}
        if category == QUEUE
        else {}
    )
    (
        QueueMember.update(queue_name=new)
        .where((QueueMember.queue_name == old) & (QueueMember.category == category))
        .execute()
    )
    _agents_changed(agents)
