"""What every route of the dialect shares: its errors ({"error": reason}), the
JSON body (whatever the Content-Type; the seed's own examples have trailing
commas, which are accepted) and the renaming of the domain's field names in
error reasons to the dialect's."""

from flask import jsonify, request
from marshmallow import Schema, fields

from xivows.errors import InvalidInput
from xivows.http import body
from xivows.schemas import load


class ErrorSchema(Schema):
    error = fields.String(required=True, metadata={'description': 'Why the request failed'})


def render_error(status, message):
    response = jsonify(error=message)
    response.status_code = status
    return response


def document(schema):
    """The request body loaded with `schema` (unknown keys refused)."""
    return load(schema, body.parse(request.get_data(cache=True), trailing_commas=True))


def renamed(names, function, *args):
    """Run a service call; a refusal naming a domain field names the dialect's
    field instead (`names`: domain prefix -> dialect field)."""
    try:
        return function(*args)
    except InvalidInput as exc:
        message = exc.message
        for domain, ours in names.items():
            if message.startswith(domain + ':'):
                message = ours + message[len(domain) :]
                break
        raise InvalidInput(message) from None
