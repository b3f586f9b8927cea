"""The Host header HTTP/1.1 requires, checked before the application runs:
missing (HTTP/1.1), repeated or not host[:port] is a 400 and a closed
connection, against a real `xivows serve` as a client meets it."""

import socket

import pytest

from tests.helpers import served
from xivows.http.hostcheck import host_is_valid

CHECK = '/xivo/configuration/json.php/restricted/check/'


@pytest.mark.parametrize(
    'protocol, host',
    [
        ('HTTP/1.1', 'localhost'),
        ('HTTP/1.1', 'pbx.example.org:8443'),
        ('HTTP/1.1', '127.0.0.1:80'),
        ('HTTP/1.1', '[::1]:8080'),
        ('HTTP/1.1', ''),  # RFC 9112: empty when the target has no authority
        ('HTTP/1.0', None),  # HTTP/1.0 had no Host
    ],
)
def test_a_host_header_http_allows_is_let_through(protocol, host):
    environ = {'SERVER_PROTOCOL': protocol}
    if host is not None:
        environ['HTTP_HOST'] = host
    assert host_is_valid(environ)


@pytest.mark.parametrize(
    'protocol, host',
    [
        ('HTTP/1.1', None),
        ('HTTP/1.1', 'a.example,b.example'),  # two Host lines, as older gunicorn joins them
        ('HTTP/1.1', 'a b'),
        ('HTTP/1.1', 'user@pbx.example'),
        ('HTTP/1.1', 'pbx.example/path'),
        ('HTTP/1.1', 'pbx.example:80a'),
        ('HTTP/1.0', 'a\tb'),
    ],
)
def test_a_missing_or_malformed_host_is_refused(protocol, host):
    environ = {'SERVER_PROTOCOL': protocol}
    if host is not None:
        environ['HTTP_HOST'] = host
    assert not host_is_valid(environ)


@pytest.fixture(scope='module')
def server(tmp_path_factory):
    url = f'sqlite:///{tmp_path_factory.mktemp("host") / "host.db"}'
    with served.Server(served.prepare(url), workers=1) as server:
        yield server


def _exchange(port, request):
    with socket.create_connection(('127.0.0.1', port), timeout=5) as sock:
        sock.sendall(request)
        answer = b''
        while chunk := sock.recv(4096):  # the server closes the connection
            answer += chunk
    return answer


def test_http11_without_host_is_400_and_closed(server):
    answer = _exchange(server.port, f'GET {CHECK} HTTP/1.1\r\n\r\n'.encode())
    head, _, body = answer.partition(b'\r\n\r\n')
    assert head.startswith(b'HTTP/1.1 400 ')
    assert b'Connection: close' in head
    assert body == b'{"error":"a request of HTTP/1.1 needs one valid Host header"}'


def test_a_malformed_host_is_400_and_the_next_request_never_read(server):
    answer = _exchange(
        server.port,
        (
            f'GET {CHECK} HTTP/1.1\r\nHost: a b\r\n\r\n'
            f'GET {CHECK} HTTP/1.1\r\nHost: localhost\r\n\r\n'
        ).encode(),
    )
    assert answer.startswith(b'HTTP/1.1 400 ')
    assert answer.count(b'Server: gunicorn') == 1  # one answer: the second request unread


def test_a_request_with_a_host_reaches_the_application(server):
    answer = _exchange(
        server.port,
        'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'.encode(),
    )
    assert answer.startswith(b'HTTP/1.1 200 ')
