"""The routes of the seed-003 dialect (`/api/ver1.0`), declared once for Flask
and OpenAPI. Every route needs an application's bearer token (oauth.py);
`{client_id}` is `@me` or the application's entity id."""

from flask import Blueprint, jsonify, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import Map, Rule

from compat.callqueue import agents, events, extensions, members, oauth, queues
from compat.callqueue.common import ErrorSchema, guarded, render_error
from xivows.http import openapi, operations
from xivows.http.operations import Operation

PREFIX = oauth.PREFIX
OPENAPI = ('/api/ver1.0 (queues, agents, event callbacks)', f'{PREFIX}/openapi.json')
SECTION = 'api/ver1.0'  # no ACL section: the bearer token decides (see guarded)
CLIENT = '/client/<client>'
EXTENSION = '/extension/<extension_id>'

_ext = ('extensions',)
_queue = ('queues',)
_agents = ('agents',)
_members = ('queue agents',)
_events = ('agent events',)
READ = (400, 401, 403, 404)
WRITE = (400, 401, 403, 404, 409)


def _op(
    method, rule, view, summary, tags, body=None, answer=None, status=None, errors=None, query=None
):
    status = status or (201 if method == 'POST' else 204 if method == 'DELETE' else 200)
    return Operation(
        method,
        rule,
        view,
        summary,
        SECTION,
        body=body,
        answer=answer,
        status=status,
        errors=errors or (READ if method == 'GET' else WRITE),
        tags=tags,
        query=query or {},
    )


def _agent_operations(kind, module_views, schemas):
    new, change, answer = schemas
    base = f'{CLIENT}/agent/{kind}/'
    one = f'{CLIENT}/agent/{kind}/<agent_id>'
    views = module_views
    return [
        _op('POST', base, views['create'], f'Add a {kind} agent', _agents, new, answer()),
        _op(
            'GET',
            base,
            views['list'],
            f'List the {kind} agents',
            _agents,
            answer=answer(many=True),
        ),
        _op('GET', one, views['get'], f'Get a {kind} agent', _agents, answer=answer()),
        _op('PUT', one, views['edit'], f'Change a {kind} agent', _agents, change, answer()),
        _op(
            'DELETE',
            one,
            views['delete'],
            f'Delete a {kind} agent',
            _agents,
            query={
                'remove_from_queues': 'true (default): the agent leaves its queues; '
                'false: refused while it is in a queue'
            },
        ),
    ]


def _event_operations(kind, views):
    base = f'{CLIENT}/agent/{kind}/<agent_id>/event/'
    one = f'{CLIENT}/agent/{kind}/<agent_id>/event/<event_id>'
    return [
        _op(
            'POST',
            base,
            views['create'],
            f'Add an HTTP event of a {kind} agent',
            _events,
            events.NewEventSchema(),
            events.EventSchema(),
        ),
        _op(
            'GET',
            base,
            views['list'],
            f'List the HTTP events of a {kind} agent',
            _events,
            answer=events.EventSchema(many=True),
        ),
        _op(
            'GET',
            one,
            views['get'],
            f'Get an HTTP event of a {kind} agent',
            _events,
            answer=events.EventSchema(),
        ),
        _op(
            'PUT',
            one,
            views['edit'],
            f'Change an HTTP event of a {kind} agent',
            _events,
            events.EventChangeSchema(),
            events.EventSchema(),
        ),
        _op('DELETE', one, views['delete'], f'Delete an HTTP event of a {kind} agent', _events),
    ]


def _member_operations(kind):
    base = f'{EXTENSION}/queue/agents/{kind}/'
    one = f'{EXTENSION}/queue/agents/{kind}/<agent_id>'
    view = {
        name: getattr(members, f'{name}_{kind}')
        for name in ('list', 'add', 'get', 'edit', 'delete')
    }
    return [
        _op(
            'POST',
            base,
            view['add'],
            f'Add a {kind} agent to the queue',
            _members,
            members.NewMemberSchema(),
            members.MemberSchema(),
        ),
        _op(
            'GET',
            base,
            view['list'],
            f'List the {kind} agents of the queue',
            _members,
            answer=members.MemberSchema(many=True),
        ),
        _op(
            'GET',
            one,
            view['get'],
            f'Get a {kind} agent of the queue',
            _members,
            answer=members.MemberSchema(),
        ),
        _op(
            'PUT',
            one,
            view['edit'],
            f'Change the level or position of a {kind} agent',
            _members,
            members.MemberChangeSchema(),
            members.MemberSchema(),
        ),
        _op('DELETE', one, view['delete'], f'Remove a {kind} agent from the queue', _members),
    ]


def _agent_views(kind):
    return {
        name: getattr(agents, f'{name}_{kind}')
        for name in ('create', 'list', 'get', 'edit', 'delete')
    }


