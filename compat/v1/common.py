"""What the routes of /v1 share: the JSON body (whatever the Content-Type: the
seed's examples use `curl -d`, which sends a form type), paging, keys given in
the query string or the body, the caller, and the live-state freshness check."""

from flask import g, request
from marshmallow import RAISE, Schema, ValidationError

from xivows.errors import InvalidInput, NotFound, ServiceError
from xivows.http import body as bodies
from xivows.live import queries as live
from xivows.schemas import reason

MAX_LIMIT = 100_000


class ReadOnly(ServiceError):
    """405 for a method the seed has on a resource xivows only reads (the
    generated files, the live parking lots), with the `Allow` header a 405
    must carry (RFC 9110 15.5.6)."""

    status = 405
    headers = {'Allow': 'GET'}


class StrictSchema(Schema):
    """Unknown keys are refused, naming them."""

    class Meta:
        unknown = RAISE


def document(optional=False):
    """The request body as a JSON object; {} for an absent body when optional."""
    raw = request.get_data(cache=True)
    if optional and not raw.strip():
        return {}
    parsed = bodies.parse(raw)
    if not isinstance(parsed, dict):
        raise InvalidInput('body: must be a JSON object')
    return parsed


def loaded(schema, optional=False):
    """The body checked by `schema` (marshmallow, unknown keys refused)."""
    data = document(optional)
    try:
        return schema.load(data)
    except ValidationError as error:
        raise InvalidInput(reason(error)) from None


def _count(name):
    text = request.args.get(name)
    if text is None:
        return None
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_LIMIT * 1000:
        raise InvalidInput(f'{name}: must be a non-negative integer')
    return int(text)


def page():
    """(limit, offset) of a list: `?limit=` (at most 100000) and `?offset=`."""
    limit, offset = _count('limit'), _count('offset') or 0
    if limit is not None and limit > MAX_LIMIT:
        raise InvalidInput(f'limit: must be at most {MAX_LIMIT}')
    return limit, offset


def key(name):
    """An object's key given as `?name=` or as {"name": ...} in the body (the
    seed's `GET /agents/ -d '{"id": "1001"}'`)."""
    given = document(optional=True)
    unknown = sorted(set(given) - {name})
    if unknown:  # a selector the view would not apply: refused, never ignored
        raise InvalidInput(f'{unknown[0]}: Unknown field.')
    value = request.args.get(name)
    if value is None:
        value = given.get(name)
    if value is None or value == '':
        raise InvalidInput(f'{name}: is required')
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InvalidInput(f'{name}: must be a string')
    return bodies.check_text(str(value), name)


def caller():
    """The web-service user of the request's token."""
    return g.v1_user


def fresh():
    """Live reads: 503 with the reason when the worker's data cannot be trusted."""
    return live.require_fresh()


def found(row, kind, ident):
    if row is None:
        raise NotFound.of(kind, ident)
    return row
