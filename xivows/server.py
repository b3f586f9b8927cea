"""Running the application under gunicorn (`xivows serve`).

Worker model: gunicorn's gevent workers. A worker process serves up to
WORKER_CONNECTIONS connections at once, one greenlet each, so a slow or idle
client costs a greenlet, not a worker: it cannot stall the others. A client has
REQUEST_TIMEOUT seconds to send a request's headers (an idle kept-alive
connection too), then as long again for its body, and as long to take each
64 KiB of its answer, or its connection is dropped.
(gunicorn's sync workers serve one connection each and its gthread workers block
a thread per header-trickling client: neither bounds a slow client.)

gevent must patch the standard library before peewee is imported: peewee's
connection state is a `threading.local` subclass made at import, and would
otherwise be shared by every greenlet of a worker. So `xivows serve` re-executes
the interpreter on this module: its master process imports gunicorn and the
configuration only, and each worker patches first (gunicorn's gevent worker
does), then loads the app. psycogreen makes psycopg2 wait cooperatively.
"""

import io
import ipaddress
import os
import socket
import sys
import time

from gunicorn.app.base import BaseApplication

from xivows import config as configuration


def exec_serve(bind=None, workers=None):
    """Replace the current process by the gunicorn master (same pid)."""
    if bind:
        os.environ[configuration.ENV_PREFIX + 'BIND'] = bind
    if workers:
        os.environ[configuration.ENV_PREFIX + 'WORKERS'] = str(workers)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, '-m', 'xivows.server'])


def gunicorn_options(settings):
    return {
        'bind': settings['BIND'],
        'workers': settings['WORKERS'],
        # gunicorn's gevent worker, without gevent in the master (geventworker.py)
        'worker_class': 'xivows.geventworker.GeventWorker',
        'worker_connections': settings['WORKER_CONNECTIONS'],
        # The gevent worker bounds the reading of each request's headers (and
        # an idle kept-alive connection) by `keepalive` seconds.
        'keepalive': settings['REQUEST_TIMEOUT'],
        'certfile': settings['TLS_CERT'],
        'keyfile': settings['TLS_KEY'],
        'accesslog': '-',
        'logger_class': 'xivows.accesslog.RedactingLogger',  # no tokens in the log
        'loglevel': settings['LOG_LEVEL'].lower(),
        'timeout': 60,
        # gunicorn >= 25.1 opens a control socket in the user's home directory
        # by default: two servers of one user would share its path, and
        # nothing of xivows uses it.
        'control_socket_disable': True,
        # Forwarded headers are believed from TRUSTED_PROXIES only (xivows/proxies.py):
        # gunicorn would take X-Forwarded-Proto (the scheme) from its own list,
        # 127.0.0.1 and ::1 by default (or FORWARDED_ALLOW_IPS), and map SCRIPT_NAME
        # and PATH_INFO headers of those clients into the request's path.
        'forwarded_allow_ips': ','.join(_networks(settings['TRUSTED_PROXIES'])),
        'forwarder_headers': '',
    }


def _networks(entries):
    """The entries as gunicorn accepts them (networks without host bits); one
    that is no address or network is skipped, as TrustedProxies skips it."""
    networks = []
    for entry in entries:
        try:
            networks.append(str(ipaddress.ip_network(entry, strict=False)))
        except ValueError:
            continue
    return networks


# Options an older gunicorn (setup.cfg allows >= 22) does not know: left out there.
_SINCE_GUNICORN_25 = frozenset({'control_socket_disable'})
# Options whose empty value is a value (no client, no header), not "unset".
_EMPTY_IS_NOBODY = frozenset({'forwarded_allow_ips', 'forwarder_headers'})


