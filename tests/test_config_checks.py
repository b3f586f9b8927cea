"""Configuration values the service cannot use are refused when the
configuration is loaded, naming the key and where it was set (file or
environment), instead of a traceback or a silent misbehaviour later."""

import pytest

from xivows import config


def load_env(**variables):
    environ = {'XIVOWS_CONFIG': ''}
    environ.update({f'XIVOWS_{key}': value for key, value in variables.items()})
    return config.load(environ=environ)


@pytest.mark.parametrize(
    'key,value,reason',
    [
        ('WORKERS', '0', 'must be at least 1 (not 0)'),
        ('WORKER_CONNECTIONS', '-5', 'must be at least 1'),
        ('DATABASE_POOL_SIZE', '0', 'must be at least 1'),
        ('MAX_CONTENT_LENGTH', '0', 'must be at least 1'),
        ('REQUEST_TIMEOUT', '0', 'must be more than 0 (not 0)'),
        ('AMI_TIMEOUT', '-1', 'must be more than 0'),
        ('AMI_TIMEOUT', 'nan', 'must be a finite number'),
        ('LIVE_MAX_AGE', 'inf', 'must be a finite number'),
        ('LOGIN_RECALL_SECONDS', '-1', 'must be 0 or more'),
        ('AMI_PORT', '99999', 'must be a port 1-65535'),
        ('AMI_PORT', '0', 'must be a port 1-65535'),
        ('LOG_LEVEL', 'LOUD', 'must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL'),
        (
            'TRUSTED_PROXIES',
            '192.0.2.1,proxy.example',
            "not an address or network: 'proxy.example'",
        ),
        ('CALLBACK_DENIED_NETWORKS', '10.0.0.0/33', 'not an address or network'),
        ('CALLBACK_ALLOWED_NETWORKS', 'x', 'not an address or network'),
        ('CORS_ORIGINS', 'wallboard.example', 'not an origin such as https://host[:port]'),
        ('CORS_ORIGINS', 'https://wallboard.example/path', 'not an origin'),
        ('CORS_ORIGINS', 'ftp://wallboard.example', 'not an origin'),
        ('CALLQUEUE_AGENT_NUMBERS', '8999-8000', 'must be a range of numbers such as 8000-8999'),
        ('CALLQUEUE_AGENT_NUMBERS', 'abc', 'must be a range of numbers'),
        ('BIND', '127.0.0.1:99999', 'must be HOST:PORT with a port 1-65535'),
        ('BIND', '127.0.0.1:http', 'must be HOST:PORT'),
        ('BIND', '[::1', 'must be HOST:PORT'),
    ],
)
def test_an_unusable_environment_value_is_refused_naming_it(key, value, reason):
    with pytest.raises(config.ConfigError) as refused:
        load_env(**{key: value})
    assert str(refused.value).startswith(f'XIVOWS_{key}: {reason}'), str(refused.value)


def test_an_unusable_file_value_is_refused_naming_the_file_and_key(tmp_path):
    path = tmp_path / 'xivows.toml'
    path.write_text('trusted_proxies = ["192.0.2.1", "proxy.example"]\n')
    with pytest.raises(config.ConfigError) as refused:
        config.load(environ={'XIVOWS_CONFIG': str(path)})
    assert str(refused.value) == (
        f"config file {path}: trusted_proxies: not an address or network: 'proxy.example'"
    )


@pytest.mark.parametrize(
    'key,value,expected',
    [
        ('LOG_LEVEL', 'debug', 'DEBUG'),
        ('LOG_LEVEL', 'Warning', 'WARNING'),
        ('LOGIN_RECALL_SECONDS', '0', 0.0),
        ('TRUSTED_PROXIES', '10.0.0.0/8, 2001:db8::1', ['10.0.0.0/8', '2001:db8::1']),
        ('CORS_ORIGINS', 'https://wallboard.example:8443', ['https://wallboard.example:8443']),
        ('BIND', '[::1]:8000', '[::1]:8000'),
        ('BIND', 'unix:/run/xivows.sock', 'unix:/run/xivows.sock'),
        ('BIND', '0.0.0.0', '0.0.0.0'),
        ('CALLQUEUE_AGENT_NUMBERS', '100-100', '100-100'),
    ],
)
def test_a_usable_value_is_kept(key, value, expected):
    assert load_env(**{key: value})[key] == expected


def test_a_log_level_in_the_file_is_case_insensitive(tmp_path):
    path = tmp_path / 'xivows.toml'
    path.write_text('log_level = "debug"\n')
    assert config.load(environ={'XIVOWS_CONFIG': str(path)})['LOG_LEVEL'] == 'DEBUG'


def test_a_database_url_that_is_no_url_is_refused():
    with pytest.raises(config.ConfigError) as refused:
        load_env(DATABASE_URL='postgresql://xivows@[db/xivows')
    assert str(refused.value) == 'DATABASE_URL: not a URL: Invalid IPv6 URL'


def test_the_defaults_pass_their_own_checks():
    assert load_env() == {
        **config.DEFAULTS,
        'DATABASE_URL': 'sqlite:////var/lib/xivows/xivows.db',
    }


def test_a_key_given_twice_in_the_file_in_two_cases_is_refused(tmp_path):
    path = tmp_path / 'xivows.toml'
    path.write_text('workers = 4\nWORKERS = 1\n')
    with pytest.raises(config.ConfigError) as refused:
        config.load(environ={'XIVOWS_CONFIG': str(path)})
    assert str(refused.value) == f'config file {path}: WORKERS: given twice (also as workers)'


@pytest.mark.parametrize('url', ['sqlite:///', 'sqlite://', 'sqlite:///?timeout=5'])
def test_a_sqlite_url_naming_no_file_is_refused(url):
    with pytest.raises(config.ConfigError) as refused:
        load_env(DATABASE_URL=url)
    assert str(refused.value).startswith(f'DATABASE_URL: {url!r} names no SQLite file')


def test_an_in_memory_sqlite_url_is_still_taken_when_named():
    assert load_env(DATABASE_URL='sqlite:///:memory:')['DATABASE_URL'] == 'sqlite:///:memory:'
