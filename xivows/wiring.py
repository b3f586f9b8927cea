"""The rules that tie resources together, registered in one explicit step
(`wire()`, called by the app factory, hence by the CLI and the worker too),
whatever dialects are enabled:

- dial-action destinations: which kinds of objects a dial action may send
  calls to, and how to know one exists;
- delete cascades: what other resources forget when an object is deleted;
- context references: which columns hold context names (a context in use
  cannot be deleted);
- domain-event subscriptions;
- the owners of queue members the worker's reconciler follows.

Registering twice changes nothing."""

from xivows import cascade, domain_events, outbox
from xivows.models.meetme import MeetmeFeatures
from xivows.models.outcall import Outcall
from xivows.models.parkinglot import Parkinglot
from xivows.resources.agent_status import queries as agent_status_queries
from xivows.resources.agent_status import service as agent_status
from xivows.resources.context import references
from xivows.resources.dialaction import service as dialactions
from xivows.resources.groups import service as groups
from xivows.resources.meetme import queries as meetme_queries
from xivows.resources.meetme import service as meetme
from xivows.resources.outcall import service as outcalls
from xivows.resources.pickup import queries as pickup_queries
from xivows.resources.queues import service as queues
from xivows.resources.remote_agents import service as remote_agents
from xivows.resources.remote_agents.owner import RemoteAgentOwner
from xivows.resources.schedule import queries as schedule_queries
from xivows.resources.schedule import service as schedules
from xivows.resources.statsconf import service as statsconfs
from xivows.resources.trunks import queries as trunk_queries
from xivows.resources.users import service as users
from xivows.resources.voicemail import service as voicemails
from xivows.worker import reconciler


def _destinations():
    for kind, exists in (
        ('user', users.exists),
        ('group', groups.exists),
        ('queue', queues.exists),
        ('meetme', meetme.exists),
        ('voicemail', voicemails.exists),
        ('schedule', schedules.exists),
        ('outcall', outcalls.exists),
    ):
        dialactions.register_destination(kind, exists)


def _cascades():
    # Each handler with a set-based variant (`many`) for deletes of many objects.
    # A deleted user, group or queue leaves the pickup groups it was in.
    for kind in pickup_queries.MEMBER_MODELS:
        cascade.on_delete(
            kind, many=lambda ids, kind=kind: pickup_queries.forget_members(kind, ids)
        )(lambda member_id, kind=kind: pickup_queries.forget_member(kind, member_id))
    cascade.on_delete('entity')(pickup_queries.forget_entity)
    # Schedules that send calls to a deleted object stop doing so.
    for kind in dialactions.DESTINATIONS:
        cascade.on_delete(
            kind,
            many=lambda ids, kind=kind: schedule_queries.forget_destinations(kind, ids),
            every=lambda kind=kind: schedule_queries.forget_destination(kind),
        )(lambda target_id, kind=kind: schedule_queries.forget_destination(kind, target_id))
    # Statistics configurations forget deleted queues and agents.
    for kind in ('queue', 'agent'):
        cascade.on_delete(kind, many=lambda ids, kind=kind: statsconfs.forget_many(kind, ids))(
            lambda member_id, kind=kind: statsconfs.forget(kind, member_id)
        )
    # A conference room forgets its deleted admin user.
    cascade.on_delete('user', many=meetme_queries.forget_admins)(meetme_queries.forget_admin)
    # A deleted agent is logged off first.
    cascade.on_delete('agent', many=agent_status.agents_deleted)(agent_status.agent_deleted)
    cascade.on_delete('line', many=agent_status.lines_deleted)(agent_status.line_deleted)


def _context_references():
    references.declare(Parkinglot.context, 'parking lots')
    references.declare(trunk_queries.MODELS['iax'].context, 'IAX trunks')
    references.declare(Outcall.context, 'outcalls')
    references.declare(MeetmeFeatures.context, 'conference rooms')
    references.declare(MeetmeFeatures.admin_exitcontext, 'conference rooms')
    references.declare(MeetmeFeatures.user_exitcontext, 'conference rooms')


def _agents_memberships_changed(changes):
    # Asterisk follows the queues of logged agents (only they have queue members
    # there): one query finds them, whatever the number of agents changed.
    logged = agent_status_queries.all_statuses()
    for agent_id, before in changes.items():
        if agent_id in logged:
            agent_status.memberships_changed(agent_id, before)


def _domain_events():
    domain_events.subscribe('agents_memberships_changed', _agents_memberships_changed)
    domain_events.subscribe('user_line_changed', agent_status.line_changed)
    domain_events.subscribe('user_line_freed', agent_status.line_freed)
    # An agent's login or logoff is queued for its HTTP callbacks (seed 003);
    # remote agents are named by their external number.
    outbox.wire(describe=remote_agents.describe)


def _member_owners():
    # The reconciler follows remote agents' queue members (Local/<number>@<outgoing
    # context>) as it follows local agents'.
    reconciler.register_owner(RemoteAgentOwner())


_wired = False


def wire():
    # Once per process: the handlers registered are new lambdas each time, and
    # every app (tests build many) would otherwise run each cascade again.
    global _wired
    if _wired:
        return
    _wired = True
    _domain_events()
    _destinations()
    _cascades()
    _context_references()
    _member_owners()
