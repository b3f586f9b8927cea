"""Agent control: log agents in and out of their queues, pause them, change their
queue memberships. The store is the desired state: a request only writes it and
marks the agent out of sync (`AgentSync`, same transaction); the background
worker's reconciler then makes Asterisk agree (QueueAdd/QueueRemove/QueuePause,
the AstDB key `xivows/agent/<id>`) and marks the agent in sync. No request talks
to the AMI. A logged agent is a member of its queues through
`Local/id-<agent id>@agentcallback`, named `Agent/<number>`, its state interface
being the dial string of the line it logged on (`PJSIP/<name>`, `SCCP/<name>`, or
a custom line's interface)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from xivows import db, domain_events
from xivows.ids import batches
from xivows.models.agent_status import AgentLoginStatus, AgentPresence, AgentSync
from xivows.resources.agent_status import queries
from xivows.resources.agent_status.errors import (
    AlreadyInQueue,
    AlreadyLogged,
    ExtensionInUse,
    NoSuchAgent,
    NoSuchExtension,
    NoSuchQueue,
    NotDialableNumber,
    NotInQueue,
    NotLogged,
)
from xivows.resources.lines import service as lines
from xivows.resources.queue_members import service as queue_members
from xivows.resources.users import queries as user_queries
from xivows.worker import changes

if TYPE_CHECKING:
    from collections.abc import Collection

    from xivows.models.agent import AgentFeatures
    from xivows.models.queue import QueueFeatures


# pg_advisory_xact_lock(key, agent id) class of an agent's login state ('as').
_STATE_LOCK = 0x6173


def take_turns(agent_id: int) -> None:
    """Call before reading an agent's login state to change it as a client asked
    (log in unless logged...): two such transactions on one agent take turns until
    the end of the first, so the second reads the first one's result. On
    PostgreSQL (READ COMMITTED) it would otherwise act on what it read before the
    other committed (Already logged; db.take_turns)."""
    db.take_turns(_STATE_LOCK, agent_id)


def interface(agent_id: int) -> str:
    return f'Local/id-{agent_id}@agentcallback'


def member_name(agent_number: str) -> str:
    return queue_members.agent_interface(agent_number)


def agent(agent_id: int | None = None, number: str | None = None) -> AgentFeatures:
    found = queries.agent_by_id(agent_id) if number is None else queries.agent_by_number(number)
    if found is None:
        raise NoSuchAgent()
    return found


def queue(queue_id: int) -> QueueFeatures:
    found = queries.queue_by_id(queue_id)
    if found is None:
        raise NoSuchQueue()
    return found


def _logged(agent_row: AgentFeatures) -> AgentLoginStatus:
    status = queries.status_of(agent_row.id)
    if status is None:
        raise NotLogged()
    return status


def mark_changed(agent_id: int) -> None:
    """The agent's desired state changed: the worker must converge it (this
    transaction bumps its version; `in_sync` is false until the worker has
    applied this version)."""
    (
        AgentSync.insert(agent_id=agent_id, version=1, in_sync=False)
        .on_conflict(
            conflict_target=[AgentSync.agent_id],
            update={AgentSync.version: AgentSync.version + 1, AgentSync.in_sync: False},
        )
        .execute()
    )


def _login_changed(agent_id: int, logged: bool, extension: str, context: str) -> None:
    """Tell the subscribers (the outbox) where the agent is or was logged: a logout
    is emitted after its login row is gone, so they cannot read it any more."""
    domain_events.emit(
        'agent_login_changed',
        agent_id=agent_id,
        logged=logged,
        source='api',
        extension=extension,
        context=context,
    )


def _state_changed(
    agent_id: int, extension: str | None = None, context: str | None = None
) -> None:
    """Remember when the agent's state changed (and where it logged in)."""
    now = int(time.time())
    update = {AgentPresence.changed_at: now}
    if extension is not None:
        update.update({AgentPresence.extension: extension, AgentPresence.context: context})
    (
        AgentPresence.insert(
            agent_id=agent_id, extension=extension, context=context, changed_at=now
        )
        .on_conflict(conflict_target=[AgentPresence.agent_id], update=update)
        .execute()
    )


def remember_line(agent_id: int, extension: str | None, context: str | None) -> None:
    """The extension an agent logged off goes back to when it logs in without
    naming one (a dialect's "last contact")."""
    (
        AgentPresence.insert(agent_id=agent_id, extension=extension, context=context)
        .on_conflict(
            conflict_target=[AgentPresence.agent_id],
            update={AgentPresence.extension: extension, AgentPresence.context: context},
        )
        .execute()
    )


