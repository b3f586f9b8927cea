"""Layered configuration: defaults here, then a TOML file, then XIVOWS_* variables.

Every mistake an operator can make here (a missing file, a bad value, an
unsupported database) is a ConfigError with a one-line message; a key this
version does not know is a warning (logged, then ignored)."""

import logging
import os
import tomllib
from urllib.parse import urlsplit

from xivows import config_checks

DEFAULTS = {
    # Where the embedded database (and other state) lives, whatever the working
    # directory: relative SQLite paths of DATABASE_URL are relative to it.
    'DATA_DIR': '/var/lib/xivows',
    # sqlite:///path (relative: in DATA_DIR), or postgresql://user:pw@host:port/db
    'DATABASE_URL': 'sqlite:///xivows.db',
    # PostgreSQL pool size per worker process
    'DATABASE_POOL_SIZE': 8,
    # Seconds to wait for a PostgreSQL connection before answering 503
    'DATABASE_CONNECT_TIMEOUT': 5,
    # PostgreSQL: the lookups every view repeats are prepared in the server once
    # per connection (false behind a pooler in transaction mode: xivows/prepared.py)
    'POSTGRESQL_PREPARE': True,
    # Peer addresses (or networks) allowed to set X-Forwarded-For
    'TRUSTED_PROXIES': [],
    # Password guessing (xivows/auth/throttle.py): failed authentications per
    # window of THROTTLE_WINDOW seconds; past the limit a (login, address) pair or
    # an address is refused (429), a login alone is slowed by the delay (seconds)
    'THROTTLE_WINDOW': 60,
    'THROTTLE_PAIR_LIMIT': 10,
    'THROTTLE_ADDRESS_LIMIT': 30,
    'THROTTLE_LOGIN_LIMIT': 10,
    'THROTTLE_LOGIN_DELAY': 1.0,
    # Seconds a repeated login may be accepted again without reading its account
    # (SQLite: while the store is unchanged; PostgreSQL: while no change of the
    # accounts is notified); 0: every request reads it
    'LOGIN_RECALL_SECONDS': 5.0,
    # Largest request body accepted, in bytes
    'MAX_CONTENT_LENGTH': 1024 * 1024,
    # Largest body of a users import (json.php pbx_settings/users?act=import,
    # read as a stream, not held in memory), in bytes
    'IMPORT_MAX_CONTENT_LENGTH': 64 * 1024 * 1024,
    # Address written in linefeatures.ipfrom of new lines
    'SERVER_ADDRESS': '127.0.0.1',
    # Asterisk Manager Interface; empty host = store only
    'AMI_HOST': '',
    'AMI_PORT': 5038,
    'AMI_USERNAME': '',
    'AMI_SECRET': '',
    'AMI_TIMEOUT': 5.0,
    # `xivows asterisk apply`: where Asterisk reads the generated files
    'ASTERISK_CONFIG_DIR': '/etc/asterisk',
    # the background worker applies the configuration after store changes
    'ASTERISK_AUTO_APPLY': False,
    # The SIP TLS transport's certificate and key (PEM files as Asterisk reads
    # them): without both, SIPSysCfg's TLSEnable cannot be turned on
    'SIP_TLS_CERT_FILE': '',
    'SIP_TLS_KEY_FILE': '',
    # Background worker (README "Background worker"): started by `xivows serve`
    # (false: run `xivows worker` elsewhere); one active among hosts (a lease)
    'WORKER': True,
    'WORKER_LEASE_SECONDS': 10.0,
    'WORKER_RESYNC_SECONDS': 60.0,
    # Live reads answer 503 when the worker's data is older than this (seconds)
    'LIVE_MAX_AGE': 15.0,
    # `xivows serve`
    'BIND': '127.0.0.1:8000',
    'WORKERS': 2,
    # gevent workers: connections served at once by each worker process
    'WORKER_CONNECTIONS': 1000,
    # Seconds a client has to send a request's headers (or to start its next
    # request on a kept-alive connection), then its body: else it is dropped
    'REQUEST_TIMEOUT': 10,
    'TLS_CERT': '',
    'TLS_KEY': '',
    'LOG_LEVEL': 'INFO',
    # The API dialects served (xivows.dialects.AVAILABLE)
    'DIALECTS': ['jsonphp', 'agentd', 'restapi', 'callqueue', 'v1'],
    # Browser origins (scheme://host[:port]) allowed to call /v1 (CORS); none by default
    'CORS_ORIGINS': [],
    # Tokens (seconds of validity): bearer tokens of API clients (seed 003) and
    # `authtoken`s of web-service users (seed 001)
    'OAUTH_TOKEN_TTL': 3600,
    'TOKEN_TTL': 3600,
    # HTTP callbacks (outbox): per-request timeout, retries with backoff (first
    # delay, largest delay) until RETRY_FOR seconds after the change, then failed;
    # finished events kept KEEP seconds; networks refused/allowed besides the
    # built-in refusals (loopback, link-local, cloud metadata, ...)
    'CALLBACK_TIMEOUT': 5.0,
    'CALLBACK_BACKOFF_INITIAL': 2.0,
    'CALLBACK_BACKOFF_MAX': 300.0,
    'CALLBACK_RETRY_FOR': 3600.0,
    'CALLBACK_KEEP': 7 * 86400.0,
    'CALLBACK_CONCURRENCY': 8,
    'CALLBACK_DENIED_NETWORKS': [],
    'CALLBACK_ALLOWED_NETWORKS': [],
    'CALLBACK_CA_FILE': '',
    # Seed-003 API: the numbers given to the agents it creates (lowest free first)
    'CALLQUEUE_AGENT_NUMBERS': '8000-8999',
}

