"""A real HTTP receiver of callbacks on loopback, in a thread: it records every
request and answers what the test scripted (200 by default)."""

import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Received:
    method: str
    path: str
    query: list
    headers: dict
    body: bytes

    @property
    def event_id(self):
        return self.headers.get('X-Event-Id')

    @property
    def form(self):
        return parse_qsl(self.body.decode('ascii'), keep_blank_values=True)


class Receiver:
    """`answers`: a list consumed one per request: an int status, ('redirect', url),
    or ('hang', seconds); when empty, 200."""

    def __init__(self, host='127.0.0.1', server_class=ThreadingHTTPServer, wrap=None):
        self.requests: list[Received] = []
        self.answers: list = []
        self._released = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _serve(self):
                length = int(self.headers.get('Content-Length') or 0)
                body = self.rfile.read(length) if length else b''
                parts = urlsplit(self.path)
                receiver.requests.append(
                    Received(
                        self.command,
                        parts.path,
                        parse_qsl(parts.query, keep_blank_values=True),
                        dict(self.headers),
                        body,
                    )
                )
                answer = receiver.answers.pop(0) if receiver.answers else 200
                if isinstance(answer, tuple) and answer[0] == 'hang':
                    receiver._released.wait(answer[1])
                    answer = 200
                if isinstance(answer, tuple) and answer[0] == 'redirect':
                    self.send_response(302)
                    self.send_header('Location', answer[1])
                else:
                    self.send_response(answer)
                self.send_header('Content-Length', '2')
                self.end_headers()
                try:
                    self.wfile.write(b'ok')
                except OSError:
                    pass

            do_GET = do_POST = _serve

        self.server = server_class((host, 0), Handler)
        self.server.daemon_threads = True
        if wrap is not None:
            self.server.socket = wrap(self.server.socket)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def url(self, path='/hook', host='127.0.0.1', scheme='http'):
        return f'{scheme}://{host}:{self.port}{path}'

    def event_ids(self):
        return [request.event_id for request in self.requests]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self._released.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)
