"""The routes of /v1, declared once (for Flask and for OpenAPI), the answers to
unknown paths and methods (in the envelope), CORS, and the OpenAPI description
(outside the envelope)."""

from flask import Blueprint, current_app, jsonify, request
from flask_cors import CORS
from werkzeug.exceptions import HTTPException

from compat.v1 import (
    agents,
    auth,
    configurations,
    core,
    devices,
    envelope,
    park,
    pjsip,
    queue,
    trunks,
    users,
)
from compat.v1 import families as S
from compat.v1.unsupported import out_of_scope
from xivows.http import openapi, operations
from xivows.http.operations import Operation

PREFIX = '/v1'
OPENAPI = ('/v1 (call-center live state and configuration)', f'{PREFIX}/openapi.json')
SECTIONS = S.ALL
LIMITS = {'limit': 'At most this many items (up to 100000)', 'offset': 'Items skipped first'}
READ_ERRORS = (401, 403, 404, 429, 503)
WRITE_ERRORS = (400, 401, 403, 404, 409, 429, 503)
CONFIG_ERRORS = (400, 401, 403, 404, 429)
DONE = envelope.DoneSchema()


def _list(rule, view, summary, section, schema, tags, errors=(401, 403, 429, 503), query=None):
    return Operation(
        'GET',
        rule,
        view,
        summary,
        section,
        answer=schema,
        errors=errors,
        tags=tags,
        query={**LIMITS, **(query or {})},
    )


def _get(rule, view, summary, section, schema, tags, errors=READ_ERRORS, query=None):
    return Operation(
        'GET',
        rule,
        view,
        summary,
        section,
        answer=schema,
        errors=errors,
        tags=tags,
        query=query or {},
    )


def _write(method, rule, view, summary, section, tags, errors=WRITE_ERRORS, body=None):
    return Operation(
        method, rule, view, summary, section, body=body, answer=DONE, errors=errors, tags=tags
    )


def _refused(method, rule, view, summary, section, tags):
    return Operation(
        method, rule, view, summary, section, answer=None, status=405, errors=(401, 403), tags=tags
    )


def _live(family, rule, name, lister, getter, section, schemas, detail='<name>'):
    _, one, many = schemas
    return [
        _list(f'{rule}', lister, f'List the {name}', section, many, (family,)),
        _get(f'{rule}/{detail}', getter, f'Get one of the {name}', section, one, (family,)),
    ]


def _configurations(family, section):
    tag = (f'admin/{family}',)
    rule = f'/admin/{family}/configurations'
    return [
        _list(
            rule,
            configurations.lister(family),
            f'The generated {family} configuration files',
            section,
            configurations.MANY,
            tag,
            errors=(401, 403, 429),
        ),
        _get(
            f'{rule}/<name>',
            configurations.getter(family),
            'One generated file',
            section,
            configurations.ONE,
            tag,
            errors=(401, 403, 404, 429),
        ),
        _refused(
            'PUT',
            f'{rule}/<name>',
            configurations.refuse,
            'Refused (405): the files are generated from the store',
            section,
            tag,
        ),
        _refused(
            'DELETE',
            f'{rule}/<name>',
            configurations.refuse,
            'Refused (405): the files are generated from the store',
            section,
            tag,
        ),
    ]


