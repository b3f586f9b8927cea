"""marshmallow building blocks for the legacy add/edit formats."""
from collections.abc import Mapping

from marshmallow import EXCLUDE, Schema, ValidationError, missing

from xivows.errors import InvalidInput

_SKIP = object()  # an absent field that loads to nothing
_ASK = object()  # an absent field the field itself answers (required, computed default)
_CONSTANTS = (str, int, float, bool, type(None), tuple, frozenset)


class LegacySchema(Schema):
    """Unknown keys are ignored, as the original server did (clients send view
    keys such as `identity` back in edit bodies).

    Loading costs what the document gives, not what the schema declares: most
    fields of these schemas (a SIP peer has 80) are absent from a document, and
    marshmallow spends a few microseconds on each absent one (a bulk import
    loads four schemas per user). `_deserialize` below gives the same result
    and the same errors, in the same order, for the only way the service loads
    (one object, unknown keys excluded, no partial load); other calls take
    marshmallow's own path."""

    class Meta:
        unknown = EXCLUDE

    def _deserialize(self, data, *, error_store, many=False, partial=None, unknown=None,
                     index=None):
        plan = self.__dict__.get('_xivows_plan')
        if plan is None:
            plan = self._xivows_plan = self._load_plan()
        if many or partial is not None or unknown != EXCLUDE or plan is False \
                or not isinstance(data, Mapping):
            return super()._deserialize(data, error_store=error_store, many=many,
                                        partial=partial, unknown=unknown, index=index)
        result = self.dict_class()
        for attribute, key, field, absent in plan:
            raw = data.get(key, missing)
            if raw is missing:
                if absent is _SKIP:
                    continue
                if absent is not _ASK:
                    result[attribute] = absent
                    continue
            try:
                value = field.deserialize(raw, key, data)
            except ValidationError as error:  # as marshmallow's _call_and_store
                error_store.store_error(error.messages, key, index=index)
                value = error.valid_data or missing
            if value is not missing:
                result[attribute] = value
        return result

    def _load_plan(self):
        """(attribute, key, field, what an absent key loads to) per field in
        declaration order; False when a field needs marshmallow's own path."""
        plan = []
        for name, field in self.load_fields.items():
            attribute = field.attribute or name
            if '.' in attribute:
                return False
            default = field.load_default
            if default is missing:
                absent = _ASK if field.required else _SKIP
            elif callable(default) or not isinstance(default, _CONSTANTS):
                absent = _ASK
            else:
                absent = default
            plan.append((attribute, field.data_key or name, field, absent))
        return plan


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
