"""The responses of json.php acts, in the legacy wire format."""

import hashlib

from flask import Response

from xivows.jsonphp import phpjson

JSON_TYPE = 'application/json'


def json(call, data):
    """200 with the PHP-encoded JSON text, or 304 when `sum=` is its MD5."""
    text = phpjson.dumps(data)
    if _summed(call, (text.encode('ascii'),)):
        return Response(status=304)
    return Response(text, status=200, content_type=JSON_TYPE)


def rows(call, items):
    """A list or search result from an iterable of items, written as it is
    read: 204 with no body when empty."""
    chunks = phpjson.list_chunks(items)
    if chunks is None:
        return Response(status=204)
    if _summed(call, chunks):
        return Response(status=304)
    # gunicorn sends the chunks one by one; their length is given here, where
    # a one-string body gets it (the same headers in the same order).
    response = Response(chunks, status=200, content_type=JSON_TYPE)
    response.headers['Content-Length'] = str(sum(map(len, chunks)))
    return response


def _summed(call, chunks):
    """Whether the client's `sum=` is the MD5 of the body's bytes (the
    client has it already), on services that take one."""
    given = call.param('sum') if call.service.sum else None
    if not given:
        return False
    digest = hashlib.md5()
    for chunk in chunks:
        digest.update(chunk)
    return given.lower() == digest.hexdigest()


def empty(status=200):
    return Response('', status=status)


def text(body):
    return Response(body, status=200, content_type='text/html; charset=UTF-8')


def error(status, message):
    return Response(phpjson.dumps({'error': message}), status=status, content_type=JSON_TYPE)
