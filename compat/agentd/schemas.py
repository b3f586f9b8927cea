"""The bodies and answers of the agent-control API, as marshmallow schemas: they
read the requests (with the daemon's own error messages) and describe the API in
OpenAPI."""

from flask import request
from marshmallow import EXCLUDE, Schema, ValidationError, fields

from xivows.errors import InvalidInput
from xivows.http import body
from xivows.schemas.fields import to_int


def _missing(key):
    return {'required': f'missing key {key}', 'null': f'missing key {key}'}


class _Key(fields.Field):
    """A required key, its errors naming it as the daemon does."""

    def __init__(self, key, **kwargs):
        super().__init__(required=True, error_messages=_missing(key), data_key=key, **kwargs)
        self.key = key


class Text(_Key):
    """A string (or a number) of 1 to 40 characters once trimmed."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ValidationError(f'invalid type for key {self.key}')
        text = str(value).strip()
        if not text or len(text) > 40:
            raise ValidationError(f'invalid value for key {self.key}')
        return text


class Id(_Key):
    """An integer id (JSON number or digits)."""

    def _deserialize(self, value, attr, data, **kwargs):
        number = to_int(value)
        if number is None or isinstance(value, float):
            raise ValidationError(f'invalid type for key {self.key}')
        return number


class Reason(fields.Field):
    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or len(value) > 80:
            raise ValidationError('invalid value for key reason')
        return value


class _Body(Schema):
    class Meta:
        unknown = EXCLUDE  # the daemon ignored other keys


class MemberSchema(_Body):
    agent_id = Id('agent_id', metadata={'description': 'Agent id'})
    queue_id = Id('queue_id', metadata={'description': 'Queue id'})


class QueueSchema(_Body):
    queue_id = Id('queue_id', metadata={'description': 'Queue id'})


class LoginSchema(_Body):
    extension = Text('extension', metadata={'description': 'Extension of a user line'})
    context = Text('context', metadata={'description': 'Its context'})


class PauseSchema(_Body):
    reason = Reason(allow_none=True, load_default=None, metadata={'description': 'Optional'})


class StatusSchema(Schema):
    id = fields.Integer(required=True)
    number = fields.String(required=True)
    logged = fields.Boolean(required=True)
    extension = fields.String(allow_none=True)
    context = fields.String(allow_none=True)
    paused = fields.Boolean(required=True)
    paused_reason = fields.String(allow_none=True)
    logged_since = fields.Integer(allow_none=True, metadata={'description': 'Unix time'})
    ami_error = fields.String(
        allow_none=True, metadata={'description': 'Why Asterisk differs from the store'}
    )
    in_sync = fields.Boolean(
        required=True, metadata={'description': 'Asterisk was seen to agree with the store'}
    )


class ErrorSchema(Schema):
    error = fields.String(required=True)


def _first(messages):
    while isinstance(messages, dict):
        messages = next(iter(messages.values()))
    return messages[0] if isinstance(messages, list) else str(messages)


def read(schema, optional=False):
    """The request's JSON object loaded with `schema`; InvalidInput with the
    daemon's message otherwise. `optional`: an empty body is an empty object."""
    raw = request.get_data(cache=True)
    if optional and not raw.strip():
        return schema.load({})
    document = body.parse(raw)
    if not isinstance(document, dict):
        raise InvalidInput('body must be a JSON object')
    try:
        return schema.load(document)
    except ValidationError as error:
        raise InvalidInput(_first(error.messages)) from None
