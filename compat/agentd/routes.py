"""Routes of the agent-control API. Every route needs a web-service user granted
the `agentd` ACL section. Errors: {"error": "<message>"} with the documented codes."""

from flask import Blueprint, Response, jsonify

from compat.agentd import schemas
from xivows.auth import acl
from xivows.constants import MAX_ID
from xivows.errors import InvalidInput, NotFound
from xivows.http import openapi, operations
from xivows.http.operations import Operation
from xivows.resources.agent_status import service
from xivows.resources.agent_status.errors import NoSuchAgent
from xivows.schemas.fields import to_int

SECTION = 'agentd'
PREFIXES = ('/1.0', '/0.1')
OPENAPI = ('/1.0 (xivo-agentd)', '/1.0/openapi.json')

_member = schemas.MemberSchema()
_queue_body = schemas.QueueSchema()
_login_body = schemas.LoginSchema()
_pause = schemas.PauseSchema()


def _no_content():
    return Response(status=204)


def _agent_by_id(agent_id):
    number = to_int(agent_id)
    if number is None or not 0 < number <= MAX_ID:
        raise NoSuchAgent()
    return service.agent(number)


def _agent_by_number(number):
    if len(number) > 40:
        raise NoSuchAgent()
    return service.agent(number=number)


def _queue(queue_id):
    return service.queue(queue_id if 0 < queue_id <= MAX_ID else 0)


def _change_membership(agent, queue, add):
    if add:
        service.add_to_queue(agent, queue)
    else:
        service.remove_from_queue(agent, queue)
    return _no_content()


def _members(add):
    document = schemas.read(_member)
    agent_id, queue_id = document['agent_id'], document['queue_id']
    try:
        agent, queue = _agent_by_id(agent_id), _queue(queue_id)
    except NotFound as exc:
        # The membership calls answer unknown agents and queues with 400.
        raise InvalidInput(exc.message) from None
    return _change_membership(agent, queue, add)


def add_member():
    return _members(add=True)


def remove_member():
    return _members(add=False)


def _login(agent):
    document = schemas.read(_login_body)
    service.login(agent, document['extension'], document['context'])
    return _no_content()


def login_by_id(agent_id):
    return _login(_agent_by_id(agent_id))


def login_by_number(agent_number):
    return _login(_agent_by_number(agent_number))


def logoff_by_id(agent_id):
    service.logoff(_agent_by_id(agent_id))
    return _no_content()


def logoff_by_number(agent_number):
    service.logoff(_agent_by_number(agent_number))
    return _no_content()


def logoff_all():
    service.logoff_all()
    return _no_content()


def relog_all():
    service.relog_all()
    return _no_content()


def _reason():
    return schemas.read(_pause, optional=True)['reason']


def pause_by_number(agent_number):
    service.pause(_agent_by_number(agent_number), _reason())
    return _no_content()


def unpause_by_number(agent_number):
    service.unpause(_agent_by_number(agent_number))
    return _no_content()


def status_by_id(agent_id):
    return jsonify(service.status(_agent_by_id(agent_id)))


def status_by_number(agent_number):
    return jsonify(service.status(_agent_by_number(agent_number)))


def statuses():
    return jsonify(service.statuses())


def _queue_from_body(agent_id, add):
    """The daemon's /agents/by-id/<id>/add|remove {queue_id}."""
    queue_id = schemas.read(_queue_body)['queue_id']
    return _change_membership(_agent_by_id(agent_id), _queue(queue_id), add)


def _add_queue(agent_id):
    return _queue_from_body(agent_id, True)


def _remove_queue(agent_id):
    return _queue_from_body(agent_id, False)


_STATUS = schemas.StatusSchema()
_STATUSES = schemas.StatusSchema(many=True)
_AGENT_ERRORS = (400, 401, 403, 404)


def _op(method, rule, view, summary, tags, **kwargs):
    status = 204 if method == 'POST' or method == 'DELETE' else 200
    return Operation(method, rule, view, summary, SECTION, status=status, tags=tags, **kwargs)


