"""Routes of the agent-control API. Every route needs a web-service user granted
the `agentd` ACL section. Errors: {"error": "<message>"} with the documented codes."""
from flask import Blueprint, Response, jsonify, request

from xivows import transaction
from xivows.auth import acl
from xivows.auth.basic import basic_auth
from xivows.errors import InvalidInput, NotFound, ServiceError
from xivows.jsonphp import body
from xivows.resources.agent_status import service
from xivows.resources.agent_status.errors import NoSuchAgent
from xivows.schemas.fields import to_int

SECTION = 'agentd'
PREFIXES = ('/1.0', '/0.1')
MAX_ID = 2 ** 31 - 1

acl.register(SECTION)


def _no_content():
    return Response(status=204)


def _object():
    document = body.parse(request.get_data(cache=True))
    if not isinstance(document, dict):
        raise InvalidInput('body must be a JSON object')
    return document


def _text(document, key):
    value = document.get(key)
    if value is None:
        raise InvalidInput(f'missing key {key}')
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InvalidInput(f'invalid type for key {key}')
    value = str(value).strip()
    if not value or len(value) > 40:
        raise InvalidInput(f'invalid value for key {key}')
    return value


def _id(document, key):
    if key not in document or document[key] is None:
        raise InvalidInput(f'missing key {key}')
    value = to_int(document[key])
    if value is None or isinstance(document[key], float):
        raise InvalidInput(f'invalid type for key {key}')
    return value


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
    document = _object()
    agent_id, queue_id = _id(document, 'agent_id'), _id(document, 'queue_id')
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
    document = _object()
    service.login(agent, _text(document, 'extension'), _text(document, 'context'))
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
    if not request.get_data(cache=True).strip():
        return None
    reason = _object().get('reason')
    if reason is None:
        return None
    if not isinstance(reason, str) or len(reason) > 80:
        raise InvalidInput('invalid value for key reason')
    return reason


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
    queue_id = _id(_object(), 'queue_id')
    return _change_membership(_agent_by_id(agent_id), _queue(queue_id), add)


# (rule, methods, view): the documented routes, then the daemon's own spellings.
ROUTES = [
    ('/members', ['POST'], add_member),
    ('/members', ['DELETE'], remove_member),
    ('/agents/all/logoff', ['POST'], logoff_all),
    ('/agents/all/relog', ['POST'], relog_all),
    ('/agents/all/statuses', ['GET'], statuses),
    ('/agents/by-number/<agent_number>/login', ['POST'], login_by_number),
    ('/agents/by-number/<agent_number>/logoff', ['POST'], logoff_by_number),
    ('/agents/by-number/<agent_number>/pause', ['POST'], pause_by_number),
    ('/agents/by-number/<agent_number>/unpause', ['POST'], unpause_by_number),
    ('/agents/by-number/<agent_number>/status', ['GET'], status_by_number),
    ('/agents/<agent_id>/login', ['POST'], login_by_id),
    ('/agents/<agent_id>/logoff', ['POST'], logoff_by_id),
    ('/agents/<agent_id>/status', ['GET'], status_by_id),
    # xivo-agentd 1.0 spellings
    ('/agents', ['GET'], statuses),
    ('/agents/by-id/<agent_id>', ['GET'], status_by_id),
    ('/agents/by-number/<agent_number>', ['GET'], status_by_number),
    ('/agents/by-id/<agent_id>/login', ['POST'], login_by_id),
    ('/agents/by-id/<agent_id>/logoff', ['POST'], logoff_by_id),
    ('/agents/by-id/<agent_id>/add', ['POST'], lambda agent_id: _queue_from_body(agent_id, True)),
    ('/agents/by-id/<agent_id>/remove', ['POST'],
     lambda agent_id: _queue_from_body(agent_id, False)),
    ('/agents/logoff', ['POST'], logoff_all),
    ('/agents/relog', ['POST'], relog_all),
]


def _guarded(view):
    """Authentication, the ACL section, one transaction, errors as JSON."""
    def run(**kwargs):
        try:
            return transaction.run(view, **kwargs)
        except ServiceError as exc:
            response = jsonify(error=exc.message)
            response.status_code = exc.status
            return response

    def protected(**kwargs):
        try:
            response = basic_auth.login_required(role=SECTION)(run)(**kwargs)
        except ServiceError as exc:  # while identifying the client: throttled, store down
            response = jsonify(error=exc.message)
            response.status_code = exc.status
            response.headers.update(getattr(exc, 'headers', {}))
        if response.status_code == 403:
            response.headers.pop('WWW-Authenticate', None)
        return response
    return protected


def blueprints():
    for prefix in PREFIXES:
        bp = Blueprint(f'agentd{prefix.replace(".", "_").replace("/", "_")}', __name__,
                       url_prefix=prefix)
        for index, (rule, methods, view) in enumerate(ROUTES):
            bp.add_url_rule(rule, f'route{index}', _guarded(view), methods=methods)
        yield bp
