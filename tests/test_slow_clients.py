"""Slow and idle clients against a real `xivows serve` (2 workers, loopback): each
costs a greenlet, never a worker, so other requests are still answered; a client
that has not sent its request's headers, or then its body, within
REQUEST_TIMEOUT seconds is dropped."""

import base64
import json
import socket
import time

import pytest

from tests.conftest import _drop_postgresql_database, _postgresql_database
from tests.helpers import served

REQUEST_TIMEOUT = 2
MAX_CONTENT_LENGTH = 4096
CHECK = '/xivo/configuration/json.php/restricted/check/'
ENTITY = '/xivo/configuration/json.php/restricted/manage/entity/'
AUTH = 'Authorization: Basic ' + base64.b64encode(':'.join(served.ADMIN).encode()).decode()

IDLE, SLOW_HEADERS, SLOW_BODY, PARTIAL_LINE = range(4)


@pytest.fixture(params=['sqlite', 'postgresql'])
def server(request, tmp_path):
    cleanup = None
    if request.param == 'sqlite':
        url = f'sqlite:///{tmp_path / "slow.db"}'
    else:
        base_url = request.getfixturevalue('postgresql_url')
        url, name = _postgresql_database(base_url)
        cleanup = (base_url, name)
    env = served.prepare(
        url, REQUEST_TIMEOUT=REQUEST_TIMEOUT, MAX_CONTENT_LENGTH=MAX_CONTENT_LENGTH
    )
    try:
        with served.Server(env) as server:
            yield server
    finally:
        if cleanup:
            _drop_postgresql_database(*cleanup)


def _open(port, kind):
    sock = socket.create_connection(('127.0.0.1', port), timeout=5)
    if kind == SLOW_HEADERS:
        sock.sendall(b'GET /healthz HTTP/1.1\r\nHost: localhost\r\n')
    elif kind == SLOW_BODY:
        sock.sendall(
            (
                f'POST {ENTITY}?act=add HTTP/1.1\r\nHost: localhost\r\n{AUTH}\r\n'
                'Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{'
            ).encode()
        )
    elif kind == PARTIAL_LINE:
        sock.sendall(b'GE')
    sock.setblocking(False)
    return sock


def _poll(sock, kind, received):
    """Trickle one more piece of the request; True once the server closed it."""
    try:
        if kind == SLOW_HEADERS:
            sock.send(b'X-Slow: 1\r\n')
        elif kind == SLOW_BODY:
            sock.send(b' ')
        while True:
            data = sock.recv(4096)
            if not data:
                return True
            received.extend(data)
    except BlockingIOError:
        return False
    except (ConnectionResetError, BrokenPipeError):
        return True


def test_slow_and_idle_clients_neither_delay_others_nor_stay(server):
    clients = [(index % 4, _open(server.port, index % 4)) for index in range(100)]
    received = [bytearray() for _ in clients]
    closed = set()
    try:
        opened = time.monotonic()
        # Answered at all (the bound is generous: speed is the benchmark's job).
        status, _, body = server.call(CHECK, timeout=5)
        assert (status, body) == (200, b'OK')
        status, _, body = server.call(
            ENTITY + '?act=add', {'name': 'prompt', 'displayname': 'Prompt'}, timeout=5
        )
        assert status == 200, body
        # The slow ones keep trickling; the server drops each of them.
        while len(closed) < len(clients) and time.monotonic() < opened + REQUEST_TIMEOUT + 10:
            for index, (kind, sock) in enumerate(clients):
                if index not in closed and _poll(sock, kind, received[index]):
                    closed.add(index)
            time.sleep(0.5)
        still_open = (
            sorted(
                {clients[index][0] for index in range(len(clients))}
                - {clients[index][0] for index in closed}
            )
            if len(closed) < len(clients)
            else []
        )
        assert len(closed) == len(clients), f'kinds still open: {still_open}'
        answered = 0
        for index, (kind, _) in enumerate(clients):
            if kind == SLOW_BODY:
                # 408, then closed. A trickled byte that reaches the server between its
                # read's deadline and the close makes the close a reset, which may drop
                # the 408 on its way: the client then sees the reset alone (TCP, rare).
                answer = bytes(received[index])
                assert answer.startswith(b'HTTP/1.1 408 ') or not answer, answer[:80]
                answered += bool(answer)
            else:
                assert not received[index]  # dropped without an answer
        assert answered >= len(clients) // 8  # of the 25 slow bodies, most see the 408
        # The slow body was never used: nothing stored.
        status, _, body = server.call(ENTITY + '?act=list')
        assert status == 200 and b'"prompt"' in body and body.count(b'"name"') == 1
        assert server.call(CHECK, timeout=5)[0] == 200
    finally:
        for _, sock in clients:
            sock.close()


def test_a_body_sent_in_pieces_within_the_bound_is_served(server):
    document = b'{"name": "pieces", "displayname": "In pieces"}'
    with socket.create_connection(('127.0.0.1', server.port), timeout=10) as sock:
        sock.sendall(
            (
                f'POST {ENTITY}?act=add HTTP/1.1\r\nHost: localhost\r\n{AUTH}\r\n'
                'Content-Type: application/json\r\n'
                f'Content-Length: {len(document)}\r\nConnection: close\r\n\r\n'
            ).encode()
        )
        for piece in (document[:10], document[10:30], document[30:]):
            time.sleep(0.3)
            sock.sendall(piece)
        answer = b''
        while chunk := sock.recv(4096):
            answer += chunk
    assert answer.startswith(b'HTTP/1.1 200 '), answer[:200]
    assert server.call(ENTITY + '?act=list')[2].count(b'"pieces"') == 1