OPERATIONS = [
    _op(
        'POST',
        f'{CLIENT}/extension/',
        extensions.create_extension,
        'Add an extension (a queue or a phone)',
        _ext,
        extensions.NewExtensionSchema(),
        extensions.ExtensionSchema(),
    ),
    _op(
        'GET',
        f'{CLIENT}/extension/',
        extensions.list_extensions,
        'List the extensions',
        _ext,
        answer=extensions.ExtensionSchema(many=True),
    ),
    _op(
        'GET',
        f'{EXTENSION}/',
        extensions.get_extension,
        'Get an extension',
        _ext,
        answer=extensions.ExtensionSchema(),
    ),
    _op(
        'PUT',
        f'{EXTENSION}/',
        extensions.edit_extension,
        'Change an extension',
        _ext,
        extensions.ExtensionChangeSchema(),
        extensions.ExtensionSchema(),
    ),
    _op(
        'DELETE',
        f'{EXTENSION}/',
        extensions.delete_extension,
        'Delete an extension (its queue, or its phone user and line)',
        _ext,
    ),
    _op(
        'GET',
        f'{EXTENSION}/queue/',
        queues.get_params,
        'Get the queue parameters',
        _queue,
        answer=queues.QueueParamsSchema(),
    ),
    _op(
        'PUT',
        f'{EXTENSION}/queue/',
        queues.put_params,
        'Change the queue parameters',
        _queue,
        queues.QueueParamsSchema(),
        queues.QueueParamsSchema(),
    ),
    _op(
        'GET',
        f'{EXTENSION}/queue/status/',
        queues.get_status,
        'Count the callers of the queue (Asterisk)',
        _queue,
        answer=queues.QueueStatusSchema(),
        errors=READ + (503,),
    ),
    _op(
        'GET',
        f'{EXTENSION}/queue/status/members/',
        queues.get_status_members,
        'List the callers in the queue (Asterisk)',
        _queue,
        answer=queues.QueueCallerSchema(many=True),
        errors=READ + (503,),
    ),
    *_member_operations('local'),
    *_member_operations('remote'),
    *_agent_operations(
        'local',
        _agent_views('local'),
        (agents.LocalAgentSchema(), agents.LocalAgentSchema(), agents.LocalAgentAnswer),
    ),
    *_agent_operations(
        'remote',
        _agent_views('remote'),
        (agents.NewRemoteAgentSchema(), agents.RemoteAgentSchema(), agents.RemoteAgentAnswer),
    ),
    *_event_operations('local', events.LOCAL),
    *_event_operations('remote', events.REMOTE),
]

SECURITY = {
    'bearerAuth': {'type': 'http', 'scheme': 'bearer'},
    'oauth2': {
        'type': 'oauth2',
        'flows': {'clientCredentials': {'tokenUrl': f'{PREFIX}/oauth/token', 'scopes': {}}},
    },
}


def _description():
    return openapi.build(
        'xivows /api/ver1.0',
        PREFIX,
        OPERATIONS,
        ErrorSchema(),
        security=SECURITY,
        description='Queues on extensions, local and remote agents, '
        'levels, status and agent event callbacks (seed 003), '
        'over the xivows store. Get a token at '
        f'{PREFIX}/oauth/token (client credentials).',
    )


# Every route of the prefix, to tell an unknown path (404) from a wrong method (405).
_ROUTES = Map(
    [
        Rule(operation.rule, methods=[operation.method], strict_slashes=False)
        for operation in OPERATIONS
    ]
    + [Rule('/oauth/token', methods=['POST']), Rule('/openapi.json', methods=['GET'])]
)


def _unknown_route(rest=''):
    """Paths and methods this dialect does not have, in its error shape (a
    blueprint's own 404/405 handlers never see unmatched URLs)."""
    try:
        _ROUTES.bind('').match('/' + rest, method=request.method)
    except MethodNotAllowed as exc:
        response = render_error(405, f'method {request.method} not allowed here')
        response.headers['Allow'] = ', '.join(sorted(exc.valid_methods or ()))
        return response
    except HTTPException:
        pass
    return render_error(404, f'no such resource: {request.path}')


def init_app(app):
    bp = Blueprint('callqueue', __name__, url_prefix=PREFIX)
    operations.install(bp, OPERATIONS, render_error, guarded=guarded)
    bp.add_url_rule('/openapi.json', 'openapi', lambda: jsonify(_description()))
    bp.add_url_rule(
        '/',
        'unknown_root',
        _unknown_route,
        strict_slashes=False,
        methods=['GET', 'POST', 'PUT', 'DELETE', 'PATCH'],
    )
    bp.add_url_rule(
        '/<path:rest>',
        'unknown',
        _unknown_route,
        methods=['GET', 'POST', 'PUT', 'DELETE', 'PATCH'],
    )
    app.register_blueprint(bp)
