"""/api/agents, /api/agent/<number>: an agent is named by its number. `contact`
is the SIP account (line name) it is logged on ("" when logged out), `status`
its login state (the one agentd uses), `state` what it is doing ("" when logged
out; `paused`, `ringing` or `in_call` — the last two when Asterisk's live state
says so — else `waiting`), `idle_since` when its state last changed (Unix time,
"0" if never). Every value is a string, as the seed shows them."""

from flask import Response, jsonify
from marshmallow import Schema, fields, validate

from compat.restapi.common import document
from xivows.errors import InvalidInput, Unavailable
from xivows.live import queries as live
from xivows.resources.agent_status import queries as status_queries
from xivows.resources.agent_status import service as agent_status
from xivows.resources.agent_status.errors import ExtensionInUse
from xivows.resources.agents import service as agents
from xivows.resources.users import sip_accounts

SECTION = 'api/agents'
LOGGED_IN, LOGGED_OUT = 'logged_in', 'logged_out'
# Asterisk device states (ast_device_state) of a member's device: being rung
# (RINGING), on a call (INUSE, BUSY, RINGINUSE: on a call and rung again, ONHOLD)
_RINGING = (6,)
_IN_CALL = (2, 3, 7, 8)


class AgentSchema(Schema):
    contact = fields.String(required=True, metadata={'description': 'SIP account logged on'})
    id = fields.String(required=True, metadata={'description': 'The agent number'})
    idle_since = fields.String(required=True, metadata={'description': 'Unix time'})
    state = fields.String(
        required=True, metadata={'description': '"", waiting, paused, ringing or in_call'}
    )
    status = fields.String(required=True, metadata={'description': 'logged_in or logged_out'})


class AgentChangeSchema(Schema):
    status = fields.String(
        validate=validate.OneOf((LOGGED_IN, LOGGED_OUT), error='must be logged_in or logged_out')
    )
    contact = fields.String(validate=validate.Length(min=1, max=40))


_change = AgentChangeSchema()


def _live_members():
    """{agent interface: (ringing, in_call, changed_at)} from Asterisk's live
    state, or {} when it is not available (the store's state is shown then)."""
    try:
        live.require_fresh()
    except Unavailable:
        return {}
    found = {}
    for member in live.queue_members():
        ringing, in_call, changed = found.get(member.interface, (False, False, 0))
        found[member.interface] = (
            ringing or member.status in _RINGING,
            in_call or member.in_call or member.status in _IN_CALL,
            max(changed, int(member.changed_at or 0)),
        )
    return found


def _shown(agent, status, presence, contacts, members):
    changed_at = presence.changed_at if presence else 0
    if status is None:
        return {
            'contact': '',
            'id': agent.number,
            'idle_since': str(changed_at),
            'state': '',
            'status': LOGGED_OUT,
        }
    ringing, in_call, live_changed = members.get(
        agent_status.interface(agent.id), (False, False, 0)
    )
    state = (
        'in_call'
        if in_call
        else 'ringing'
        if ringing
        else 'paused'
        if status.paused
        else 'waiting'
    )
    return {
        'contact': contacts.get((status.extension, status.context), ''),
        'id': agent.number,
        'idle_since': str(max(changed_at, live_changed)),
        'state': state,
        'status': LOGGED_IN,
    }


def _all_shown(only=None):
    logged = status_queries.all_statuses()
    presences = status_queries.presences()
    contacts = sip_accounts.line_names(
        (status.extension, status.context) for status in logged.values()
    )
    members = _live_members() if logged else {}
    rows = [only] if only is not None else list(status_queries.all_agents())
    return [
        _shown(agent, logged.get(agent.id), presences.get(agent.id), contacts, members)
        for agent in rows
    ]


def _agent(number):
    return agent_status.agent(number=number)


def list_agents():
    return jsonify(_all_shown())


def get_agent(number):
    return jsonify(_all_shown(_agent(number))[0])


def _extension_of(contact):
    """(number, context) of the user line named `contact`."""
    account = sip_accounts.find(contact)
    if account is None or not account.number:
        raise InvalidInput(f'contact: no such SIP account with an extension: {contact}')
    return account.number, account.context


def _users_line(agent):
    """(number, context) of the one SIP account of the agent's users (the
    phone of the user the agent is), for a first login without `contact`."""
    accounts = sip_accounts.of_agent(agent.id)
    if not accounts:
        raise InvalidInput('contact: is required: the agent never logged in')
    if len(accounts) > 1:
        raise InvalidInput(
            'contact: is required: the agent never logged in and its users have '
            f'{len(accounts)} SIP accounts'
        )
    return accounts[0].number, accounts[0].context


def put_agent(number):
    agent = _agent(number)
    given = document(_change)
    status = status_queries.status_of(agent.id)
    wanted = given.get('status', LOGGED_IN if status else LOGGED_OUT)
    extension = _extension_of(given['contact']) if 'contact' in given else None
    if wanted == LOGGED_OUT:
        if status is not None:
            agent_status.logoff(agent)
        if extension:
            agent_status.remember_line(agent.id, *extension)
    else:
        if extension is None:
            if status is not None:
                extension = (status.extension, status.context)
            else:
                last_extension, last_context, _ = agent_status.presence(agent.id)
                if last_extension:
                    extension = (last_extension, last_context)
                else:
                    extension = _users_line(agent)
        if status is not None and (status.extension, status.context) != extension:
            agent_status.logoff(agent)  # moves to another SIP account
            status = None
        if status is None:
            try:
                agent_status.login(agent, *extension)
            except ExtensionInUse:
                raise InvalidInput(
                    'contact: another agent is logged on this SIP account'
                ) from None
    return jsonify(_all_shown(agent)[0])


def delete_agent(number):
    agents.delete(_agent(number).id)
    return Response(status=204)
