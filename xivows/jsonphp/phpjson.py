"""JSON text exactly as PHP's json_encode() (default flags) wrote it.

Clients compute `sum=` (MD5 of the body) on these bytes, so the escaping matters:
compact separators, every non-ASCII character as a lowercase \\uXXXX escape
(surrogate pairs above U+FFFF) and `/` escaped as `\\/`.
"""
import json

_encoder = json.JSONEncoder(ensure_ascii=True, separators=(',', ':'), allow_nan=False)


def _php_shape(value):
    # PHP has one array type: an empty one is written as a list.
    if isinstance(value, dict):
        if not value:
            return []
        return {str(key): _php_shape(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_php_shape(item) for item in value]
    return value


def dumps(value):
    # `/` only ever occurs inside JSON strings, so a plain replace is exact.
    return _encoder.encode(_php_shape(value)).replace('/', '\\/')
