"""What every route of the seed-003 dialect shares: its one error shape
(`{"error": <code>, "error_description": <reason>}`, the OAuth 2 shape its token
endpoint and bearer check already answer), the JSON body (whatever the
Content-Type), strict JSON types, and `guarded(operation)`: the bearer token,
the calling application's entity (`@me` or its id in `/client/{client_id}/`),
one transaction, the service errors rendered in this shape."""

import functools

from flask import g, jsonify, request
from marshmallow import Schema, ValidationError, fields

from compat.callqueue import oauth
from xivows import transaction
from xivows.errors import InvalidInput, NotFound, ServiceError, StoreConflict
from xivows.http import body, guard
from xivows.schemas import load

MAX_ID = 2**31 - 1
ME = '@me'
CODES = {
    400: 'invalid_request',
    401: 'invalid_token',
    403: 'forbidden',
    404: 'not_found',
    405: 'method_not_allowed',
    409: 'conflict',
    429: 'too_many_requests',
    503: 'temporarily_unavailable',
    507: 'insufficient_storage',
}


class Conflict(ServiceError):
    """The request contradicts the stored state (an agent already in the queue,
    an extension another agent is logged on)."""

    status = 409


class Forbidden(ServiceError):
    status = 403


class ErrorSchema(Schema):
    error = fields.String(
        required=True,
        metadata={
            'description': 'invalid_request, invalid_token, forbidden, not_found, conflict, '
            'too_many_requests, temporarily_unavailable'
        },
    )
    error_description = fields.String(
        required=True, metadata={'description': 'Why (names the field)'}
    )


def render_error(status, message):
    response = jsonify(error=CODES.get(status, 'server_error'), error_description=message)
    response.status_code = status
    return response


# -- JSON -----------------------------------------------------------------------------


class Int(fields.Integer):
    """A JSON integer (not a boolean, not a string, not 1.5), within bounds."""

    def __init__(self, minimum=0, maximum=MAX_ID, **kwargs):
        super().__init__(strict=True, **kwargs)
        self.minimum, self.maximum = minimum, maximum

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError('must be an integer')
        if not self.minimum <= value <= self.maximum:
            raise ValidationError(f'must be {self.minimum} to {self.maximum}')
        return value


class Bool(fields.Boolean):
    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise ValidationError('must be true or false')
        return value


class Str(fields.String):
    """A JSON string (a number is refused, not turned into text)."""

    def __init__(self, max_length=255, **kwargs):
        super().__init__(**kwargs)
        self.max_length = max_length

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str):
            raise ValidationError('must be a string')
        if len(value) > self.max_length:
            raise ValidationError(f'at most {self.max_length} characters')
        return body.check_text(value, attr or 'value')


def document(schema):
    """The request body loaded with `schema` (unknown keys refused, naming them)."""
    return load(schema, body.parse(request.get_data(cache=True), trailing_commas=True))


def renamed(names, function, *args):
    """Run a service call; a refusal naming a domain field names this dialect's
    field instead (`names`: domain prefix -> field)."""
    try:
        return function(*args)
    except InvalidInput as exc:
        for domain, ours in names.items():
            if exc.message.startswith(domain + ':'):
                raise InvalidInput(ours + exc.message[len(domain) :]) from None
        raise


def ident(value, kind):
    """A path id: a positive integer, else that object is not found."""
    if not (value.isascii() and value.isdigit()) or not 0 < int(value) <= MAX_ID:
        raise NotFound(f'no such {kind}: {value}')
    return int(value)


def flag(name, default):
    """A boolean query parameter (true/false/1/0)."""
    raw = request.args.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in ('true', '1', 'yes'):
        return True
    if word in ('false', '0', 'no'):
        return False
    raise InvalidInput(f'{name}: must be true or false')


# -- the caller -----------------------------------------------------------------------


def entity():
    """The entity the calling application acts for."""
    return g.callqueue_entity


def _check_client(client):
    caller = entity()
    if client != ME and client != str(caller.id):
        raise NotFound(f'no such client: {client}')
    if caller.disable:
        raise Forbidden(f'client {caller.id} is disabled')


def _scoped(view, kwargs):
    client = kwargs.pop('client', ME)
    _check_client(client)
    return view(**kwargs)


def guarded(operation):
    """The view of an operation: a valid bearer token (401 otherwise, with the
    RFC 6750 challenge), the client in the URL being the caller's entity, then
    the view in one transaction. A write the database refused because a
    concurrent request committed first (StoreConflict) runs once more: its checks
    then see that request's write and answer it (409 conflict...); lost twice: 409."""
    view = operation.view

    @functools.wraps(view)
    def checked(**kwargs):
        try:
            _, caller = oauth.require_api_client()
        except ServiceError as exc:  # too many failures (429), store down (503)
            return guard.rendered(render_error, exc)
        g.callqueue_entity = caller
        run = transaction.run if operation.writes else transaction.run_read
        try:
            try:
                return run(_scoped, view, dict(kwargs))
            except StoreConflict:
                return run(_scoped, view, dict(kwargs))
        except StoreConflict as exc:
            return render_error(409, exc.message)
        except ServiceError as exc:
            return guard.rendered(render_error, exc)

    return checked
