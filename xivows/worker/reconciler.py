"""The reconciler: the store is the desired state of the queue members xivows owns;
Asterisk's actual state (QueueStatus at every (re)connect and resync, then AMI
events and the answers to our own actions) is compared with it, and the difference
is applied in order. Members xivows does not own are never touched.

Owners say which members are theirs and what they should be: the agents
(`Local/id-<id>@agentcallback`, AstDB `xivows/agent/<id>`) here; seed 003's
remote agents (`Local/<number>@<context>`) will register another owner
(`register_owner`). Per owner key (e.g. ('agent', 3)) the actions run in this
order: AstDB put, removals, additions (with Paused and the pause Reason, and the
agent's own Wrapuptime when it has one), penalties, pauses (with Reason), AstDB
deletions."""

import logging
import re
import time
from dataclasses import dataclass

from xivows.ami import AmiError
from xivows.models.agent_status import AgentLoginStatus, AgentSync
from xivows.models.callqueue import AgentSettings
from xivows.models.queue import QueueMember
from xivows.worker import store

logger = logging.getLogger(__name__)

AGENT_FAMILY = 'xivows/agent'
_AGENT_INTERFACE = re.compile(r'^local/id-(\d+)@agentcallback$', re.IGNORECASE)


@dataclass(frozen=True)
class Member:
    queue: str
    interface: str
    member_name: str = ''
    state_interface: str = ''
    penalty: int = 0
    paused: bool = False
    reason: str = ''
    wrapuptime: int = 0  # the member's own wrap-up time (0: the queue's)

    @property
    def key(self):
        return (self.queue.lower(), self.interface.lower())