def presence(agent_id: int) -> tuple[str | None, str | None, int]:
    """(last extension, its context, when the state last changed: Unix time, 0 if never)."""
    row = queries.presence_of(agent_id)
    return (row.extension, row.context, row.changed_at) if row else (None, None, 0)


def _state_interface(extension: str, context: str) -> str:
    held = queries.user_extension(extension, context)
    line = user_queries.line_of(int(held.typeval))[0] if held else None
    if line is None:
        raise NoSuchExtension()
    return lines.dial_string_of(line)


# -- login / logoff ----------------------------------------------------------------


def login(agent_row: AgentFeatures, extension: str, context: str) -> None:
    if queries.status_of(agent_row.id) is not None:
        raise AlreadyLogged()
    state_interface = _state_interface(extension, context)
    if queries.extension_in_use(extension, context):
        raise ExtensionInUse()
    AgentLoginStatus.create(
        agent_id=agent_row.id,
        agent_number=agent_row.number,
        extension=extension,
        context=context,
        interface=interface(agent_row.id),
        state_interface=state_interface,
        login_at=int(time.time()),
    )
    mark_changed(agent_row.id)
    _state_changed(agent_row.id, extension, context)
    _login_changed(agent_row.id, True, extension, context)


def external_interface(number: str, context: str) -> str:
    """The queue member of an agent logged in on an external number: Asterisk
    calls the number through the outgoing routes of `context`."""
    return f'Local/{number}@{context}'


def login_external(agent_row: AgentFeatures, number: str, context: str) -> None:
    """Log an agent in on an external number (seed 003's remote agents): its
    queue members are `Local/<number>@<context>`, whose device state is their own
    (busy while Asterisk calls the number)."""
    if queries.status_of(agent_row.id) is not None:
        raise AlreadyLogged()
    if queries.extension_in_use(number, context):
        raise ExtensionInUse()
    member = external_interface(number, context)
    AgentLoginStatus.create(
        agent_id=agent_row.id,
        agent_number=agent_row.number,
        extension=number,
        context=context,
        interface=member,
        state_interface=member,
        login_at=int(time.time()),
    )
    mark_changed(agent_row.id)
    _login_changed(agent_row.id, True, number, context)


def logoff(agent_row: AgentFeatures) -> None:
    status = _logged(agent_row)
    _logoff(status)


def _logoff(status: AgentLoginStatus) -> None:
    status.delete_instance()
    mark_changed(status.agent_id)
    _state_changed(status.agent_id)
    _login_changed(status.agent_id, False, status.extension, status.context)


def lines_deleted(line_ids: list[int]) -> None:
    """These lines are being deleted (they still exist): an agent logged on one
    of them is logged off, as its queues would ring a line that is gone and its
    extension would stay held. A remote agent called on a number (its member is
    that number, not an agent callback) is on no line and stays."""
    _log_off_line_agents(queries.logins_on_lines(line_ids))


def line_deleted(line_id: int) -> None:
    lines_deleted([line_id])


def line_freed(place: tuple[str, str]) -> None:
    """A user's line was freed (it stays, without extension): the agent logged
    on its extension is logged off, as agents log in on users' extensions."""
    _log_off_line_agents(queries.logins_at(*place))


def _on_a_line(status: AgentLoginStatus) -> bool:
    """Logged on a phone line (its member is the agent's callback), not a remote
    agent called on a number."""
    return status.interface == interface(status.agent_id)


def _log_off_line_agents(statuses: list[AgentLoginStatus]) -> None:
    for status in statuses:
        if _on_a_line(status):
            _logoff(status)


def line_changed(before: tuple[str, str], after: tuple[str, str], dial_string: str) -> None:
    """A user's line took another number, context or name: the agent logged on
    it stays on it, at its new place and dialled by its new name (the worker
    makes Asterisk follow), and the line an agent logged off from is
    remembered at the new place. When a remote agent is called on the new
    place already, the line's agent cannot take it and is logged off."""
    for status in queries.logins_at(*before):
        if not _on_a_line(status):
            continue  # a remote agent's number is no line
        if after != before and queries.logins_at(*after):
            _logoff(status)
            continue
        status.extension, status.context = after
        status.state_interface = dial_string
        status.save()
        mark_changed(status.agent_id)
    if after != before:
        AgentPresence.update(extension=after[0], context=after[1]).where(
            (AgentPresence.extension == before[0]) & (AgentPresence.context == before[1])
        ).execute()