OPERATIONS = [
    # -- authentication and the caller's account
    Operation(
        'POST',
        '/admin/login',
        auth.login,
        'Get an authtoken (HTTP Basic credentials of a web-service user)',
        '',
        answer=envelope.schemas('Login', {'authtoken': str})[1],
        errors=(401, 429, 503),
        tags=('admin/login',),
    ),
    Operation(
        'DELETE',
        '/admin/login',
        auth.logout,
        'Revoke the authtoken given',
        '',
        answer=DONE,
        errors=(401, 429),
        tags=('admin/login',),
    ),
    _get(
        '/admin/info',
        users.get_info,
        "The token's user",
        '',
        users.ONE,
        ('admin/info',),
        errors=(401, 429),
    ),
    _write(
        'PUT',
        '/admin/info',
        users.put_info,
        "Change the token's user (name, username, password, context)",
        '',
        ('admin/info',),
        errors=(400, 401, 429),
        body=users.InfoSchema(),
    ),
    # -- live state
    _list(
        '/agents',
        agents.list_agents,
        'List the agents (ids)',
        S.AGENTS,
        agents.ID_LIST,
        ('agents',),
        errors=(401, 403, 429),
    ),
    _get(
        '/agents/',
        agents.get_agent,
        'An agent with its live channel',
        S.AGENTS,
        agents.ONE,
        ('agents',),
        query={'id': 'The agent number (or {"id"} in the body)'},
    ),
    _list(
        '/device_states',
        devices.list_devices,
        'List the devices',
        S.DEVICE_STATES,
        devices.NAME_LIST,
        ('device_states',),
    ),
    _get(
        '/device_states/',
        devices.get_device,
        'A device state',
        S.DEVICE_STATES,
        devices.ONE,
        ('device_states',),
        query={'device': 'The device (or {"device"} in the body)'},
    ),
    _list(
        '/peers',
        pjsip.list_peers,
        'List the peers (PJSIP endpoints)',
        S.PEERS,
        pjsip.PEER_NAMES,
        ('peers',),
    ),
    _get(
        '/peers/',
        pjsip.get_peer,
        'A peer (PJSIP endpoint)',
        S.PEERS,
        pjsip.SCHEMAS['Peer'][1],
        ('peers',),
        query={'peer': 'PJSIP/<endpoint> (or {"peer"} in the body)'},
    ),
    _list(
        '/registries',
        pjsip.list_registries,
        'List the outbound registrations',
        S.REGISTRIES,
        pjsip.ACCOUNTS,
        ('registries',),
    ),
    _get(
        '/registries/',
        pjsip.get_registry,
        'An outbound registration',
        S.REGISTRIES,
        pjsip.SCHEMAS['Registry'][1],
        ('registries',),
        query={'account': 'user@host:port or the registration name (or in the body)'},
    ),
    *_live(
        'admin/core',
        '/admin/core/channels',
        'channels',
        core.list_channels,
        core.get_channel,
        S.CORE,
        core.SCHEMAS['Channel'],
        '<unique_id>',
    ),
    _write(
        'DELETE',
        '/admin/core/channels/<unique_id>',
        core.delete_channel,
        'Hang a channel up',
        S.CORE_WRITE,
        ('admin/core',),
    ),
    *_live(
        'admin/core',
        '/admin/core/systems',
        'systems',
        core.list_systems,
        core.get_system,
        S.CORE,
        core.SCHEMAS['System'],
        '<system_id>',
    ),
    *_live(
        'admin/core',
        '/admin/core/modules',
        'loaded modules',
        core.list_modules,
        core.get_module,
        S.CORE,
        core.SCHEMAS['Module'],
    ),
    _write(
        'POST',
        '/admin/core/modules/<name>',
        core.post_module,
        'Load a module',
        S.CORE_WRITE,
        ('admin/core',),
    ),
    _write(
        'PUT',
        '/admin/core/modules/<name>',
        core.put_module,
        'Reload a module',
        S.CORE_WRITE,
        ('admin/core',),
    ),
    _write(
        'DELETE',
        '/admin/core/modules/<name>',
        core.delete_module,
        'Unload a module',
        S.CORE_WRITE,
        ('admin/core',),
    ),
    *_live(
        'admin/queue',
        '/admin/queue/queues',
        'queues',
        queue.list_queues,
        queue.get_queue,
        S.QUEUE,
        queue.SCHEMAS['Queue'],
    ),
    _list(
        '/admin/queue/members',
        queue.list_members,
        'List the queue members',
        S.QUEUE,
        queue.SCHEMAS['QueueMember'][2],
        ('admin/queue',),
    ),
    _get(
        '/admin/queue/members/<path:name>',
        queue.get_member,
        'A queue member (name with ?queue_name=, or name@queue)',
        S.QUEUE,
        queue.SCHEMAS['QueueMember'][1],
        ('admin/queue',),
        errors=(400,) + READ_ERRORS,
        query={'queue_name': 'The queue'},
    ),
    *_live(
        'admin/queue',
        '/admin/queue/entries',
        'callers waiting',
        queue.list_entries,
        queue.get_entry,
        S.QUEUE,
        queue.SCHEMAS['QueueEntry'],
        '<unique_id>',
    ),
    *_live(
        'admin/pjsip',
        '/admin/pjsip/endpoints',
        'PJSIP endpoints',
        pjsip.list_endpoints,
        pjsip.get_endpoint,
        S.PJSIP,
        pjsip.SCHEMAS['Endpoint'],
    ),
    *_live(
        'admin/pjsip',
        '/admin/pjsip/aors',
        'PJSIP AORs',
        pjsip.list_aors,
        pjsip.get_aor,
        S.PJSIP,
        pjsip.SCHEMAS['Aor'],
    ),
    *_live(
        'admin/pjsip',
        '/admin/pjsip/auths',
        'PJSIP auths (no secrets)',
        pjsip.list_auths,
        pjsip.get_auth,
        S.PJSIP,
        pjsip.SCHEMAS['Auth'],
    ),
    *_live(
        'admin/pjsip',
        '/admin/pjsip/contacts',
        'PJSIP contacts',
        pjsip.list_contacts,
        pjsip.get_contact,
        S.PJSIP,
        pjsip.SCHEMAS['Contact'],
        '<path:name>',
    ),
    *_live(
        'admin/pjsip',
        '/admin/pjsip/registration_outbounds',
        'outbound registrations',
        pjsip.list_registrations,
        pjsip.get_registration,
        S.PJSIP,
        pjsip.SCHEMAS['RegistrationOutbound'],
    ),
    *_live(
        'admin/park',
        '/admin/park/parkedcalls',
        'parked calls',
        park.list_parked,
        park.get_parked,
        S.PARK,
        park.SCHEMAS['ParkedCall'],
        '<unique_id>',
    ),
    _write(
        'DELETE',
        '/admin/park/parkedcalls/<unique_id>',
        park.delete_parked,
        'Hang a parked call up',
        S.PARK_WRITE,
        ('admin/park',),
    ),
    *_live(
        'admin/park',
        '/admin/park/parkinglots',
        'parking lots (res_parking)',
        park.list_lots,
        park.get_lot,
        S.PARK,
        park.SCHEMAS['ParkingLot'],
    ),
    _refused(
        'PUT',
        '/admin/park/parkinglots/<name>',
        park.lot_moved,
        'Refused (405): change /v1/admin/park/cfg_parkinglots',
        S.PARK,
        ('admin/park',),
    ),
    _refused(
        'DELETE',
        '/admin/park/parkinglots/<name>',
        park.lot_moved,
        'Refused (405): change /v1/admin/park/cfg_parkinglots',
        S.PARK,
        ('admin/park',),
    ),
    # -- configuration (the store)
    _list(
        '/admin/queue/cfg_queues',
        queue.list_cfg_queues,
        'The queues of the store',
        S.QUEUE,
        queue.SCHEMAS['CfgQueue'][2],
        ('admin/queue',),
        errors=(400, 401, 403, 429),
    ),
    _write(
        'POST',
        '/admin/queue/cfg_queues',
        queue.post_cfg_queue,
        'Add a queue',
        S.QUEUE_WRITE,
        ('admin/queue',),
        CONFIG_ERRORS,
        queue.CfgQueueSchema(),
    ),
    _get(
        '/admin/queue/cfg_queues/<name>',
        queue.get_cfg_queue,
        'A queue of the store',
        S.QUEUE,
        queue.SCHEMAS['CfgQueue'][1],
        ('admin/queue',),
        (401, 403, 404, 429),
    ),
    _write(
        'PUT',
        '/admin/queue/cfg_queues/<name>',
        queue.put_cfg_queue,
        'Change a queue',
        S.QUEUE_WRITE,
        ('admin/queue',),
        CONFIG_ERRORS,
        queue.CfgQueueSchema(),
    ),
    _write(
        'DELETE',
        '/admin/queue/cfg_queues/<name>',
        queue.delete_cfg_queue,
        'Delete a queue',
        S.QUEUE_WRITE,
        ('admin/queue',),
        CONFIG_ERRORS,
    ),
    _list(
        '/admin/park/cfg_parkinglots',
        park.list_cfg_lots,
        'The parking lots of the store',
        S.PARK,
        park.SCHEMAS['CfgParkingLot'][2],
        ('admin/park',),
        errors=(400, 401, 403, 429),
    ),
    _write(
        'POST',
        '/admin/park/cfg_parkinglots',
        park.post_cfg_lot,
        'Add a parking lot',
        S.PARK_WRITE,
        ('admin/park',),
        CONFIG_ERRORS,
        park.CfgLotSchema(),
    ),
    _get(
        '/admin/park/cfg_parkinglots/<name>',
        park.get_cfg_lot,
        'A parking lot of the store',
        S.PARK,
        park.SCHEMAS['CfgParkingLot'][1],
        ('admin/park',),
        (401, 403, 404, 429),
    ),
    _write(
        'PUT',
        '/admin/park/cfg_parkinglots/<name>',
        park.put_cfg_lot,
        'Change a parking lot',
        S.PARK_WRITE,
        ('admin/park',),
        CONFIG_ERRORS,
        park.CfgLotSchema(),
    ),
    _write(
        'DELETE',
        '/admin/park/cfg_parkinglots/<name>',
        park.delete_cfg_lot,
        'Delete a parking lot',
        S.PARK_WRITE,
        ('admin/park',),
        CONFIG_ERRORS,
    ),
    *_configurations('dialplan', S.DIALPLAN),
    *_configurations('pjsip', S.PJSIP),
    *_configurations('queue', S.QUEUE),
    *_configurations('park', S.PARK),
    _list(
        '/manager/trunks',
        trunks.list_trunks,
        'The SIP trunks of the store',
        S.MANAGER,
        trunks.MANY,
        ('manager',),
        errors=(400, 401, 403, 429),
    ),
    _write(
        'POST',
        '/manager/trunks',
        trunks.post_trunk,
        'Add a SIP trunk',
        S.MANAGER_WRITE,
        ('manager',),
        CONFIG_ERRORS,
        trunks.TrunkSchema(),
    ),
    _get(
        '/manager/trunks/<name>',
        trunks.get_trunk,
        'A SIP trunk',
        S.MANAGER,
        trunks.ONE,
        ('manager',),
        (401, 403, 404, 429),
    ),
    _write(
        'PUT',
        '/manager/trunks/<name>',
        trunks.put_trunk,
        'Change a SIP trunk',
        S.MANAGER_WRITE,
        ('manager',),
        CONFIG_ERRORS,
        trunks.TrunkSchema(),
    ),
    _write(
        'DELETE',
        '/manager/trunks/<name>',
        trunks.delete_trunk,
        'Delete a SIP trunk',
        S.MANAGER_WRITE,
        ('manager',),
        CONFIG_ERRORS,
    ),
]

