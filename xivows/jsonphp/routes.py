"""The json.php URL families: path resolution, modes, authentication and act dispatch.

PATH_INFO after json.php is normalised (runs of '/' collapse, '..' removed) and
only its first three segments count: <mode>/<category>/<service> (or
<mode>/<service> for one-segment services such as cti `profiles`).
"""

import functools
from urllib.parse import parse_qs

from flask import Blueprint, g, request
from werkzeug.routing import BaseConverter

from xivows.auth import hosts
from xivows.errors import ServiceError
from xivows.http import guard
from xivows.jsonphp import answers, registry
from xivows.jsonphp.call import Call

VERSION_HEADER = ('X-XIVO-WS-VERSION', '1.0')
# Acts that only read; every other act runs in a write transaction.
READ_ACTS = frozenset(('list', 'search', 'view', 'searchid', 'searchdb', 'check'))
METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']
_LOOPBACK = {hosts.parse_address('127.0.0.1'), hosts.parse_address('::1')}


def _segments(rest):
    parts = [part for part in rest.replace('..', '').split('/') if part][:3]
    if not parts or any(part[0] in '_.' for part in parts):
        return None
    return parts


def _find(family, parts):
    """The service the used segments name exactly (the original looked them up
    whole in its route table): `check/extra` is no route, `check` is."""
    return registry.lookup(family, '/'.join(parts[:2]))


def _not_found():
    return answers.error(404, 'no such web service')


def _run(service, mode):
    call = Call(service, mode, None)
    streamed = (request.args.get('act') or '').strip()
    if streamed in service.streamed and not service.any_act:
        # The act reads the body as a stream and commits as it goes.
        call.act = streamed
        try:
            return service.acts[streamed](call)
        except ServiceError as exc:
            return guard.rendered(answers.error, exc)
    try:
        # Cache the raw body first: parsing a form-encoded body for `act`
        # would otherwise consume the JSON document.
        if _has_body(request.environ):
            request.get_data(cache=True)
        act = call.param('act') or service.default_act
        if service.any_act:
            act = service.default_act
        handler = service.acts.get(act)
        if handler is None:
            return answers.error(400, f'unsupported act: {act}')
        call.act = act
        return guard.run_view(answers.error, act not in READ_ACTS, handler, call)
    except ServiceError as exc:
        return guard.rendered(answers.error, exc)


def _has_body(environ):
    """Whether the request may carry a body (a length or a chunked one)."""
    return environ.get('CONTENT_LENGTH') not in (None, '', '0') or (
        'HTTP_TRANSFER_ENCODING' in environ
    )


def _dispatch(family, rest=''):
    parts = _segments(rest)
    if parts is None:
        return _not_found()
    mode = parts[0]
    if mode not in (registry.RESTRICTED, registry.PRIVATE):
        if _find(family, parts):
            g.jsonphp_route = True
            return answers.error(403, 'a mode (restricted or private) is required')
        return _not_found()
    service = _find(family, parts[1:])
    if service is None or mode not in service.modes:
        return _not_found()
    g.jsonphp_route = True
    if mode == registry.PRIVATE:
        if hosts.parse_address(request.remote_addr) not in _LOOPBACK:
            return answers.error(403, 'private mode is for local clients only')
        return _run(service, mode)
    return _authenticated(service.section)(service, mode)


@functools.cache
def _authenticated(section):
    """_run(service, mode) for the web-service users holding `section` (wrapped
    once per section, not on every request)."""
    return guard.authenticated(section, _run, answers.error)


def _add_version_header(response):
    if g.get('jsonphp_route'):
        response.headers[VERSION_HEADER[0]] = VERSION_HEADER[1]
    return response


def streamed_request(environ) -> bool:
    """Whether a WSGI request is one of a streamed act (its body must reach the
    act unread: xivows.server's body deadline reads others whole first)."""
    path = environ.get('PATH_INFO', '')
    for family, (prefix, _) in registry.FAMILIES.items():
        start = prefix + '/json.php'
        if not path.startswith(start):
            continue
        parts = _segments(path[len(start) :])
        service = _find(family, parts[1:]) if parts else None
        if service is None or not service.streamed:
            return False
        act = parse_qs(environ.get('QUERY_STRING', '')).get('act', [''])[0]
        return act.strip() in service.streamed
    return False


class PathInfo(BaseConverter):
    """Everything after json.php, leading and repeated slashes included."""

    regex = '(?:/.*)?'
    part_isolating = False


def blueprint(family):
    prefix, _ = registry.FAMILIES[family]
    bp = Blueprint(f'jsonphp_{family}', __name__, url_prefix=prefix)

    def view(rest=''):
        return _dispatch(family, rest)

    bp.add_url_rule(
        '/json.php<pathinfo:rest>',
        f'{family}_json_php',
        view,
        methods=METHODS,
        strict_slashes=False,
    )
    bp.after_request(_add_version_header)
    return bp
