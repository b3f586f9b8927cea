"""/v1/agents and /v1/agents/: xivows's agents (the store) with the live fields
of the channel of the device they are logged on (the live tables). `id` is the
agent's number, `name` its first and last names (or "Agent <number>").

`status`: AGENT_LOGGEDOFF (not logged, from the store), AGENT_ONCALL (logged,
and a channel of its device is up), AGENT_IDLE (logged, no call up). The channel
fields are null while no channel exists; `tm_update` is the last change of the
agent's rows in the live tables (its queue memberships, its channel)."""

from compat.v1 import envelope
from compat.v1.common import found, fresh, key, page
from xivows.live import queries as live
from xivows.resources.agent_status import service as agent_status

UP = 6  # channel state Up

SHAPE = {
    'id': str,
    'name': str,
    'status': str,
    'logged_in_time': int,
    'paused': bool,
    'paused_reason': str,
    'channel_name': str,
    'channel_state': int,
    'channel_state_desc': str,
    'caller_id_name': str,
    'caller_id_num': str,
    'connected_line_name': str,
    'connected_line_num': str,
    'context': str,
    'exten': str,
    'priority': str,
    'account_code': str,
    'language': str,
    'unique_id': str,
    'linked_id': str,
    'tm_update': str,
}
ITEM, ONE, MANY = envelope.schemas('Agent', SHAPE)
_, _, ID_LIST = envelope.schemas('AgentId', {'id': str})


def list_agents():
    limit, offset = page()
    return envelope.listed([{'id': number} for number in agent_status.numbers(limit, offset)])


def _name(agent):
    return (
        ' '.join(part for part in (agent.firstname, agent.lastname) if part)
        or f'Agent {agent.number}'
    )


def get_agent():
    number = key('id')
    fresh()
    agent = found(agent_status.find(number), 'agent', number)
    status = agent_status.login_of(agent)
    channel = live.channel_of_device(status.state_interface) if status else None
    shown = {
        'id': agent.number,
        'name': _name(agent),
        'status': 'AGENT_LOGGEDOFF'
        if status is None
        else 'AGENT_ONCALL'
        if channel and channel['state'] == UP
        else 'AGENT_IDLE',
        'logged_in_time': status.login_at if status else None,
        'paused': bool(status.paused) if status else False,
        'paused_reason': (status.paused_reason or '') if status else '',
    }
    channel = channel or {}
    shown.update(
        {
            'channel_name': channel.get('channel'),
            'channel_state': channel.get('state'),
            'channel_state_desc': channel.get('state_desc'),
            'caller_id_name': channel.get('caller_id_name'),
            'caller_id_num': channel.get('caller_id_num'),
            'connected_line_name': channel.get('connected_line_name'),
            'connected_line_num': channel.get('connected_line_num'),
            'context': channel.get('context'),
            'exten': channel.get('exten'),
            'priority': str(channel['priority']) if channel else None,
            'account_code': channel.get('account_code'),
            'language': channel.get('language'),
            'unique_id': channel.get('uniqueid'),
            'linked_id': channel.get('linkedid'),
        }
    )
    changes = [
        moment
        for moment in (
            live.member_changed_at(agent_status.interface(agent.id)),
            channel.get('changed_at'),
        )
        if moment
    ]
    shown['tm_update'] = envelope.stamp(max(changes)) if changes else None
    return envelope.answer(shown)
