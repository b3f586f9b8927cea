"""JSON text exactly as PHP's json_encode() (default flags) wrote it.

Clients compute `sum=` (MD5 of the body) on these bytes, so the escaping matters:
compact separators, every non-ASCII character as a lowercase \\uXXXX escape
(surrogate pairs above U+FFFF) and `/` escaped as `\\/`.
"""

import json
import math
from json.encoder import encode_basestring_ascii as _string

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


def _standard(value):
    """The text of a value by the json module (with the PHP shape): what the
    faster writer below falls back to for the values it does not write itself."""
    return _encoder.encode(_php_shape(value))


def _float(value):
    return float.__repr__(value) if math.isfinite(value) else _standard(value)  # raises


_SCALAR_TEXT = {
    str: _string,
    int: int.__repr__,
    bool: {True: 'true', False: 'false'}.__getitem__,
    type(None): {None: 'null'}.__getitem__,
    float: _float,
}
# Dicts' key sequences -> their text with a %s for each value ('{"id":%s,...}'):
# list answers repeat one key sequence per row.
_writer = _SCALAR_TEXT.get
_templates = {}
_TEMPLATES_MAX = 1024


def _template(keys):
    if not all(type(key) is str for key in keys):
        return None
    template = '{%s}' % ','.join(_string(key).replace('%', '%%') + ':%s' for key in keys)
    if len(_templates) < _TEMPLATES_MAX:
        _templates[keys] = template
    return template


def _text(value):
    """The JSON text of a value, as _standard writes it; dicts of str keys, lists,
    tuples and the scalars of exact JSON types are written here (a dict's key
    sequence once as a template), anything else by the json module."""
    kind = type(value)
    scalar = _SCALAR_TEXT.get(kind)
    if scalar is not None:
        return scalar(value)
    if kind is dict:
        if not value:
            return '[]'
        keys = tuple(value)
        template = _templates.get(keys) or _template(keys)
        if template is None:
            return _standard(value)
        return template % tuple([_writer(type(item), _text)(item) for item in value.values()])
    if kind is list or kind is tuple:
        return '[%s]' % ','.join(
            [_string(item) if type(item) is str else _text(item) for item in value]
        )
    return _standard(value)


def dumps(value):
    # `/` only ever occurs inside JSON strings, so a plain replace is exact.
    return _text(value).replace('/', '\\/')


CHUNK_SIZE = 64 * 1024


def list_chunks(items):
    """The bytes of dumps(list(items)) in pieces of about CHUNK_SIZE, or None
    when `items` yields nothing. `items` is consumed once, item by item: a
    list answer of 50,000 rows holds its text, not the rows (nor the text's
    intermediate copies) as well."""
    chunks, texts, size = [], [], 0
    for item in items:
        text = _text(item)
        texts.append(text)
        size += len(text)
        if size >= CHUNK_SIZE:
            chunks.append(_chunk(chunks, texts))
            texts, size = [], 0
    if texts:
        chunks.append(_chunk(chunks, texts))
    if not chunks:
        return None
    chunks[-1] += b']'
    return chunks


def _chunk(chunks, texts):
    # '[' opens the first chunk, ',' joins each later one to the one before.
    lead = ',' if chunks else '['
    return (lead + ','.join(texts)).replace('/', '\\/').encode('ascii')