class BodyDeadline:
    """Reads a request's body before the application runs, within `seconds`
    (gunicorn bounds the headers, nothing bounds the body). A client that does
    not send it in time gets 408 and its connection closed. Bodies larger than
    `max_length` are left unread for Flask to refuse (413).

    A chunked body is read up to `max_length` + 1 bytes and handed on with its
    length (werkzeug then refuses one over the limit: 413, never a body cut
    short at the limit).

    A request the application reads as a stream (`streamed(environ)`: a users
    import, whose body may be far larger than `max_length`) is not read here:
    its body reaches the application unread, and each read of it must bring
    data within `seconds` (else the read fails as a late body, 408, and the
    connection is closed). Its size is the application's to bound.

    A read cut by the deadline leaves the server's reader in the middle of the
    body: the connection is closed after the answer (`_close_after`), or the
    rest of the body would be parsed as the next request."""

    def __init__(self, app, seconds, max_length, streamed=None):
        self.app, self.seconds, self.max_length = app, seconds, max_length
        self.streamed = streamed
        self._timeout = _gevent_timeout()

    def _wanted(self, environ):
        """How many bytes to read, or None to leave the body alone."""
        length = environ.get('CONTENT_LENGTH')
        if length:
            try:
                length = int(length)
            except ValueError:
                return None
            return length if 0 < length <= self.max_length else None
        if 'chunked' in environ.get('HTTP_TRANSFER_ENCODING', '').lower():
            return self.max_length + 1  # werkzeug refuses more than the maximum
        return None

    def __call__(self, environ, start_response):
        # A request without a body has nothing to stream (nor to read).
        has_body = environ.get('CONTENT_LENGTH') or environ.get('HTTP_TRANSFER_ENCODING')
        if self.streamed is not None and has_body and self.streamed(environ):
            environ['wsgi.input'] = _PacedInput(environ, self.seconds, start_response)
            return self.app(environ, start_response)
        wanted = self._wanted(environ)
        if wanted is None:
            return self.app(environ, start_response)
        body = None
        with self._timeout(self.seconds, False):
            body = environ['wsgi.input'].read(wanted)
        if body is None:
            return self._too_slow(environ, start_response)
        environ['wsgi.input'] = io.BytesIO(body)
        if environ.get('HTTP_TRANSFER_ENCODING'):
            # Read whole (or past the limit): werkzeug takes the length of a
            # body it is told, and ignores it beside a transfer coding.
            environ['CONTENT_LENGTH'] = str(len(body))
            del environ['HTTP_TRANSFER_ENCODING']
        return self.app(environ, start_response)

    def _too_slow(self, environ, start_response):
        _close_after(environ, start_response)
        body = b'{"error":"request body not received in time"}'
        start_response(
            '408 Request Timeout',
            [('Content-Type', 'application/json'), ('Content-Length', str(len(body)))],
        )
        return [body]


# Answers are sent in pieces of this size, each within REQUEST_TIMEOUT seconds
# (64 KiB in 10 s: any real client reads faster).
PIECE = 64 * 1024
# Below this much, an answer fits in the socket's send buffer: no write waits.
_UNWATCHED = 16 * 1024


class AnswerDeadline:
    """The other direction of BodyDeadline: a client must take each piece of its
    answer within `seconds`, or its connection is shut (the waiting write then
    fails as a broken pipe, and gunicorn closes). Without it a client that
    stops reading a large answer (a list, the public /docs scripts) held its
    connection, and the answer's memory, for ever: gunicorn bounds no write."""

    def __init__(self, app, seconds):
        self.app, self.seconds = app, seconds

    def __call__(self, environ, start_response):
        body = self.app(environ, start_response)
        client = environ.get('gunicorn.socket')
        file_wrapper = environ.get('wsgi.file_wrapper')
        if client is None or (isinstance(file_wrapper, type) and isinstance(body, file_wrapper)):
            # (a file, the /docs scripts, is left to sendfile: it fits in the
            # kernel's buffers, and no answer's memory waits on its client)
            return body
        return _PacedOutput(body, client, self.seconds)


class _PacedOutput:
    """A response body handed to the server in pieces; a watcher shuts the
    connection when the server has been writing one piece for `seconds`."""

    def __init__(self, body, client, seconds):
        self._body, self._client, self._seconds = body, client, seconds
        self._writing_since = None  # while the server writes the piece handed out
        self._handed = 0
        self._watch = None
        self._closed = False

    def __iter__(self):
        for item in self._body:
            for start in range(0, len(item), PIECE):
                piece = item[start : start + PIECE]
                self._handed += len(piece)
                self._writing_since = time.monotonic()
                if self._watch is None and self._handed > _UNWATCHED:
                    self._arm(self._seconds)
                yield piece
                self._writing_since = None  # (the server is back for the next one)

    def _arm(self, delay):
        import gevent

        self._watch = gevent.spawn_later(delay, self._check)

    def _check(self):
        if self._closed:
            return
        since = self._writing_since
        waited = 0 if since is None else time.monotonic() - since
        if waited < self._seconds:
            self._arm(self._seconds - waited)
            return
        # Through a duplicate of its descriptor: gevent's own shutdown would
        # fail the waiting write as "closed in another greenlet", which
        # gunicorn logs as an error; the system's makes it a broken pipe,
        # which gunicorn takes quietly.
        try:
            with socket.socket(fileno=os.dup(self._client.fileno())) as twin:
                twin.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def close(self):
        self._closed = True
        if self._watch is not None:
            self._watch.kill(block=False)
        close = getattr(self._body, 'close', None)
        if close is not None:
            close()