def _request(path, body=b'', length=None, chunked=False):
    head = (
        f'POST {path} HTTP/1.1\r\nHost: localhost\r\n{AUTH}\r\nContent-Type: application/json\r\n'
    )
    if chunked:
        head += 'Transfer-Encoding: chunked\r\n'
    else:
        head += f'Content-Length: {len(body) if length is None else length}\r\n'
    return (head + '\r\n').encode() + body


def _until_closed(sock):
    answer = b''
    try:
        while chunk := sock.recv(4096):
            answer += chunk
    except ConnectionResetError:
        pass
    return answer


def test_a_late_body_is_never_read_as_a_request(server):
    """The rest of a body that came too late is not parsed as the next request:
    after the 408 the connection is closed (gunicorn's reader was left in the
    middle of the body)."""
    inner = _request(ENTITY + '?act=add', b'{"name": "smuggled", "displayname": "Smuggled"}')
    late = b' ' * 8 + inner  # whitespace, then bytes that read like a request
    with socket.create_connection(('127.0.0.1', server.port), timeout=10) as sock:
        sock.sendall(_request(ENTITY + '?act=add', length=1 + len(late)) + b'{')
        head = sock.recv(4096)
        assert head.startswith(b'HTTP/1.1 408 '), head[:80]
        try:
            sock.sendall(late + inner)  # the late rest, and a request after it
            answer = head + _until_closed(sock)
        except (BrokenPipeError, ConnectionResetError):
            answer = head
    assert b'\r\nConnection: close\r\n' in answer.split(b'\r\n\r\n')[0]
    assert answer.count(b'HTTP/1.1 ') == 1, answer
    assert b'smuggled' not in server.call(ENTITY + '?act=list')[2]


def test_a_chunked_body_over_the_limit_is_413_not_cut(server):
    document = b'{"name": "chunky", "displayname": "Chunky"}'
    # Valid JSON up to the limit, then more: refused whole, never read as its start.
    body = document + b' ' * MAX_CONTENT_LENGTH
    chunked = b''.join(
        b'%x\r\n%s\r\n' % (len(body[i : i + 1000]), body[i : i + 1000])
        for i in range(0, len(body), 1000)
    )
    with socket.create_connection(('127.0.0.1', server.port), timeout=10) as sock:
        sock.sendall(_request(ENTITY + '?act=add', chunked=True) + chunked + b'0\r\n\r\n')
        answer = sock.recv(4096)
    assert answer.startswith(b'HTTP/1.1 413 '), answer[:200]
    assert b'chunky' not in server.call(ENTITY + '?act=list')[2]
    # Within the limit, a chunked body is served.
    with socket.create_connection(('127.0.0.1', server.port), timeout=10) as sock:
        sock.sendall(
            _request(ENTITY + '?act=add', chunked=True)
            + b'%x\r\n%s\r\n0\r\n\r\n' % (len(document), document)
        )
        assert sock.recv(4096).startswith(b'HTTP/1.1 200 ')


def test_a_users_import_that_stops_arriving_is_408_and_closed(server):
    path = '/service/ipbx/json.php/restricted/pbx_settings/users/?act=import'
    with socket.create_connection(('127.0.0.1', server.port), timeout=10) as sock:
        sock.sendall(_request(path, length=200) + b'firstname|last')
        answer = _until_closed(sock)
    assert answer.startswith(b'HTTP/1.1 408 '), answer[:200]
    assert b'\r\nConnection: close\r\n' in answer
    assert answer.endswith(b'the body stopped arriving (REQUEST_TIMEOUT): nothing was stored\n')


def test_a_client_that_stops_reading_its_answer_is_dropped(server):
    """A client must take each 64 KiB of its answer within REQUEST_TIMEOUT, or
    its connection is shut: it no longer holds a connection (and the answer's
    memory) for ever by not reading. The answer (8,000 users: ~8 MB) is larger
    than the kernel's buffers, so the server's write waits on the client."""
    users = '/service/ipbx/json.php/restricted/pbx_settings/users/'
    status, _, entity = server.call(ENTITY + '?act=add', {'name': 'big', 'displayname': 'Big'})
    assert status == 200
    rows = ''.join(f'{json.loads(entity)}|Reader{index}|Slow\n' for index in range(8000))
    status, _, body = server.call(
        users + '?act=import', raw=f'entityid|firstname|lastname\n{rows}'.encode()
    )
    assert status == 200, body[:300]
    status, _, whole = server.call(users + '?act=list', timeout=30)
    assert status == 200 and len(whole) > 6 * 1024 * 1024  # a reader gets it whole
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.settimeout(10)
        sock.connect(('127.0.0.1', server.port))
        sock.sendall(
            f'GET {users}?act=list HTTP/1.1\r\nHost: localhost\r\n{AUTH}\r\n\r\n'.encode()
        )
        time.sleep(2 * REQUEST_TIMEOUT + 2)  # not reading
        answer = _until_closed(sock)  # what was sent before the cut, then the end
    assert answer.startswith(b'HTTP/1.1 200 ')
    assert len(answer.split(b'\r\n\r\n', 1)[1]) < len(whole)