# -- accounts: the same views under two families
for _family, _read, _write_section in (
    ('admin/user', S.USER, S.USER_WRITE),
    ('manager', S.MANAGER, S.MANAGER_WRITE),
):
    _tag = (_family,)
    OPERATIONS += [
        _list(
            f'/{_family}/users',
            users.list_users,
            'The web-service users',
            _read,
            users.MANY,
            _tag,
            errors=(400, 401, 403, 429),
        ),
        _write(
            'POST',
            f'/{_family}/users',
            users.post_user,
            'Add a web-service user',
            _write_section,
            _tag,
            CONFIG_ERRORS,
            users.UserSchema(),
        ),
        _get(
            f'/{_family}/users/<user_uuid>',
            users.get_user,
            'A web-service user',
            _read,
            users.ONE,
            _tag,
            (401, 403, 404, 429),
        ),
        _write(
            'PUT',
            f'/{_family}/users/<user_uuid>',
            users.put_user,
            'Change a web-service user',
            _write_section,
            _tag,
            CONFIG_ERRORS,
            users.UserSchema(),
        ),
        _write(
            'DELETE',
            f'/{_family}/users/<user_uuid>',
            users.delete_user,
            'Delete a web-service user',
            _write_section,
            _tag,
            CONFIG_ERRORS,
        ),
    ]

