"""marshmallow building blocks for the legacy add/edit formats."""
from marshmallow import EXCLUDE, Schema, ValidationError

from xivows.errors import InvalidInput


class LegacySchema(Schema):
    """Unknown keys are ignored, as the original server did (clients send view
    keys such as `identity` back in edit bodies)."""

    class Meta:
        unknown = EXCLUDE


def _first_error(messages, path=()):
    if isinstance(messages, dict):
        for key, value in messages.items():
            found = _first_error(value, path + (str(key),))
            if found:
                return found
        return None
    if isinstance(messages, list) and messages:
        if all(isinstance(item, str) for item in messages):
            return '.'.join(path), messages[0]
        return _first_error(messages[0], path)
    if isinstance(messages, str):
        return '.'.join(path), messages
    return None


def reason(error, prefix=''):
    found = _first_error(error.messages)
    if not found:
        return f'{prefix or "body"}: invalid'
    where, message = found
    where = '.'.join(part for part in (prefix, where) if part and part != '_schema')
    return f'{where}: {message}' if where else message


def load(schema, data, prefix=''):
    """Validate `data` with `schema`; InvalidInput with a short reason otherwise."""
    if not isinstance(data, dict):
        raise InvalidInput(f'{prefix or "body"}: must be an object')
    try:
        return schema.load(data)
    except ValidationError as error:
        raise InvalidInput(reason(error, prefix)) from None
