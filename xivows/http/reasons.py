"""The status line with its standard reason phrase (RFC 9110's, as the original
PHP server and most others send it: `204 No Content`); werkzeug upper-cases the
phrase (`204 NO CONTENT`). Clients should not read it, but wire-level checks
compare the whole line."""

from http import HTTPStatus

_LINES = {status.value: f'{status.value} {status.phrase}' for status in HTTPStatus}


class StandardReasons:
    """WSGI middleware: the same status code, with the standard phrase."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        def start(status, headers, exc_info=None):
            code = status[:3]
            if code.isdigit():
                status = _LINES.get(int(code), status)
            return start_response(status, headers, exc_info)

        return self.app(environ, start)