ENV_PREFIX = 'XIVOWS_'
# Read when XIVOWS_CONFIG is not set and the file exists (XIVOWS_CONFIG='': no file).
DEFAULT_FILE = '/etc/xivows/config.toml'
DATABASE_SCHEMES = ('sqlite', 'postgresql', 'postgres', 'postgresql+pool')

log = logging.getLogger(__name__)


class ConfigError(Exception):
    """A configuration the service cannot run with; the message is one line."""


_TYPE_NAMES = {
    bool: 'true or false',
    int: 'an integer',
    float: 'a number',
    list: 'a list of strings',
    str: 'a string',
}


def _kind(default):
    for kind in (bool, int, float, list, str):  # bool before int: True is an int
        if isinstance(default, kind):
            return kind
    return None


def _coerce(default, raw):
    """Environment values are strings: give them the type of the default."""
    kind = _kind(default)
    if kind is bool:
        value = raw.strip().lower()
        if value not in ('1', 'true', 'yes', 'on', '0', 'false', 'no', 'off', ''):
            raise ValueError
        return value in ('1', 'true', 'yes', 'on')
    if kind is int:
        return int(raw)
    if kind is float:
        return float(raw)
    if kind is list:
        return [part.strip() for part in raw.split(',') if part.strip()]
    return raw


def _checked(default, value):
    """A value of the file, of the default's type (TOML has typed values)."""
    kind = _kind(default)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind is not None and (
        not isinstance(value, kind) or (kind is int and isinstance(value, bool))
    ):
        raise ValueError
    if kind is list and not all(isinstance(item, str) for item in value):
        raise ValueError
    return value


def file_path(environ=None):
    """The configuration file read, or None."""
    environ = os.environ if environ is None else environ
    path = environ.get(ENV_PREFIX + 'CONFIG')
    if path is None:
        return DEFAULT_FILE if os.path.isfile(DEFAULT_FILE) else None
    return path or None


def _from_file(path):
    try:
        with open(path, 'rb') as stream:
            document = tomllib.load(stream)
    except FileNotFoundError:
        raise ConfigError(f'config file {path}: not found') from None
    except OSError as exc:
        raise ConfigError(f'config file {path}: unreadable: {exc.strerror}') from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f'config file {path}: not valid TOML: {exc}') from None
    values = {}
    given = {}
    for key, value in document.items():
        name = key.upper()
        if name not in DEFAULTS:
            log.warning('config file %s: unknown key %s (ignored)', path, key)
            continue
        if name in given:  # keys are case-insensitive: which one was meant?
            raise ConfigError(f'config file {path}: {key}: given twice (also as {given[name]})')
        given[name] = key
        try:
            value = _checked(DEFAULTS[name], value)
        except ValueError:
            raise ConfigError(
                f'config file {path}: {key}: must be {_TYPE_NAMES[_kind(DEFAULTS[name])]}'
            ) from None
        try:
            values[name] = config_checks.check(name, value)
        except ValueError as exc:
            raise ConfigError(f'config file {path}: {key}: {exc}') from None
    return values


def database_url(url, data_dir):
    """DATABASE_URL with a relative SQLite path made absolute in DATA_DIR."""
    try:
        scheme = urlsplit(url).scheme if '://' in url else ''
    except ValueError as exc:  # urllib's reason: 'Invalid IPv6 URL'...
        raise ConfigError(f'DATABASE_URL: not a URL: {exc}') from None
    if scheme not in DATABASE_SCHEMES:
        raise ConfigError(
            f'DATABASE_URL: unsupported database {scheme or url!r} (use '
            f'sqlite:///path or postgresql://user:password@host:port/database)'
        )
    if scheme == 'sqlite' and urlsplit(url).path in ('', '/'):
        # peewee would open a private in-memory database per connection: every
        # process (and request) its own empty store, nothing ever kept.
        raise ConfigError(
            f'DATABASE_URL: {url!r} names no SQLite file (sqlite:///xivows.db, in DATA_DIR, '
            f'or sqlite:////absolute/path.db)'
        )
    if scheme == 'sqlite' and url.startswith('sqlite:///'):
        path = url[len('sqlite:///') :]
        if path and path != ':memory:' and not os.path.isabs(path):
            return 'sqlite:///' + os.path.join(data_dir, path)
    return url


def load(environ=None, test_config=None):
    """Return the merged configuration as a dict; ConfigError when unusable."""
    environ = os.environ if environ is None else environ
    config = dict(DEFAULTS)
    path = file_path(environ)
    if path:
        config.update(_from_file(path))
    for variable in sorted(environ):
        # A misspelt variable would be ignored without a word (XIVOWS_TEST_*: the tests').
        key = variable[len(ENV_PREFIX) :]
        if (
            variable.startswith(ENV_PREFIX)
            and key not in DEFAULTS
            and key != 'CONFIG'
            and not key.startswith('TEST_')
        ):
            log.warning('environment: unknown variable %s (ignored)', variable)
    for key, default in DEFAULTS.items():
        raw = environ.get(ENV_PREFIX + key)
        if raw is not None:
            try:
                value = _coerce(default, raw)
            except ValueError:
                raise ConfigError(
                    f'{ENV_PREFIX}{key}: must be {_TYPE_NAMES[_kind(default)]}'
                ) from None
            try:
                config[key] = config_checks.check(key, value)
            except ValueError as exc:
                raise ConfigError(f'{ENV_PREFIX}{key}: {exc}') from None
    if test_config:
        config.update(test_config)
    if not os.path.isabs(config['DATA_DIR']):
        raise ConfigError(f'DATA_DIR: must be an absolute path (not {config["DATA_DIR"]!r})')
    config['DATABASE_URL'] = database_url(config['DATABASE_URL'], config['DATA_DIR'])
    return config
