"""xivows/heaptrim.py: after a large response is sent, the allocator's free pages
are returned (glibc's malloc_trim), at the worker's next turn of its loop."""

from xivows.heaptrim import TrimAfterLarge


class Body(list):
    closed = False

    def close(self):
        self.closed = True


def served(app, threshold=100, environ=None):
    """(status, body bytes, trims run, the app's body) of one request through the
    middleware, its scheduled calls run as the worker's loop would."""
    trims, scheduled = [], []
    middleware = TrimAfterLarge(
        app,
        threshold=threshold,
        trim=lambda *args: trims.append(args),
        later=lambda function, *args: scheduled.append((function, args)),
    )
    statuses = []
    body = middleware(
        environ or {}, lambda status, headers, exc_info=None: statuses.append(status)
    )
    data = b''.join(body)
    assert not scheduled  # nothing before the body is closed
    getattr(body, 'close', lambda: None)()
    for function, args in scheduled:
        function(*args)
    return statuses[0], data, len(trims)


def answering(size, length=True):
    bodies = []

    def app(environ, start_response):
        headers = [('Content-Type', 'application/json')]
        if length:
            headers.append(('Content-Length', str(size)))
        start_response('200 OK', headers)
        body = Body([b'x' * size])
        bodies.append(body)
        return body

    return app, bodies


def test_a_large_response_is_followed_by_one_trim_once_closed():
    app, bodies = answering(100)
    assert served(app) == ('200 OK', b'x' * 100, 1)
    assert bodies[0].closed  # the application's body is closed as before


def test_smaller_responses_and_unknown_lengths_are_left_alone():
    app, _ = answering(99)
    assert served(app) == ('200 OK', b'x' * 99, 0)
    app, _ = answering(500, length=False)  # (a streamed body: its size is not known)
    assert served(app) == ('200 OK', b'x' * 500, 0)


def test_without_the_allocator_function_the_body_is_the_application_s():
    app, bodies = answering(500)
    middleware = TrimAfterLarge(app, threshold=1)
    middleware._trim = None  # (not glibc)
    assert middleware({}, lambda *args: None) is bodies[0]


def test_a_file_sent_by_the_server_s_file_wrapper_is_left_to_it():
    app, bodies = answering(500)
    environ = {'wsgi.file_wrapper': Body}  # (the server's class: its files are sent as such)
    middleware = TrimAfterLarge(app, threshold=1, trim=lambda: None, later=lambda *a: None)
    assert middleware(environ, lambda *args: None) is bodies[0]
