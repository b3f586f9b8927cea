"""Pushing agent state to Asterisk after the commit. Failures never undo the
stored state: they are logged and kept in the agent's status (`ami_error`)
until a later push (a relog) succeeds."""
import logging

from xivows import aftercommit
from xivows.db import database
from xivows.models.agent_status import AgentLoginStatus

logger = logging.getLogger(__name__)


class Action:
    """An AMI action to send: its name and headers."""

    def __init__(self, name, **headers):
        self.name = name
        self.headers = headers

    def __eq__(self, other):
        return isinstance(other, Action) and (self.name, self.headers) == \
            (other.name, other.headers)

    def __repr__(self):
        return f'Action({self.name!r}, {self.headers!r})'


def _adapter():
    from xivows.ami import current_client
    return current_client()


def _send(client, action):
    headers = action.headers
    if action.name == 'QueueAdd':
        client.queue_add(headers['Queue'], headers['Interface'], penalty=int(headers['Penalty']),
                         member_name=headers['MemberName'],
                         state_interface=headers['StateInterface'],
                         paused=headers.get('Paused') == 'true')
    elif action.name == 'QueueRemove':
        client.queue_remove(headers['Queue'], headers['Interface'])
    elif action.name == 'QueuePause':
        client.queue_pause(headers['Interface'], headers['Paused'] == 'true',
                           queue=headers.get('Queue'), reason=headers.get('Reason'))
    else:
        raise ValueError(f'unknown AMI action {action.name}')


def _record(agent_id, error):
    with database.atomic():
        (AgentLoginStatus.update(ami_error=error)
         .where(AgentLoginStatus.agent_id == agent_id).execute())


def push(agent_id, actions, tolerate=()):
    """Send `actions` once the request commits; record the outcome on the
    agent's status. Errors of the `tolerate`d actions (e.g. removing a member
    Asterisk no longer has, during a relog) do not count."""
    if not actions and agent_id is None:
        return

    def send():
        client = _adapter()
        if client is None:
            return
        errors = []
        for action in actions:
            try:
                _send(client, action)
            except Exception as exc:  # AmiError, and anything the link throws
                if action.name in tolerate:
                    continue
                logger.warning('AMI %s %s failed: %s', action.name,
                               action.headers.get('Queue', ''), exc)
                errors.append(f'{action.name} {action.headers.get("Queue", "")}: {exc}'.strip())
        if agent_id is not None:
            _record(agent_id, '; '.join(errors) or None)

    aftercommit.defer(send)
