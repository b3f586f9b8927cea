"""What a configuration value must be beyond its type: a count of workers at
least 1, a port 1-65535, networks that parse, a log level Python knows...

A value that fails here would otherwise surface late and far from its key (a
traceback from logging or gunicorn, a gunicorn master with no worker, a proxy
silently not trusted, a callback refused hours later, a 400 to an API client),
so `xivows.config.load` refuses it at start, naming the key. Only the standard
library is imported: gunicorn's master loads the configuration and no app code."""

import ipaddress
import math
from urllib.parse import urlsplit

_AT_LEAST_ONE = frozenset(
    {
        'DATABASE_POOL_SIZE',
        'WORKERS',
        'WORKER_CONNECTIONS',
        'CALLBACK_CONCURRENCY',
        'THROTTLE_PAIR_LIMIT',
        'THROTTLE_ADDRESS_LIMIT',
        'THROTTLE_LOGIN_LIMIT',
        'MAX_CONTENT_LENGTH',
        'IMPORT_MAX_CONTENT_LENGTH',
    }
)
# Durations: a zero or negative one would turn a wait, a lease or a validity off.
_POSITIVE = frozenset(
    {
        'DATABASE_CONNECT_TIMEOUT',
        'REQUEST_TIMEOUT',
        'THROTTLE_WINDOW',
        'OAUTH_TOKEN_TTL',
        'TOKEN_TTL',
        'AMI_TIMEOUT',
        'WORKER_LEASE_SECONDS',
        'WORKER_RESYNC_SECONDS',
        'LIVE_MAX_AGE',
        'CALLBACK_TIMEOUT',
        'CALLBACK_BACKOFF_INITIAL',
        'CALLBACK_BACKOFF_MAX',
        'CALLBACK_RETRY_FOR',
        'CALLBACK_KEEP',
    }
)
# 0 is meaningful: no delay, no recall.
_NOT_NEGATIVE = frozenset({'THROTTLE_LOGIN_DELAY', 'LOGIN_RECALL_SECONDS'})
_NETWORKS = frozenset({'TRUSTED_PROXIES', 'CALLBACK_DENIED_NETWORKS', 'CALLBACK_ALLOWED_NETWORKS'})
LOG_LEVELS = ('DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL')


def _port(text):
    return text.isdigit() and 0 < int(text) <= 65535


def _network(entry):
    try:
        ipaddress.ip_network(entry, strict=False)
    except ValueError:
        raise ValueError(f'not an address or network: {entry!r}') from None


def _origin(entry):
    parts = urlsplit(entry)
    try:
        port = parts.port
    except ValueError:
        port = -1
    if (
        parts.scheme not in ('http', 'https')
        or not parts.hostname
        or parts.path not in ('', '/')
        or parts.query
        or parts.fragment
        or parts.username is not None
        or port == -1
    ):
        raise ValueError(f'not an origin such as https://host[:port]: {entry!r}')


def _bind(value):
    """gunicorn's forms: HOST:PORT, [IPV6]:PORT, HOST (port 8000), unix:PATH, fd://N."""
    if value.startswith(('unix:', 'fd://')):
        return
    if value.startswith('['):
        _, bracket, rest = value.partition(']')
        port = rest[1:] if rest.startswith(':') else None
        if not bracket or rest not in ('', ':' + (port or '')):
            raise ValueError(f'must be HOST:PORT (not {value!r})')
    elif value.count(':') == 1:
        port = value.partition(':')[2]
    else:
        port = None  # a host name or an IPv6 address alone
    if not value.strip() or (port is not None and not _port(port)):
        raise ValueError(f'must be HOST:PORT with a port 1-65535 (not {value!r})')


def _number_range(value):
    begin, _, end = value.partition('-')
    if not (begin.isdigit() and end.isdigit() and int(begin) <= int(end)):
        raise ValueError(f'must be a range of numbers such as 8000-8999 (not {value!r})')


def check(name, value):
    """`value` for key `name` (of the right type already), normalised; ValueError
    with the reason (one line, without the key) when the service cannot use it."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f'must be a finite number (not {value})')
    if name in _AT_LEAST_ONE and value < 1:
        raise ValueError(f'must be at least 1 (not {value})')
    if name in _POSITIVE and value <= 0:
        raise ValueError(f'must be more than 0 (not {value})')
    if name in _NOT_NEGATIVE and value < 0:
        raise ValueError(f'must be 0 or more (not {value})')
    if name == 'AMI_PORT' and not 0 < value <= 65535:
        raise ValueError(f'must be a port 1-65535 (not {value})')
    if name == 'LOG_LEVEL':
        level = value.strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f'must be one of {", ".join(LOG_LEVELS)} (not {value!r})')
        return level
    if name in _NETWORKS:
        for entry in value:
            _network(entry)
    if name == 'CORS_ORIGINS':
        for entry in value:
            _origin(entry)
    if name == 'BIND':
        _bind(value)
    if name == 'CALLQUEUE_AGENT_NUMBERS':
        _number_range(value)
    return value