def _close_after(environ, start_response):
    """Have the connection closed once this request is answered: its body was
    left half read. gunicorn's `start_response` is its response's method, and
    `force_close` makes it answer `Connection: close` and close (a header set
    by the application cannot: gunicorn drops hop-by-hop headers). Elsewhere,
    the socket's reading side is shut."""
    force_close = getattr(getattr(start_response, '__self__', None), 'force_close', None)
    if force_close is not None:
        force_close()
        return
    client = environ.get('gunicorn.socket')
    if client is not None:
        try:
            client.shutdown(socket.SHUT_RD)
        except OSError:
            pass


def _gevent_timeout():
    # Imported where a request is read (a worker process), not by the master.
    from gevent import Timeout

    return Timeout


class _PacedInput:
    """A streamed body: every read brings data within `seconds`, or raises
    RequestTimeout (408 for the reader) and the connection is closed after the
    answer."""

    def __init__(self, environ, seconds, start_response):
        self._input = environ['wsgi.input']
        self._environ, self._start_response = environ, start_response
        self._seconds = seconds
        self._timeout = _gevent_timeout()

    def _paced(self, method, size):
        data = None
        with self._timeout(self._seconds, False):
            data = method(size)
        if data is None:
            from werkzeug.exceptions import RequestTimeout

            _close_after(self._environ, self._start_response)
            # (not an OSError: werkzeug would take it for a disconnection, 400)
            raise RequestTimeout('request body not received in time')
        return data

    def read(self, size=-1):
        return self._paced(self._input.read, size)

    def readline(self, size=-1):
        return self._paced(self._input.readline, size)


def _check_greenlet_local_state():
    import gevent.local
    import peewee

    if not issubclass(peewee._ConnectionLocal, gevent.local.local):
        raise RuntimeError(
            'peewee was imported before gevent patched the standard library: '
            'its connection state would be shared by all requests of a worker'
        )


class _Server(BaseApplication):
    def __init__(self, settings):
        self.settings = settings
        super().__init__()

    def load_config(self):
        for key, value in gunicorn_options(self.settings).items():
            if (value in (None, '') and key not in _EMPTY_IS_NOBODY) or (
                key in _SINCE_GUNICORN_25 and key not in self.cfg.settings
            ):
                continue
            self.cfg.set(key, value)

    def load(self):
        # In each worker, after gevent's patching: the app, its database pools
        # and AMI connections are the worker's own.
        from xivows import drivers

        if not drivers.sqlite_only(self.settings['DATABASE_URL']):
            from psycogreen.gevent import patch_psycopg

            patch_psycopg()
        from xivows.app import create_app

        _check_greenlet_local_state()
        app = create_app()
        from xivows.heaptrim import TrimAfterLarge
        from xivows.http.hostcheck import HostHeaderCheck
        from xivows.jsonphp.routes import streamed_request

        # HostHeaderCheck and BodyDeadline are handed gunicorn's own
        # start_response (_close_after).
        return HostHeaderCheck(
            AnswerDeadline(
                BodyDeadline(
                    TrimAfterLarge(app),
                    self.settings['REQUEST_TIMEOUT'],
                    app.config['MAX_CONTENT_LENGTH'],
                    streamed=streamed_request,
                ),
                self.settings['REQUEST_TIMEOUT'],
            ),
            _close_after,
        )


def main():
    try:
        settings = configuration.load()
    except configuration.ConfigError as exc:  # one line, as every command
        sys.exit(f'Error: {exc}')
    # The background worker: a process of its own beside gunicorn's master
    # (its supervisor imports no app code either).
    from xivows.worker import supervisor

    with supervisor.alongside(settings):
        _Server(settings).run()


if __name__ == '__main__':
    main()
