"""/client/{client_id}/agent/local/ and .../agent/remote/: the entity's agents.

Both kinds are xivows agents (the ids json.php and agentd use), in the entity's
first internal context, numbered from `CALLQUEUE_AGENT_NUMBERS`. A local agent
logs in on its phone extension (`extension_id`); a remote agent on its external
`number`, through the entity's outgoing routes. `status` `available` is logged
in (the agent-status service, as agentd's login), `logged_out` not; `name` is
the agent's name; the timing parameters and `extra_params` are kept as given
(xivows/resources/agent_settings)."""

from flask import Response, jsonify
from marshmallow import Schema, fields, validate

from compat.callqueue.common import Conflict, Int, Str, document, entity, flag, ident
from xivows import settings
from xivows.errors import InvalidInput, NotFound
from xivows.resources.agent_settings import service as agent_settings
from xivows.resources.agent_settings.service import SettingsChanges
from xivows.resources.agent_status import queries as status_queries
from xivows.resources.agent_status import service as agent_status
from xivows.resources.agent_status.errors import ExtensionInUse, NoSuchExtension
from xivows.resources.agents import numbers
from xivows.resources.agents import queries as agent_queries
from xivows.resources.agents import service as agents
from xivows.resources.agents.inputs import AgentInput
from xivows.resources.entity import scope
from xivows.resources.remote_agents import service as remote_agents

LOCAL, REMOTE = 'local', 'remote'
AVAILABLE, LOGGED_OUT = 'available', 'logged_out'
TIMES = agent_settings.TIMES
DEFAULT_GROUP = 1


def _seconds(text):
    return Int(maximum=agent_settings.MAX_SECONDS, metadata={'description': text})


class _AgentFields(Schema):
    busy_delay_time = _seconds('Seconds (stored, not applied)')
    call_timeout = _seconds('Seconds (stored, not applied)')
    no_answer_delay_time = _seconds('Seconds (stored, not applied)')
    reject_delay_time = _seconds('Seconds (stored, not applied)')
    wrap_up_time = _seconds('Seconds (stored, not applied)')
    status = Str(
        validate=validate.OneOf((AVAILABLE, LOGGED_OUT)),
        metadata={'description': 'available (logged in) or logged_out'},
    )
    name = Str(max_length=128, allow_none=True)
    extra_params = Str(max_length=agent_settings.MAX_EXTRA, allow_none=True)


class LocalAgentSchema(_AgentFields):
    extension_id = Int(allow_none=True, metadata={'description': 'Its phone extension'})


class RemoteAgentSchema(_AgentFields):
    number = Str(max_length=39, metadata={'description': 'Its external number'})


class NewRemoteAgentSchema(RemoteAgentSchema):
    number = Str(required=True, max_length=39, metadata={'description': 'Its external number'})


def _shown_fields(schema, extra):
    shown = {name: fields.Integer() for name in TIMES}
    shown.update(
        id=fields.Integer(),
        status=fields.String(),
        name=fields.String(allow_none=True),
        extra_params=fields.String(allow_none=True),
        **extra,
    )
    return Schema.from_dict(shown, name=schema)


LocalAgentAnswer = _shown_fields(
    'LocalAgentAnswer', {'extension_id': fields.Integer(allow_none=True)}
)
RemoteAgentAnswer = _shown_fields('RemoteAgentAnswer', {'number': fields.String()})

_input = {LOCAL: LocalAgentSchema(), REMOTE: RemoteAgentSchema()}
_new = {LOCAL: LocalAgentSchema(), REMOTE: NewRemoteAgentSchema()}


# -- reading ---------------------------------------------------------------------------


def _name(agent):
    full = f'{agent.firstname or ""} {agent.lastname or ""}'.strip()
    return full or None


def _shown(agent, kind, settings_of, logged, number=None, logged_on=None):
    shown = {
        'id': agent.id,
        'name': _name(agent),
        'status': AVAILABLE if logged else LOGGED_OUT,
        'extra_params': settings_of.extra_params,
    }
    shown.update({name: getattr(settings_of, name) for name in TIMES})
    if kind == LOCAL:
        # Logged in: where it is (agentd may have logged it on another phone);
        # logged out: the phone it logs in on.
        shown['extension_id'] = logged_on if logged else settings_of.extension_id
    else:
        shown['number'] = number
    return shown


def _found(kind, agent_id):
    """(agent, number, settings, logged) of a local or remote agent of the
    caller's entity, else NotFound: one query."""
    number = ident(str(agent_id), f'{kind} agent')
    found = scope.agents_with_state(entity(), [number], remote=kind == REMOTE)
    if not found:
        raise NotFound(f'no such {kind} agent: {agent_id}')
    return found[0]


def find(kind, agent_id):
    """A local or remote agent of the caller's entity, else NotFound."""
    return _found(kind, agent_id)[0]


def _answer(kind, found):
    agent, number, settings_row, logged, logged_on = found
    return _shown(agent, kind, agent_settings.from_row(settings_row), logged, number, logged_on)


def shown(kind, agent):
    return _answer(kind, _found(kind, agent.id))


def _list(kind):
    return jsonify(
        [
            _answer(kind, found)
            for found in scope.agents_with_state(entity(), remote=kind == REMOTE)
        ]
    )


# -- login state -------------------------------------------------------------------------


def _phone(extension_id):
    """The caller's phone extension `extension_id` (a body field: 400 if unknown)."""
    row = scope.extension(entity(), extension_id, ('user',))
    if row is None:
        raise InvalidInput(f'extension_id: no such phone extension: {extension_id}')
    return row


