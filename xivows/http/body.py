"""Reading the JSON document of add/edit requests, refusing what the store cannot hold."""

import json

from xivows.errors import InvalidInput


def _reject_constant(name):
    raise ValueError(f'{name} is not JSON')


def _finite_float(text):
    value = float(text)
    if value in (float('inf'), float('-inf')):
        raise ValueError('number out of range')
    return value


def check_text(text, where='value'):
    """NUL and lone surrogates cannot be stored (PostgreSQL, UTF-8)."""
    if '\x00' in text:
        raise InvalidInput(f'{where} contains a NUL character')
    try:
        text.encode('utf-8')
    except UnicodeEncodeError:
        raise InvalidInput(f'{where} is not valid unicode') from None
    return text


def _check_strings(document):
    """check_text of every string and key of a document; a refusal names where
    the string is (`userfeatures.firstname`, `linefeatures.number[0]`)."""
    pending = [('', document)]
    while pending:
        path, item = pending.pop()
        if isinstance(item, str):
            check_text(item, path or 'value')
        elif isinstance(item, dict):
            for key, value in item.items():
                check_text(key, f'a key of {path}' if path else 'a key')
                pending.append((f'{path}.{key}' if path else key, value))
        elif isinstance(item, list):
            pending.extend((f'{path}[{index}]', value) for index, value in enumerate(item))


def without_trailing_commas(text):
    """The JSON text without the commas that directly precede a `}` or `]`
    (outside strings): documents copied from vendors' examples have them."""
    kept = []
    in_string = escaped = False
    pending = None  # index in `kept` of a comma that may be trailing
    for char in text:
        if in_string:
            kept.append(char)
            if escaped:
                escaped = False
            elif char == '\\':
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char in '}]' and pending is not None:
            del kept[pending]
        if not char.isspace():
            pending = None
        if char == ',' and _last_significant(kept) not in '[{,':
            pending = len(kept)
        elif char == '"':
            in_string = True
        kept.append(char)
    return ''.join(kept)


def _last_significant(kept):
    for char in reversed(kept):
        if not char.isspace():
            return char
    return '['


# What json.loads(text, parse_constant=..., parse_float=...) builds on every
# call, built once (a decoder keeps no state between documents).
_DECODER = json.JSONDecoder(parse_constant=_reject_constant, parse_float=_finite_float)


def parse(raw, trailing_commas=False):
    """Bytes of a request body -> dict or list, or InvalidInput. With
    `trailing_commas`, a comma before `}` or `]` is accepted."""
    if raw.startswith(b'\xef\xbb\xbf'):
        raw = raw[3:]
    if not raw.strip():
        raise InvalidInput('missing JSON body')
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError:
        raise InvalidInput('body is not UTF-8') from None
    if trailing_commas:
        text = without_trailing_commas(text)
    try:
        document = _DECODER.decode(text)
    except (ValueError, RecursionError):
        raise InvalidInput('malformed JSON body') from None
    if not isinstance(document, (dict, list)):
        raise InvalidInput('JSON body must be an object')
    if '\\u' in text:  # NUL and lone surrogates can only come from \u escapes
        _check_strings(document)
    return document
