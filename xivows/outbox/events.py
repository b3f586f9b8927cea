"""Agent login events queued for their callbacks, in the transaction of the change.

`wire()` subscribes `on_agent_login_changed` to the domain event
`agent_login_changed(agent_id, logged, source)`. The form fields are the seed's
(in the order of its example): agent_status (available|logged_out), agent_type
(local|remote), event_source (api|phone), agent_id, then extension_name
(`<number>@<context>`, local agents) or agent_number (remote agents)."""

import json
import time
import uuid
from dataclasses import dataclass
from typing import Callable

from xivows import domain_events
from xivows.models.agent_status import AgentLoginStatus
from xivows.models.outbox import AgentCallback, OutboxEvent
from xivows.worker import changes

EVENT_NAME = 'agent_login_changed'
LOGIN, LOGOUT = 'agent-login', 'agent-logout'


@dataclass(frozen=True)
class AgentIdentity:
    """How the payload names the agent: a local agent by the extension it logs on,
    a remote one by its external number."""

    agent_type: str  # local, remote
    extension_name: str | None = None
    agent_number: str | None = None


def _last_extension_name(agent_id):
    """The extension of the agent's last queued event (a logout seen after the
    login row was deleted)."""
    for (payload,) in (
        OutboxEvent.select(OutboxEvent.payload)
        .join(AgentCallback)
        .where(AgentCallback.agent == agent_id)
        .order_by(OutboxEvent.id.desc())
        .limit(20)
        .tuples()
    ):
        fields = dict(json.loads(payload))
        if fields.get('extension_name'):
            return fields['extension_name']
    return None


def local_identity(agent_id, details):
    """A local agent: the extension it is (or was) logged on. The agent-status
    service passes `extension` and `context` (a logout's login row is already
    gone); another emitter may not: then the login row is read, and for a logout,
    the extension of the agent's last queued event."""
    extension, context = details.get('extension'), details.get('context')
    if not (extension and context):
        status = AgentLoginStatus.get_or_none(AgentLoginStatus.agent_id == agent_id)
        if status is not None:
            extension, context = status.extension, status.context
    name = f'{extension}@{context}' if extension and context else _last_extension_name(agent_id)
    return AgentIdentity('local', extension_name=name or '')


_describe: Callable[[int, dict], AgentIdentity] = local_identity


def payload(agent_id, logged, source, identity: AgentIdentity):
    """The form fields of an agent event, in order."""
    fields = [
        ('agent_status', 'available' if logged else 'logged_out'),
        ('agent_type', identity.agent_type),
        ('event_source', source),
        ('agent_id', str(agent_id)),
    ]
    if identity.agent_type == 'remote':
        fields.append(('agent_number', identity.agent_number or ''))
    else:
        fields.append(('extension_name', identity.extension_name or ''))
    return fields


def on_agent_login_changed(agent_id, logged, source, **details):
    """Queue one event per matching callback of the agent (none when it has none)."""
    event_type = LOGIN if logged else LOGOUT
    callbacks = list(
        AgentCallback.select(AgentCallback.id)
        .where((AgentCallback.agent == agent_id) & (AgentCallback.event_type == event_type))
        .order_by(AgentCallback.id)
        .tuples()
    )
    if not callbacks:
        return 0
    fields = json.dumps(payload(agent_id, logged, source, _describe(agent_id, details)))
    now = time.time()
    OutboxEvent.insert_many(
        [
            {
                'uuid': str(uuid.uuid4()),
                'callback': callback_id,
                'event_type': event_type,
                'payload': fields,
                'state': 'pending',
                'created_at': now,
                'next_attempt_at': now,
            }
            for (callback_id,) in callbacks
        ]
    ).execute()
    changes.bump(TOPIC)  # the worker delivers soon after the commit
    return len(callbacks)


# The wake-up topic of the worker's delivery task.
TOPIC = 'outbox'


def wire(describe: Callable[[int, dict], AgentIdentity] | None = None):
    """Subscribe the outbox to agent login changes. `describe(agent_id, details)`
    names the agent in the payload (default: `local_identity`); the seed-003 dialect
    passes one that answers `AgentIdentity('remote', agent_number=...)` for its
    remote agents."""
    global _describe
    _describe = describe or local_identity
    domain_events.subscribe(EVENT_NAME, on_agent_login_changed)