def _login(kind, agent):
    try:
        if kind == REMOTE:
            remote_agents.login(agent)
            return
        extension_id = agent_settings.get(agent.id).extension_id
        if extension_id is None:
            raise InvalidInput('status: a local agent needs an extension_id to log in on')
        phone = _phone(extension_id)
        agent_status.login(agent, phone.exten, phone.context)
    except ExtensionInUse as exc:
        # What is taken is where it logs in: its extension, or its external number.
        raise Conflict(
            f'{"number" if kind == REMOTE else "extension_id"}: {exc.message}'
        ) from None
    except NoSuchExtension:
        raise InvalidInput('extension_id: the phone extension has no line to log in on') from None


def _apply_status(kind, agent, wanted, relog=False):
    """Log the agent in or out as `wanted` (None: as it is, logged in again
    elsewhere when `relog`). Nothing happens, and no event, when nothing changes."""
    logged = status_queries.status_of(agent.id) is not None
    if wanted is None:
        wanted = AVAILABLE if logged else LOGGED_OUT
    if logged and (wanted == LOGGED_OUT or relog):
        agent_status.logoff(agent)
        logged = False
    if wanted == AVAILABLE and not logged:
        _login(kind, agent)


# -- writing ---------------------------------------------------------------------------


def _settings_changes(given):
    values = {name: given[name] for name in TIMES + ('extra_params',) if name in given}
    if 'extension_id' in given:
        values['extension_id'] = given['extension_id']
    return SettingsChanges(**values)


def _agent_number():
    begin, end = numbers.parse_range(settings.get('CALLQUEUE_AGENT_NUMBERS'))
    number = numbers.first_free(begin, end)
    if number is None:
        raise Conflict(f'no free agent number left in CALLQUEUE_AGENT_NUMBERS ({begin}-{end})')
    return number


def _create(kind):
    given = document(_new[kind])
    owner = entity()
    numbers.take_turns()  # before the external number is checked
    changes = _settings_changes(given)
    agent_settings.check(changes)
    if given.get('extension_id') is not None:
        _phone(given['extension_id'])
    if kind == REMOTE:
        external = remote_agents.check_number(given['number'], owner.name)
    context = scope.first_internal_context(owner)
    if context is None:
        raise InvalidInput(f'client {owner.id} has no internal context for its agents')
    agent_id = agents.create(
        AgentInput(
            features={
                'number': _agent_number(),
                'context': context,
                'numgroup': DEFAULT_GROUP,
                'autologoff': 0,
                'firstname': given.get('name') or '',
            }
        )
    )
    agent = agents.get(agent_id)
    agent_settings.save(agent_id, changes)
    if kind == REMOTE:
        remote_agents.set_number(agent, external)
    _apply_status(kind, agent, given.get('status', LOGGED_OUT))
    response = jsonify(shown(kind, agent))
    response.status_code = 201
    return response


def _edit(kind, agent_id):
    agent_status.take_turns(ident(str(agent_id), f'{kind} agent'))
    agent, _, settings_row, logged, logged_on = _found(kind, agent_id)
    given = document(_input[kind])
    if kind == REMOTE and 'number' in given:
        numbers.take_turns()
    changes = _settings_changes(given)
    agent_settings.check(changes)
    relog = False
    if given.get('extension_id') is not None:
        _phone(given['extension_id'])
        # moved when it is logged elsewhere than asked (wherever it was logged from)
        where = logged_on if logged else agent_settings.from_row(settings_row).extension_id
        relog = given['extension_id'] != where
    if (
        'extension_id' in given
        and given['extension_id'] is None
        and given.get('status') != LOGGED_OUT
        and status_queries.status_of(agent.id) is not None
    ):
        raise InvalidInput(
            'extension_id: a logged in agent needs its extension (log it out first)'
        )
    if kind == REMOTE and 'number' in given:
        external = remote_agents.check_number(given['number'], entity().name, agent.id)
    if 'name' in given:
        agents.edit(
            agent.id, AgentInput(features={'firstname': given['name'] or '', 'lastname': ''})
        )
    agent_settings.save(agent.id, changes)
    if kind == REMOTE and 'number' in given:
        remote_agents.set_number(agent, external)
    _apply_status(kind, agents.get(agent.id), given.get('status'), relog)
    return jsonify(shown(kind, agents.get(agent.id)))


def _delete(kind, agent_id):
    agent = find(kind, agent_id)
    if not flag('remove_from_queues', True) and agent_queries.has_memberships(agent.id):
        raise InvalidInput(f'remove_from_queues: agent {agent.id} is in a queue')
    agents.delete(agent.id)
    return Response(status=204)


def list_local():
    return _list(LOCAL)


def list_remote():
    return _list(REMOTE)


def create_local():
    return _create(LOCAL)


def create_remote():
    return _create(REMOTE)


def get_local(agent_id):
    return jsonify(_answer(LOCAL, _found(LOCAL, agent_id)))


def get_remote(agent_id):
    return jsonify(_answer(REMOTE, _found(REMOTE, agent_id)))


def edit_local(agent_id):
    return _edit(LOCAL, agent_id)


def edit_remote(agent_id):
    return _edit(REMOTE, agent_id)


def delete_local(agent_id):
    return _delete(LOCAL, agent_id)


def delete_remote(agent_id):
    return _delete(REMOTE, agent_id)
