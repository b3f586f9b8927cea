"""JSON text exactly as PHP's json_encode() (default flags) wrote it.

Clients compute `sum=` (MD5 of the body) on these bytes, so the escaping matters:
compact separators, every non-ASCII character as a lowercase \\uXXXX escape
(surrogate pairs above U+FFFF) and `/` escaped as `\\/`.
"""

import json

_encoder = json.JSONEncoder(ensure_ascii=True, separators=(',', ':'), allow_nan=False)


_SCALARS = frozenset((str, int, float, bool, type(None)))
_STR = frozenset((str,))


def _php_shape(value):
    # PHP has one array type: an empty one is written as a list. Rows of
    # scalars (the bulk of list answers) are returned as they are, fast; in
    # other containers only the values that are not scalars are walked (list
    # items holding one nested object no longer cost a call per key).
    if isinstance(value, dict):
        if not value:
            return []
        if _SCALARS.issuperset(map(type, value.values())) and _STR.issuperset(map(type, value)):
            return value
        return {
            key if type(key) is str else str(key): item
            if type(item) in _SCALARS
            else _php_shape(item)
            for key, item in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [item if type(item) in _SCALARS else _php_shape(item) for item in value]
    return value


def dumps(value):
    # `/` only ever occurs inside JSON strings, so a plain replace is exact.
    return _encoder.encode(_php_shape(value)).replace('/', '\\/')
