"""gunicorn's access log without credentials: the seed-001 API carries its token in
the query string (`?authtoken=...`), which gunicorn prints (request line, query,
referer). `RedactingLogger` replaces such values by `[redacted]` in every atom of
the access-log line, and hides the credentials of an Authorization header should a
custom format print it.

With gunicorn's default format (the usual case) the line is written from its
nine atoms alone, without gunicorn's per-request wrapping of every atom (the
same text: tests/test_accesslog.py compares the lines)."""

import base64
import logging
import re
import traceback
from urllib.parse import unquote_plus

from gunicorn.config import AccessLogFormat
from gunicorn.glogging import Logger

SENSITIVE = frozenset(
    {
        'authtoken',
        'access_token',
        'refresh_token',
        'client_secret',
        'token',
        'password',
        'passwd',
        'secret',
    }
)
REDACTED = '[redacted]'
_PLAIN_HANDLERS = (logging.StreamHandler, logging.FileHandler)
_SEPARATORS = re.compile(r'([&;])')
# A query holding none of these (case ignored) has no sensitive key: every
# sensitive name contains one, and a key can only hide it by %-encoding.
_SENSITIVE_PARTS = ('token', 'passw', 'secret', '%')


def redact_query(query: str) -> str:
    """The query string with the values of sensitive parameters replaced (the key is
    compared decoded, so `auth%74oken=` is caught too)."""
    lowered = query.lower()
    if not any(part in lowered for part in _SENSITIVE_PARTS):
        return query
    parts = _SEPARATORS.split(query)
    for index in range(0, len(parts), 2):
        key, equals, _ = parts[index].partition('=')
        if equals and unquote_plus(key).strip().lower() in SENSITIVE:
            parts[index] = f'{key}={REDACTED}'
    return ''.join(parts)


def redact_url(text: str) -> str:
    """A request target, request line or URL with its query redacted."""
    if '?' not in text:
        return text
    head, _, rest = text.partition('?')
    # A request line ends with " HTTP/1.1"; a URL may have a #fragment.
    query, space, tail = rest.partition(' ')
    query, hash_, fragment = query.partition('#')
    return f'{head}?{redact_query(query)}{hash_}{fragment}{space}{tail}'


class RedactingLogger(Logger):
    def access(self, resp, req, environ, request_time):
        # (older gunicorn releases have no access_log_enabled: their own path then)
        enabled = getattr(self, 'access_log_enabled', None)
        if enabled is None or self.cfg.access_log_format != AccessLogFormat.default:
            super().access(resp, req, environ, request_time)
            return
        if not enabled:
            return
        # The default format's atoms, escaped as gunicorn's SafeAtoms escapes
        # them (every one is present: no missing-atom default is needed).
        atoms = self._redacted(self._default_atoms(resp, environ))
        for key, value in atoms.items():
            if isinstance(value, str) and '"' in value:
                atoms[key] = value.replace('"', '\\"')
        try:
            handler = self._plain_stream()
            if handler is None:
                self.access_log.info(AccessLogFormat.default, atoms)
                return
            line = AccessLogFormat.default % atoms + handler.terminator
            with handler.lock:  # as StreamHandler.emit, without a LogRecord
                handler.stream.write(line)
                handler.flush()
        except Exception:
            self.error(traceback.format_exc())

    def _plain_stream(self):
        """gunicorn's own access handler when it is the only way out of the
        access logger (a stream or file written with format "%(message)s", the
        usual case): a line is then written to it directly (a LogRecord and its
        formatting cost about a tenth of a small request). None otherwise: an
        added handler, filter or syslog gets every line through logging."""
        log = self.access_log
        handlers = log.handlers
        if len(handlers) != 1 or log.filters or log.propagate or log.disabled:
            return None
        handler = handlers[0]
        if (
            type(handler) not in _PLAIN_HANDLERS
            or handler.filters
            or handler.level > logging.INFO
            or not log.isEnabledFor(logging.INFO)
            or getattr(handler.formatter, '_fmt', None) != Logger.access_fmt
        ):
            return None
        return handler

    def atoms(self, resp, req, environ, request_time):
        if self.cfg.access_log_format == AccessLogFormat.default:
            atoms = self._default_atoms(resp, environ)
        else:
            atoms = super().atoms(resp, req, environ, request_time)
        return self._redacted(atoms)

    def _default_atoms(self, resp, environ):
        """The atoms of gunicorn's default format only, with gunicorn's values
        (gunicorn computes one per request header, response header and environ
        variable as well, on every request)."""
        status = resp.status
        if isinstance(status, str):
            status = status.split(None, 1)[0]
        sent = getattr(resp, 'sent', None)
        return {
            'h': environ.get('REMOTE_ADDR', '-'),
            'l': '-',
            'u': self._get_user(environ) or '-',
            't': self.now(),
            'r': f"{environ['REQUEST_METHOD']} {environ['RAW_URI']} {environ['SERVER_PROTOCOL']}",
            's': status,
            'b': sent is not None and str(sent) or '-',
            'f': environ.get('HTTP_REFERER', '-'),
            'a': environ.get('HTTP_USER_AGENT', '-'),
        }

    def _get_user(self, environ):
        """The login of Basic credentials (the `u` atom), as gunicorn finds it,
        but nothing when the decoded credentials hold no ':': gunicorn then prints
        them whole, and a client that left out the separator had its password
        written to the log."""
        user = super()._get_user(environ)
        if user is None:
            return None
        try:
            decoded = base64.b64decode(environ['HTTP_AUTHORIZATION'].split(' ', 1)[1].strip())
        except (ValueError, IndexError, KeyError):
            return None
        return user if b':' in decoded else None

    @staticmethod
    def _redacted(atoms):
        for key, value in atoms.items():
            if not isinstance(value, str):
                continue
            if key in ('{authorization}i', '{http_authorization}e'):
                atoms[key] = value.split(' ', 1)[0] + ' ' + REDACTED
            elif key == 'q' or key == '{query_string}e':
                atoms[key] = redact_query(value)
            elif '?' in value:
                atoms[key] = redact_url(value)
        return atoms