def member_from_event(headers):
    """A member from QueueMember (QueueStatus) or QueueMember* event headers."""
    return Member(
        queue=headers.get('Queue', ''),
        interface=headers.get('Location') or headers.get('Interface', ''),
        member_name=headers.get('Name') or headers.get('MemberName', ''),
        state_interface=headers.get('StateInterface', ''),
        penalty=_int(headers.get('Penalty')),
        paused=headers.get('Paused') == '1',
        reason=headers.get('PausedReason', '') if headers.get('Paused') == '1' else '',
        wrapuptime=_int(headers.get('Wrapuptime')),
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class Actual:
    """What Asterisk has, as far as the worker saw: queue members and the AstDB
    keys of the owners' families."""

    def __init__(self):
        self.members = {}  # key -> Member
        self.astdb = {}  # (family, key) -> value
        self.known = False  # a full QueueStatus was read since the connection

    def replace_members(self, members, queue=None):
        if queue is None:
            self.members = {member.key: member for member in members}
            self.known = True
        else:
            self.members = {
                key: member for key, member in self.members.items() if key[0] != queue.lower()
            }
            self.members.update({member.key: member for member in members})

    def event(self, headers):
        """Follow a QueueMember* event; True when it concerns a member."""
        name = headers.get('Event', '')
        if name == 'QueueMemberRemoved':
            self.members.pop(member_from_event(headers).key, None)
            return True
        if name in ('QueueMemberAdded', 'QueueMemberPause', 'QueueMemberStatus'):
            member = member_from_event(headers)
            self.members[member.key] = member
            return True
        if name == 'QueueMemberPenalty':
            member = member_from_event(headers)
            known = self.members.get(member.key)
            if known is not None:
                self.members[member.key] = Member(**{**known.__dict__, 'penalty': member.penalty})
            return True
        return False


# -- owners ------------------------------------------------------------------------------


class AgentOwner:
    """Agents logged through the API: one member per queue of the agent."""

    kind = 'agent'
    families = (AGENT_FAMILY,)

    def owner_of(self, interface):
        found = _AGENT_INTERFACE.match(interface)
        return ('agent', int(found.group(1))) if found else None

    def owner_of_key(self, family, key):
        if family == AGENT_FAMILY and key.isdigit():
            return ('agent', int(key))
        return None

    def desired(self):
        """({owner key: {member key: Member}}, {(family, key): value})."""
        statuses = {status.agent_id: status for status in AgentLoginStatus.select()}
        members = {('agent', agent_id): {} for agent_id in statuses}
        # An agent's own wrap-up time (seed 003's wrap_up_time), when it has one.
        wrapups = dict(
            AgentSettings.select(AgentSettings.agent, AgentSettings.wrap_up_time)
            .where(
                AgentSettings.agent.in_(list(statuses) or [0]) & (AgentSettings.wrap_up_time > 0)
            )
            .tuples()
        )
        rows = (
            QueueMember.select(QueueMember.userid, QueueMember.queue_name, QueueMember.penalty)
            .where(
                (QueueMember.usertype == 'agent')
                & (QueueMember.category == 'queue')
                & QueueMember.userid.in_(list(statuses) or [0])
            )
            .order_by(QueueMember.userid, QueueMember.queue_name)
            .tuples()
        )
        for agent_id, queue, penalty in rows:
            status = statuses[agent_id]
            member = Member(
                queue=queue,
                interface=status.interface,
                member_name=f'Agent/{status.agent_number}',
                state_interface=status.state_interface,
                penalty=penalty or 0,
                paused=bool(status.paused),
                reason=(status.paused_reason or '') if status.paused else '',
                wrapuptime=wrapups.get(agent_id, 0),
            )
            members[('agent', agent_id)][member.key] = member
        astdb = {
            (AGENT_FAMILY, str(agent_id)): status.state_interface
            for agent_id, status in statuses.items()
        }
        return members, astdb


OWNERS = [AgentOwner()]


def register_owner(owner):
    """Another kind of member xivows owns (seed 003's remote agents): an object
    with `kind`, `families`, `owner_of(interface)`, `owner_of_key(family, key)`
    and `desired()` like AgentOwner."""
    if all(existing.kind != owner.kind for existing in OWNERS):
        OWNERS.append(owner)


def owner_of(interface):
    for owner in OWNERS:
        found = owner.owner_of(interface)
        if found is not None:
            return found
    return None


def owner_of_key(family, key):
    for owner in OWNERS:
        found = owner.owner_of_key(family, key)
        if found is not None:
            return found
    return None


def families():
    return [family for owner in OWNERS for family in owner.families]


# -- plan --------------------------------------------------------------------------------


@dataclass
class Step:
    owner: tuple
    action: str
    headers: dict


def plan(desired_members, desired_astdb, actual):
    """The steps that make `actual` agree with the desired state, grouped by owner
    key in order."""
    steps = {}

    def add(owner, action, **headers):
        steps.setdefault(owner, []).append(Step(owner, action, headers))

    wanted = {
        key: (owner, member)
        for owner, members in desired_members.items()
        for key, member in members.items()
    }
    for (family, key), value in sorted(desired_astdb.items()):
        if actual.astdb.get((family, key)) != value:
            add(owner_of_key(family, key), 'DBPut', Family=family, Key=key, Val=value)
    for key, member in sorted(actual.members.items()):
        owner = owner_of(member.interface)
        if owner is None:
            continue  # not ours: never touched
        want = wanted.get(key)
        if want is None or _replaced(member, want[1]):
            add(owner, 'QueueRemove', Queue=member.queue, Interface=member.interface)
    for key, (owner, want) in sorted(wanted.items()):
        have = actual.members.get(key)
        if have is None or _replaced(have, want):
            headers = {
                'Queue': want.queue,
                'Interface': want.interface,
                'Penalty': str(want.penalty),
                'MemberName': want.member_name,
                'StateInterface': want.state_interface,
                'Paused': 'true' if want.paused else 'false',
            }
            if want.paused and want.reason:
                headers['Reason'] = want.reason
            if want.wrapuptime:
                headers['Wrapuptime'] = str(want.wrapuptime)
            add(owner, 'QueueAdd', **headers)
    for key, (owner, want) in sorted(wanted.items()):
        have = actual.members.get(key)
        if have is None or _replaced(have, want):
            continue
        if have.penalty != want.penalty:
            add(
                owner,
                'QueuePenalty',
                Queue=want.queue,
                Interface=want.interface,
                Penalty=str(want.penalty),
            )
        if have.paused != want.paused or (want.paused and have.reason != want.reason):
            headers = {
                'Queue': want.queue,
                'Interface': want.interface,
                'Paused': 'true' if want.paused else 'false',
            }
            if want.paused and want.reason:
                headers['Reason'] = want.reason
            add(owner, 'QueuePause', **headers)
    for (family, key), _value in sorted(actual.astdb.items()):
        if (family, key) not in desired_astdb:
            owner = owner_of_key(family, key)
            if owner is not None:
                add(owner, 'DBDel', Family=family, Key=key)
    ordered = []
    for owner in sorted(steps, key=lambda owner: (owner is None, owner or ())):
        ordered.extend(steps[owner])
    return ordered


def _replaced(have, want):
    """A member whose name, state interface or own wrap-up time differs is removed
    and added again (no AMI action changes them in place)."""
    return (
        have.member_name != want.member_name
        or have.state_interface.lower() != want.state_interface.lower()
        or have.wrapuptime != want.wrapuptime
    )


# -- apply -------------------------------------------------------------------------------


def _apply_one(client, step, actual):
    """Send one step; update `actual` after success. Returns None or the error."""
    headers = step.headers
    try:
        client.action(step.action, **headers)
    except AmiError as exc:
        message = str(exc)
        if step.action == 'QueueRemove' and 'Not there' in message:
            actual.members.pop((headers['Queue'].lower(), headers['Interface'].lower()), None)
            return None  # already gone: what we wanted
        if step.action == 'DBDel' and 'not found' in message:
            actual.astdb.pop((headers['Family'], headers['Key']), None)
            return None
        return f'{step.action} {headers.get("Queue") or headers.get("Key", "")}: {message}'
    key = (headers.get('Queue', '').lower(), headers.get('Interface', '').lower())
    if step.action == 'QueueRemove':
        actual.members.pop(key, None)
    elif step.action == 'QueueAdd':
        paused = headers['Paused'] == 'true'
        actual.members[key] = Member(
            headers['Queue'],
            headers['Interface'],
            headers['MemberName'],
            headers['StateInterface'],
            int(headers['Penalty']),
            paused,
            headers.get('Reason', '') if paused else '',
            int(headers.get('Wrapuptime', 0)),
        )
    elif step.action in ('QueuePause', 'QueuePenalty') and key in actual.members:
        known = actual.members[key].__dict__
        if step.action == 'QueuePenalty':
            actual.members[key] = Member(**{**known, 'penalty': int(headers['Penalty'])})
        else:
            paused = headers['Paused'] == 'true'
            actual.members[key] = Member(
                **{
                    **known,
                    'paused': paused,
                    'reason': headers.get('Reason', '') if paused else '',
                }
            )
    elif step.action == 'DBPut':
        actual.astdb[(headers['Family'], headers['Key'])] = headers['Val']
    elif step.action == 'DBDel':
        actual.astdb.pop((headers['Family'], headers['Key']), None)
    return None


class Reconciler:
    """One pass: `run(client)` when connected, `unreachable(reason)` when not."""

    def __init__(self, actual, keep_alive=None):
        self.actual = actual
        self.keep_alive = keep_alive or (lambda: None)  # renews the lease during long passes
        self.refresh_queues = set()  # queues whose members must be re-read
        self.last_errors = {}

    @staticmethod
    def pending():
        """{agent id: version} of agents not known to be in sync."""
        return dict(
            AgentSync.select(AgentSync.agent_id, AgentSync.version)
            .where(AgentSync.in_sync == False)
            .tuples()
        )  # noqa: E712 (SQL)

    def desired(self):
        members, astdb = {}, {}
        for owner in OWNERS:
            owner_members, owner_astdb = owner.desired()
            members.update(owner_members)
            astdb.update(owner_astdb)
        return members, astdb

    def run(self, client):
        """Converge once; the agents whose state is now applied are marked in sync.
        Returns the number of steps sent."""
        pending = self.pending()  # read before the desired state: see _record
        members, astdb = self.desired()
        steps = plan(members, astdb, self.actual)
        errors = {}
        broken = None
        for step in steps:
            if broken is not None:
                errors.setdefault(step.owner, []).append(f'{step.action}: {broken}')
                continue
            self.keep_alive()
            error = _apply_one(client, step, self.actual)
            if error is not None:
                logger.warning('reconcile %s: %s', step.owner, error)
                errors.setdefault(step.owner, []).append(error)
                if not client.connected():
                    broken = 'AMI connection lost'
                elif 'Already there' in error or 'Interface not found' in error:
                    self.refresh_queues.add(step.headers['Queue'])
        left = {step.owner for step in plan(members, astdb, self.actual)}
        self._record(pending, errors, left)
        return len(steps)

    def _record(self, pending, errors, left):
        """Write each agent's outcome. An agent becomes in sync only for the version
        read before its desired state: a change committed meanwhile bumped the
        version, so the conditional update leaves it out of sync (and the next pass
        applies it)."""
        now = time.time()
        agents_errors = {
            owner[1]: '; '.join(messages)
            for owner, messages in errors.items()
            if owner and owner[0] == 'agent'
        }
        agents_left = {owner[1] for owner in left if owner and owner[0] == 'agent'}
        with store.writing():
            for agent_id, version in pending.items():
                if agent_id in agents_errors or agent_id in agents_left:
                    continue
                (
                    AgentSync.update(in_sync=True, ami_error=None, checked_at=now)
                    .where((AgentSync.agent_id == agent_id) & (AgentSync.version == version))
                    .execute()
                )
            for agent_id in set(agents_errors) | (agents_left - set(pending)):
                message = agents_errors.get(agent_id) or 'Asterisk differs from the store'
                if self.last_errors.get(agent_id) == message and agent_id not in pending:
                    continue
                (
                    AgentSync.insert(
                        agent_id=agent_id,
                        version=1,
                        in_sync=False,
                        ami_error=message,
                        checked_at=now,
                    )
                    .on_conflict(
                        conflict_target=[AgentSync.agent_id],
                        update={
                            AgentSync.in_sync: False,
                            AgentSync.ami_error: message,
                            AgentSync.checked_at: now,
                        },
                    )
                    .execute()
                )
        self.last_errors = agents_errors

    @staticmethod
    def unreachable(reason):
        """Asterisk cannot be reached: no agent can be known to be in sync."""
        message = f'Asterisk unreachable: {reason}'
        with store.writing():
            (
                AgentSync.update(in_sync=False, ami_error=message, checked_at=time.time())
                .where(
                    ((AgentSync.ami_error != message) | AgentSync.ami_error.is_null())
                    & (
                        AgentSync.agent_id.in_(AgentLoginStatus.select(AgentLoginStatus.agent_id))
                        | (AgentSync.in_sync == False)
                    )
                )  # noqa: E712 (SQL)
                .execute()
            )