def logoff_all() -> None:
    for status in list(AgentLoginStatus.select().order_by(AgentLoginStatus.agent_id)):
        _logoff(status)


def relog_all() -> None:
    """Make Asterisk agree with the store again for every agent: the worker
    re-reads Asterisk's whole state (as after a reconnect) and converges."""
    for status in AgentLoginStatus.select().order_by(AgentLoginStatus.agent_id):
        mark_changed(status.agent_id)
    changes.bump(changes.RESYNC)


# -- pause ------------------------------------------------------------------------------


def pause(agent_row: AgentFeatures, reason: str | None = None) -> None:
    status = _logged(agent_row)
    status.paused, status.paused_reason = True, reason
    status.save()
    mark_changed(status.agent_id)
    _state_changed(status.agent_id)


def unpause(agent_row: AgentFeatures) -> None:
    status = _logged(agent_row)
    status.paused, status.paused_reason = False, None
    status.save()
    mark_changed(status.agent_id)
    _state_changed(status.agent_id)


# -- status --------------------------------------------------------------------------


def find(number: str) -> AgentFeatures | None:
    """The agent numbered `number`, or None."""
    return queries.agent_by_number(number)


def login_of(agent_row: AgentFeatures) -> AgentLoginStatus | None:
    """The agent's login (AgentLoginStatus: where, since when, paused), or None."""
    return queries.status_of(agent_row.id)


def numbers(limit: int | None = None, offset: int = 0) -> list[str]:
    """Every agent's number, in id order (a page of them)."""
    rows = queries.all_agents()
    if offset:
        rows = rows.offset(offset)
    if limit is not None:
        rows = rows.limit(limit)
    return [row.number for row in rows]


def status_view(
    agent_row: AgentFeatures, status: AgentLoginStatus | None, sync: AgentSync | None = None
) -> dict:
    """`in_sync`: Asterisk was seen to agree with this agent's stored state;
    `ami_error`: why it does not (yet), as the worker last saw it."""
    return {
        'id': agent_row.id,
        'number': agent_row.number,
        'logged': status is not None,
        'extension': status.extension if status else None,
        'context': status.context if status else None,
        'paused': bool(status.paused) if status else False,
        'paused_reason': status.paused_reason if status else None,
        'logged_since': status.login_at if status else None,
        'ami_error': sync.ami_error if sync else None,
        'in_sync': sync.in_sync if sync else status is None,
    }


def status(agent_row: AgentFeatures) -> dict:
    return status_view(agent_row, queries.status_of(agent_row.id), queries.sync_of(agent_row.id))


def statuses() -> list[dict]:
    logged = queries.all_statuses()
    syncs = queries.all_syncs()
    return [
        status_view(row, logged.get(row.id), syncs.get(row.id)) for row in queries.all_agents()
    ]


# -- queue membership -------------------------------------------------------------------


def add_to_queue(agent_row: AgentFeatures, queue_row: QueueFeatures, penalty: int = 0) -> None:
    if not agent_row.number.isdigit():
        raise NotDialableNumber(agent_row.number)
    if queue_members.find(queue_row.name, queue_members.AGENT, agent_row.id) is not None:
        raise AlreadyInQueue()
    queue_members.add(
        queue_row.name,
        queue_members.QUEUE,
        queue_members.Member.agent(agent_row.id, agent_row.number),
        penalty,
    )


def remove_from_queue(agent_row: AgentFeatures, queue_row: QueueFeatures) -> None:
    member = queue_members.find(queue_row.name, queue_members.AGENT, agent_row.id)
    if member is None:
        raise NotInQueue()
    queue_members.remove(member)


def memberships_changed(agent_id: int, before: dict[str, int | None]) -> None:
    """A resource changed the queue memberships of an agent (`before` maps the
    queue names that may have changed to their former penalty, None: was not a
    member). A logged agent is marked out of sync: the worker converges it."""
    if before and queries.status_of(agent_id) is not None:
        mark_changed(agent_id)


def agent_deleted(agent_id: int) -> None:
    status = queries.status_of(agent_id)
    if status is not None:
        _logoff(status)
    AgentPresence.delete().where(AgentPresence.agent_id == agent_id).execute()


def agents_deleted(agent_ids: Collection[int]) -> None:
    """Many agents go at once: only logged ones have a login to end."""
    logged = queries.all_statuses()
    for agent_id in agent_ids:
        if agent_id in logged:
            _logoff(logged[agent_id])
    for batch in batches(agent_ids):
        AgentPresence.delete().where(AgentPresence.agent_id.in_(batch)).execute()
