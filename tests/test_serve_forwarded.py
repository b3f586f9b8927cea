"""`xivows serve` believes forwarded headers from TRUSTED_PROXIES only: gunicorn's
own trust of local clients (its forwarded_allow_ips, 127.0.0.1 and ::1 by default)
would take X-Forwarded-Proto and SCRIPT_NAME/PATH_INFO headers from any process of
the host, or from any client through a local proxy that passes them on."""

import socket

import pytest

from tests.conftest import _drop_postgresql_database, _postgresql_database
from tests.helpers import served


def _status(server, method, path, headers, body=b''):
    head = f'{method} {path} HTTP/1.1\r\n' + ''.join(f'{h}\r\n' for h in headers)
    head += f'Content-Length: {len(body)}\r\nConnection: close\r\n\r\n'
    with socket.create_connection(('127.0.0.1', server.port), timeout=10) as client:
        client.sendall(head.encode() + body)
        answer = b''
        while chunk := client.recv(65536):
            answer += chunk
    return int(answer.split(b' ', 2)[1])


def _store(request, directory):
    """A database of its own (committed data, other processes), and its cleanup."""
    if request.param == 'sqlite':
        return f'sqlite:///{directory / "served.db"}', lambda: None
    base_url = request.getfixturevalue('postgresql_url')
    url, name = _postgresql_database(base_url)
    return url, lambda: _drop_postgresql_database(base_url, name)


@pytest.fixture(scope='module', params=['sqlite', 'postgresql'])
def server(request, tmp_path_factory):
    url, cleanup = _store(request, tmp_path_factory.mktemp('forwarded'))
    env = served.prepare(url, WORKER='false')
    with served.Server(env, workers=1) as running:
        yield running
    cleanup()


@pytest.fixture(params=['sqlite', 'postgresql'])
def trusting(request, tmp_path):
    """A server trusting 127.0.0.0/8 as its proxies, with host-only user `lan`."""
    url, cleanup = _store(request, tmp_path)
    env = served.prepare(url, WORKER='false', TRUSTED_PROXIES='127.0.0.0/8')
    served.xivows(env, 'ws-user', 'add', 'lan', '--no-password', '--host', '10.1.1.1')
    with served.Server(env, workers=1) as running:
        yield running
    cleanup()


def test_a_script_name_header_does_not_move_the_route(server):
    # gunicorn mapped it into the environment (SCRIPT_NAME /healthz: nothing left
    # of the path to route, a 404): a proxy's rule on paths could be walked around
    headers = ['Host: 127.0.0.1', 'SCRIPT_NAME: /healthz']
    assert _status(server, 'GET', '/healthz', headers) == 200


def test_x_forwarded_proto_of_an_untrusted_client_is_not_https(server):
    # OAuth 2 over plain http to another host name is refused (400 invalid_request);
    # gunicorn took a local client's header for https (then 401 invalid_client)
    headers = [
        'Host: pbx.example',
        'X-Forwarded-Proto: https',
        'Content-Type: application/x-www-form-urlencoded',
    ]
    body = b'grant_type=client_credentials'
    assert _status(server, 'POST', '/api/ver1.0/oauth/token', headers, body) == 400


def test_a_trusted_proxy_is_believed(trusting):
    server = trusting
    headers = [
        'Host: pbx.example',
        'X-Forwarded-Proto: https',
        'Content-Type: application/x-www-form-urlencoded',
    ]
    body = b'grant_type=client_credentials'
    # https as the proxy says: the endpoint answers (no such client: 401)
    assert _status(server, 'POST', '/api/ver1.0/oauth/token', headers, body) == 401
    # and the client address is the one it appended
    check = '/xivo/configuration/json.php/restricted/check/'
    lan = ['Host: 127.0.0.1', 'X-Forwarded-For: 10.1.1.1']
    assert _status(server, 'GET', check, lan) == 403  # identified, granted nothing
    assert _status(server, 'GET', check, ['Host: 127.0.0.1']) == 401
