"""Memory a large answer leaves behind, given back to the system once it is sent.

A list answer of 10,000 users is ~10 MB of text, held until its last byte is
sent. Freed then, glibc's allocator keeps most of it: the pages lie below
objects that live on, so the worker stays ~10 MiB larger after its first large
list (~50 MiB after a list of 50,000 users on PostgreSQL, whose driver held the
rows too), and every worker that served one keeps its own copy of that peak.
After a response of at least TRIM_AFTER bytes, `malloc_trim(0)` returns the free
pages (a fraction of a millisecond), once the request's objects are gone: at the
worker's next turn of its event loop. Elsewhere than glibc: nothing is done."""

import ctypes

TRIM_AFTER = 4 * 1024 * 1024  # bytes of one response's body (its Content-Length)


def _malloc_trim():
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


class TrimAfterLarge:
    """WSGI middleware of a gevent worker: after a response announcing at least
    `threshold` bytes is closed, the allocator's free pages are returned."""

    def __init__(self, app, threshold=TRIM_AFTER, trim=None, later=None):
        self.app, self.threshold = app, threshold
        self._trim = trim if trim is not None else _malloc_trim()
        self._later = later if later is not None else _next_turn

    def __call__(self, environ, start_response):
        if self._trim is None:
            return self.app(environ, start_response)
        large = []

        def started(status, headers, *exc_info):
            for name, value in headers:
                if name.lower() == 'content-length':
                    if value.isdigit() and int(value) >= self.threshold:
                        large.append(True)
                    break
            return start_response(status, headers, *exc_info)

        body = self.app(environ, started)
        file_wrapper = environ.get('wsgi.file_wrapper')
        if not large or (isinstance(file_wrapper, type) and isinstance(body, file_wrapper)):
            return body  # (a file is sent from the file, not the heap: left to sendfile)
        return _Trimming(body, self._trim, self._later)


class _Trimming:
    """A large response's body: once closed, the trim is scheduled."""

    def __init__(self, body, trim, later):
        self._body, self._trim, self._later = body, trim, later

    def __iter__(self):
        return iter(self._body)

    def close(self):
        try:
            close = getattr(self._body, 'close', None)
            if close is not None:
                close()
        finally:
            self._body = None  # (the chunks: freed with the server's references)
            self._later(self._trim, 0)


def _next_turn(function, *args):
    """Run `function` when the current greenlet next yields (the server has then
    dropped the response), or at once outside gevent."""
    try:
        from gevent import get_hub
    except ImportError:  # pragma: no cover - gevent is a dependency
        function(*args)
        return
    get_hub().loop.run_callback(function, *args)
