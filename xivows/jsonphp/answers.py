"""The responses of json.php acts, in the legacy wire format."""

import hashlib

from flask import Response

from xivows.jsonphp import phpjson

JSON_TYPE = 'application/json'


def json(call, data):
    """200 with the PHP-encoded JSON text, or 304 when `sum=` is its MD5."""
    text = phpjson.dumps(data)
    if call.service.sum:
        given = call.param('sum')
        if given and given.lower() == hashlib.md5(text.encode('ascii')).hexdigest():
            return Response(status=304)
    return Response(text, status=200, content_type=JSON_TYPE)


def rows(call, items):
    """A list or search result: 204 with no body when empty."""
    if not items:
        return Response(status=204)
    return json(call, items)


def empty(status=200):
    return Response('', status=status)


def text(body):
    return Response(body, status=200, content_type='text/html; charset=UTF-8')


def error(status, message):
    return Response(phpjson.dumps({'error': message}), status=status, content_type=JSON_TYPE)