_UNKNOWN = 'unknown'


def unknown(rest=''):
    """A path no operation has: 404 (with the reason when it is a seed resource
    xivows leaves out), or 405 when the path exists for other methods."""
    reason = out_of_scope(rest)
    if reason:
        return envelope.render_error(404, reason)
    adapter = current_app.url_map.bind_to_environ(request.environ)
    allowed = []
    for method in ('GET', 'POST', 'PUT', 'DELETE'):
        if method == request.method:
            continue
        try:
            endpoint, _ = adapter.match(request.path, method=method)
        except HTTPException:
            continue
        if endpoint != f'v1.{_UNKNOWN}':
            allowed.append(method)
    if allowed:
        response = envelope.render_error(
            405, f'method not allowed: {request.method} (allowed: {", ".join(allowed)})'
        )
        response.headers['Allow'] = ', '.join(allowed)
        return response
    return envelope.render_error(404, f'no such resource: {request.path}')


def _description():
    return openapi.build(
        'xivows /v1',
        PREFIX,
        OPERATIONS,
        envelope.ErrorSchema(),
        security={'authtoken': {'type': 'apiKey', 'in': 'query', 'name': 'authtoken'}},
        description='Live Asterisk state, configuration and web-service users for '
        'call-center dashboards (seed 001). Get a token with POST '
        '/v1/admin/login (HTTP Basic), then give it as ?authtoken=.',
    )


def init_app(app):
    bp = Blueprint('v1', __name__, url_prefix=PREFIX)
    operations.install(bp, OPERATIONS, envelope.render_error, guarded=auth.guarded)
    bp.add_url_rule('/openapi.json', 'openapi', lambda: jsonify(_description()))
    methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']
    bp.add_url_rule('/', _UNKNOWN, unknown, methods=methods, strict_slashes=False)
    bp.add_url_rule('/<path:rest>', _UNKNOWN, unknown, methods=methods)
    # Browser wallboards on other origins (CORS_ORIGINS): flask-cors answers the
    # preflight requests and adds the headers; no origin is allowed by default.
    CORS(
        bp,
        origins=list(app.config.get('CORS_ORIGINS') or []),
        expose_headers=['Retry-After'],
        allow_headers=['Content-Type', 'Authorization'],
    )
    app.register_blueprint(bp)
