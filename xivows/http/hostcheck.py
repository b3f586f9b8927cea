"""The Host header as HTTP/1.1 requires it (RFC 9112 section 3.2), checked in
the served stack before the application: a request of HTTP/1.1 without one,
with several (an older gunicorn joins them with commas), or with a value that
is no host[:port] is answered 400 and its connection closed. gunicorn parses
the header but refuses none of these; werkzeug would build URLs (a redirect's
Location, the OpenAPI page's addresses) from whatever was sent."""

import re

# uri-host [":" port]: a registered name (unreserved, sub-delims, %-escapes)
# or a bracketed IP literal, then digits.
_HOST = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+;=%]*|\[[0-9A-Fa-f:.vV]+\])(?::[0-9]*)?")
_BODY = b'{"error":"a request of HTTP/1.1 needs one valid Host header"}'


def host_is_valid(environ):
    host = environ.get('HTTP_HOST')
    if host is None:
        return environ.get('SERVER_PROTOCOL') != 'HTTP/1.1'
    return _HOST.fullmatch(host) is not None


class HostHeaderCheck:
    def __init__(self, app, close_after):
        self.app, self.close_after = app, close_after

    def __call__(self, environ, start_response):
        if host_is_valid(environ):
            return self.app(environ, start_response)
        self.close_after(environ, start_response)
        start_response(
            '400 Bad Request',
            [('Content-Type', 'application/json'), ('Content-Length', str(len(_BODY)))],
        )
        return [_BODY]