# The documented routes, then the daemon's own spellings.
OPERATIONS = [
    _op(
        'POST',
        '/members',
        add_member,
        'Add an agent to a queue',
        ('members',),
        body=_member,
        errors=(400, 401, 403),
    ),
    _op(
        'DELETE',
        '/members',
        remove_member,
        'Remove an agent from a queue',
        ('members',),
        body=_member,
        errors=(400, 401, 403),
    ),
    _op(
        'POST',
        '/agents/all/logoff',
        logoff_all,
        'Log every agent off',
        ('agents',),
        errors=(401, 403),
    ),
    _op(
        'POST',
        '/agents/all/relog',
        relog_all,
        'Log every logged agent in again',
        ('agents',),
        errors=(401, 403),
    ),
    _op(
        'GET',
        '/agents/all/statuses',
        statuses,
        'Status of every agent',
        ('status',),
        answer=_STATUSES,
        errors=(401, 403),
    ),
    _op(
        'POST',
        '/agents/by-number/<agent_number>/login',
        login_by_number,
        'Log an agent in on an extension',
        ('agents',),
        body=_login_body,
        errors=_AGENT_ERRORS,
    ),
    _op(
        'POST',
        '/agents/by-number/<agent_number>/logoff',
        logoff_by_number,
        'Log an agent off',
        ('agents',),
        errors=_AGENT_ERRORS,
    ),
    _op(
        'POST',
        '/agents/by-number/<agent_number>/pause',
        pause_by_number,
        'Pause an agent in all its queues',
        ('agents',),
        body=_pause,
        errors=_AGENT_ERRORS,
    ),
    _op(
        'POST',
        '/agents/by-number/<agent_number>/unpause',
        unpause_by_number,
        'Unpause an agent',
        ('agents',),
        errors=_AGENT_ERRORS,
    ),
    _op(
        'GET',
        '/agents/by-number/<agent_number>/status',
        status_by_number,
        'Status of an agent',
        ('status',),
        answer=_STATUS,
        errors=(401, 403, 404),
    ),
    _op(
        'POST',
        '/agents/<agent_id>/login',
        login_by_id,
        'Log an agent in on an extension',
        ('agents',),
        body=_login_body,
        errors=_AGENT_ERRORS,
    ),
    _op(
        'POST',
        '/agents/<agent_id>/logoff',
        logoff_by_id,
        'Log an agent off',
        ('agents',),
        errors=_AGENT_ERRORS,
    ),
    _op(
        'GET',
        '/agents/<agent_id>/status',
        status_by_id,
        'Status of an agent',
        ('status',),
        answer=_STATUS,
        errors=(401, 403, 404),
    ),
    # xivo-agentd 1.0 spellings
    _op(
        'GET',
        '/agents',
        statuses,
        'Status of every agent (daemon spelling)',
        ('status',),
        answer=_STATUSES,
        errors=(401, 403),
    ),
    _op(
        'GET',
        '/agents/by-id/<agent_id>',
        status_by_id,
        'Status of an agent (daemon spelling)',
        ('status',),
        answer=_STATUS,
        errors=(401, 403, 404),
    ),
    _op(
        'GET',
        '/agents/by-number/<agent_number>',
        status_by_number,
        'Status of an agent (daemon spelling)',
        ('status',),
        answer=_STATUS,
        errors=(401, 403, 404),
    ),
    _op(
        'POST',
        '/agents/by-id/<agent_id>/login',
        login_by_id,
        'Log an agent in (daemon spelling)',
        ('agents',),
        body=_login_body,
        errors=_AGENT_ERRORS,
    ),
    _op(
        'POST',
        '/agents/by-id/<agent_id>/logoff',
        logoff_by_id,
        'Log an agent off (daemon spelling)',
        ('agents',),
        errors=_AGENT_ERRORS,
    ),
    _op(
        'POST',
        '/agents/by-id/<agent_id>/add',
        _add_queue,
        'Add an agent to a queue (daemon spelling)',
        ('members',),
        body=_queue_body,
        errors=_AGENT_ERRORS,
    ),
    _op(
        'POST',
        '/agents/by-id/<agent_id>/remove',
        _remove_queue,
        'Remove an agent from a queue (daemon spelling)',
        ('members',),
        body=_queue_body,
        errors=_AGENT_ERRORS,
    ),
    _op(
        'POST',
        '/agents/logoff',
        logoff_all,
        'Log every agent off (daemon spelling)',
        ('agents',),
        errors=(401, 403),
    ),
    _op(
        'POST',
        '/agents/relog',
        relog_all,
        'Log every logged agent in again (daemon spelling)',
        ('agents',),
        errors=(401, 403),
    ),
]


def _error(status, message):
    response = jsonify(error=message)
    response.status_code = status
    return response


def _description():
    return openapi.build(
        'xivows agent control (xivo-agentd)',
        PREFIXES[0],
        OPERATIONS,
        schemas.ErrorSchema(),
        description='Agent login, logoff, pause and queue membership over the '
        'xivows store; the same routes answer under /0.1.',
    )


def blueprints():
    for prefix in PREFIXES:
        bp = Blueprint(
            f'agentd{prefix.replace(".", "_").replace("/", "_")}', __name__, url_prefix=prefix
        )
        operations.install(bp, OPERATIONS, _error)
        bp.add_url_rule('/openapi.json', 'openapi', lambda: jsonify(_description()))
        yield bp


def init_app(app):
    acl.register(SECTION)
    for blueprint in blueprints():
        app.register_blueprint(blueprint)
