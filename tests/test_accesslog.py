"""Tokens in query strings never reach gunicorn's access log."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from xivows.accesslog import redact_query, redact_url

SECRET = '7ac326bf-e146-493a-b9c7-bfb990264b59'


@pytest.mark.parametrize(
    'query,expected',
    [
        (f'authtoken={SECRET}', 'authtoken=[redacted]'),
        (f'limit=5&authtoken={SECRET}&offset=2', 'limit=5&authtoken=[redacted]&offset=2'),
        (f'AuthToken={SECRET}', 'AuthToken=[redacted]'),
        (f'auth%74oken={SECRET}', 'auth%74oken=[redacted]'),
        (
            f'access_token={SECRET};client_secret=s',
            'access_token=[redacted];client_secret=[redacted]',
        ),
        ('authtoken', 'authtoken'),
        ('x=1&+PassWd+=2', 'x=1&+PassWd+=[redacted]'),
        ('act=view&id=42', 'act=view&id=42'),
        ('id=3', 'id=3'),
        ('', ''),
    ],
)
def test_redact_query(query, expected):
    assert redact_query(query) == expected


def test_redact_request_line_and_urls():
    assert (
        redact_url(f'GET /v1/agents?authtoken={SECRET} HTTP/1.1')
        == 'GET /v1/agents?authtoken=[redacted] HTTP/1.1'
    )
    assert (
        redact_url(f'https://wallboard/?authtoken={SECRET}#top')
        == 'https://wallboard/?authtoken=[redacted]#top'
    )
    assert redact_url('/v1/agents') == '/v1/agents'


def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def test_served_access_log_has_no_token(tmp_path):
    env = dict(os.environ, XIVOWS_DATABASE_URL=f'sqlite:///{tmp_path / "log.db"}')
    port = _free_port()
    log_path = tmp_path / 'access.log'
    with open(log_path, 'wb') as log:
        process = subprocess.Popen(
            [
                sys.executable,
                '-m',
                'xivows.cli',
                'serve',
                '--bind',
                f'127.0.0.1:{port}',
                '--workers',
                '1',
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f'http://127.0.0.1:{port}'
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + '/healthz', timeout=2)
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None, log_path.read_text()
                time.sleep(0.2)
        request = urllib.request.Request(
            f'{base}/healthz?authtoken={SECRET}&x=1',
            headers={'Referer': f'http://w/?access_token={SECRET}'},
        )
        urllib.request.urlopen(request, timeout=5).read()
    finally:
        process.terminate()
        process.wait(timeout=30)
    text = log_path.read_text()
    assert '/healthz?authtoken=[redacted]&x=1' in text
    assert 'access_token=[redacted]' in text
    assert SECRET not in text


def test_default_format_lines_are_gunicorns_lines():
    import base64
    import datetime
    import logging
    from types import SimpleNamespace

    from gunicorn.config import Config
    from gunicorn.glogging import Logger, SafeAtoms

    from xivows.accesslog import RedactingLogger

    cfg = Config()
    cfg.set('accesslog', os.devnull)
    logger = RedactingLogger(cfg)
    logger.now = lambda: '[05/Dec/2026:22:00:00 +0000]'
    written = []

    class Written(logging.Handler):
        def emit(self, record):
            written.append(record.getMessage())

    logger.access_log.addHandler(Written())
    token = base64.b64encode(b'ad?min:pw').decode()
    environ = {
        'REMOTE_ADDR': '10.0.0.7',
        'REQUEST_METHOD': 'GET',
        'RAW_URI': f'/1.0/agents?authtoken={SECRET}&x="y"',
        'SERVER_PROTOCOL': 'HTTP/1.1',
        'HTTP_REFERER': f'https://board/?token={SECRET}',
        'HTTP_USER_AGENT': 'curl/8 "q"',
        'HTTP_AUTHORIZATION': f'Basic {token}',
        'QUERY_STRING': f'authtoken={SECRET}',
    }
    for status, sent in (('200 OK', 1234), ('404 NOT FOUND', None), (204, 0)):
        resp = SimpleNamespace(status=status, sent=sent, headers=[('Content-Type', 'x')])
        req = SimpleNamespace(headers=[('Authorization', f'Basic {token}')])
        took = datetime.timedelta(microseconds=1500)
        ours = cfg.access_log_format % SafeAtoms(logger.atoms(resp, req, environ, took))
        gunicorns = cfg.access_log_format % SafeAtoms(
            logger._redacted(Logger.atoms(logger, resp, req, environ, took))
        )
        assert ours == gunicorns
        assert SECRET not in ours
        logger.access(resp, req, environ, took)  # the line as served
        assert written.pop() == gunicorns


def test_lines_written_directly_are_the_lines_logging_writes(tmp_path):
    import datetime
    import logging
    from types import SimpleNamespace

    from gunicorn.config import Config

    from xivows.accesslog import RedactingLogger

    environ = {
        'REMOTE_ADDR': '10.0.0.7',
        'REQUEST_METHOD': 'GET',
        'RAW_URI': f'/1.0/agents?authtoken={SECRET}&x="y"',
        'SERVER_PROTOCOL': 'HTTP/1.1',
        'HTTP_USER_AGENT': 'curl/8',
    }
    took = datetime.timedelta(microseconds=1500)
    responses = [
        SimpleNamespace(status=status, sent=sent, headers=[])
        for status, sent in (('200 OK', 1234), ('404 NOT FOUND', None))
    ]

    def forget_handlers():
        access = logging.getLogger('gunicorn.access')  # one logger for every setup
        for handler in list(access.handlers):
            handler.close()
            access.removeHandler(handler)

    def logged_to(path, through_logging):
        forget_handlers()
        cfg = Config()
        cfg.set('accesslog', str(path))
        logger = RedactingLogger(cfg)
        logger.now = lambda: '[05/Dec/2026:22:00:00 +0000]'
        always = lambda record: True  # noqa: E731  (a filter sends lines through logging)
        if through_logging:
            logger.access_log.addFilter(always)
        try:
            assert (logger._plain_stream() is None) is through_logging
            for resp in responses:
                logger.access(resp, SimpleNamespace(headers=[]), environ, took)
        finally:
            logger.access_log.removeFilter(always)
        return logger

    propagates = logging.getLogger('gunicorn.access').propagate
    direct, logged = tmp_path / 'direct.log', tmp_path / 'logged.log'
    logged_to(logged, True)
    logger = logged_to(direct, False)
    try:
        assert direct.read_text() == logged.read_text()
        assert direct.read_text().count('\n') == 2 and SECRET not in direct.read_text()
        # A reopened log (logrotate's USR1) gets the next lines.
        direct.rename(tmp_path / 'rotated.log')
        logger.reopen_files()
        logger.access(responses[0], SimpleNamespace(headers=[]), environ, took)
        assert direct.read_text().count('\n') == 1
    finally:
        forget_handlers()
        logging.getLogger('gunicorn.access').propagate = propagates


@pytest.mark.parametrize(
    'credentials,user',
    [
        (b'admin:pw', 'admin'),
        (b'admin:pw:with:colons', 'admin'),
        # no ':' (a client that left the separator out): gunicorn printed it all,
        # the password with it
        (b'adminS3cretPassword', '-'),
        (b'\xff\xfe', '-'),
    ],
)
def test_the_user_atom_is_the_login_only(credentials, user):
    import base64
    import datetime
    from types import SimpleNamespace

    from gunicorn.config import Config

    from xivows.accesslog import RedactingLogger

    logger = RedactingLogger(Config())  # (no access log file: the atoms only)
    environ = {
        'REMOTE_ADDR': '10.0.0.7',
        'REQUEST_METHOD': 'GET',
        'RAW_URI': '/1.0/agents',
        'SERVER_PROTOCOL': 'HTTP/1.1',
        'HTTP_AUTHORIZATION': 'Basic ' + base64.b64encode(credentials).decode(),
    }
    resp = SimpleNamespace(status='401 UNAUTHORIZED', sent=36, headers=[])
    took = datetime.timedelta(microseconds=1500)
    atoms = logger.atoms(resp, SimpleNamespace(headers=[]), environ, took)
    assert atoms['u'] == user
