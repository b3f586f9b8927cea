"""Layered configuration: defaults here, then a TOML file, then XIVOWS_* variables."""
import os
import tomllib

DEFAULTS = {
    # sqlite:///relative/or/absolute/path, or postgresql://user:pw@host:port/db
    'DATABASE_URL': 'sqlite:///xivows.db',
    # PostgreSQL pool size per worker process
    'DATABASE_POOL_SIZE': 8,
    # Seconds to wait for a PostgreSQL connection before answering 503
    'DATABASE_CONNECT_TIMEOUT': 5,
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
    # Largest request body accepted, in bytes
    'MAX_CONTENT_LENGTH': 1024 * 1024,
    # Address written in linefeatures.ipfrom of new lines
    'SERVER_ADDRESS': '127.0.0.1',
    # Asterisk Manager Interface; empty host = store only
    'AMI_HOST': '',
    'AMI_PORT': 5038,
    'AMI_USERNAME': '',
    'AMI_SECRET': '',
    'AMI_TIMEOUT': 5.0,
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
    'DIALECTS': ['jsonphp', 'agentd', 'restapi'],
}

ENV_PREFIX = 'XIVOWS_'


def _coerce(default, raw):
    """Environment values are strings: give them the type of the default."""
    if isinstance(default, bool):
        return raw.strip().lower() in ('1', 'true', 'yes', 'on')
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    if isinstance(default, list):
        return [part.strip() for part in raw.split(',') if part.strip()]
    return raw


def load(environ=None, test_config=None):
    """Return the merged configuration as a dict."""
    environ = os.environ if environ is None else environ
    config = dict(DEFAULTS)
    path = environ.get(ENV_PREFIX + 'CONFIG')
    if path:
        with open(path, 'rb') as stream:
            from_file = tomllib.load(stream)
        config.update({key.upper(): value for key, value in from_file.items()})
    for key, default in DEFAULTS.items():
        raw = environ.get(ENV_PREFIX + key)
        if raw is not None:
            config[key] = _coerce(default, raw)
    if test_config:
        config.update(test_config)
    return config
