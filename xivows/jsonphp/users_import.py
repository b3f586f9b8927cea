"""pbx_settings/users?act=import: the original's users import (2013-2015).

The body is the original's text (xivows.userfiles, `pipe` format: `|`
separated, a first line of field names, one user per line), read as a stream:
rows are validated and stored by batches while the body arrives
(xivows.resources.users.bulk), each batch its own transaction, so memory holds
one batch whatever the body's size. The body may be up to
IMPORT_MAX_CONTENT_LENGTH bytes (MAX_CONTENT_LENGTH bounds every other request,
not this one). Each row is one add (its line, voicemail and incall with it);
rows are independent: the rows that pass are stored even when others fail.

Answers: 200, empty, when every row was stored; 400 with one plain-text line
per refused row, `<field>: <reason> - error during create user - line #<row>`
(the original's shape; the first 1000, then a count), and 400 with the reason
when the header cannot be read (nothing stored); 413 when the body is larger
than the limit (said at once when Content-Length tells it; a chunked body is
read up to the limit, and the rows before it stay stored and are listed)."""

import io
import time

from flask import Response, request
from werkzeug.exceptions import (
    ClientDisconnected,
    RequestEntityTooLarge,
    RequestTimeout,
)

from xivows import settings
from xivows.resources.users import bulk
from xivows.userfiles import read
from xivows.userfiles.columns import FileRefused

MAX_LINES = 1000


def _line(error):
    step = 'create incall' if error.field.startswith('incall') else 'create user'
    reason = f'{error.field}: {error.reason}' if error.field else error.reason
    return f'{reason} - error during {step} - line #{error.row}'


def sorted_by_row(lines):
    """Rows waiting for another one (a duplicate) fail later: in row order."""
    return sorted(lines, key=lambda line: int(line.rsplit('#', 1)[1]))


def _text(status, lines):
    body = ''.join(f'{line}\n' for line in lines)
    return Response(body, status=status, content_type='text/plain; charset=UTF-8')


def act(call):
    limit = settings.get('IMPORT_MAX_CONTENT_LENGTH')
    request.max_content_length = limit
    too_large = f'the body is larger than IMPORT_MAX_CONTENT_LENGTH ({limit} bytes)'
    try:
        stream = io.BufferedReader(request.stream)
    except RequestEntityTooLarge:
        return _text(413, [too_large])
    try:
        source = read.read(stream, 'pipe')
    except FileRefused as exc:
        return _text(400, [exc.message])
    except RequestEntityTooLarge:
        return _text(413, [too_large])
    except RequestTimeout:  # (the header line did not arrive: nothing stored)
        return _text(408, ['the body stopped arriving (REQUEST_TIMEOUT): nothing was stored'])
    except ClientDisconnected:
        return _text(400, ['the body ended before its announced length: nothing was stored'])
    lines = []

    def refused(error):
        if len(lines) < MAX_LINES:
            lines.append(_line(source.report(error)))

    try:
        # Between batches, the worker's other requests get their turn (time.sleep
        # is gevent's under the gevent workers).
        report = bulk.import_users(
            source.rows, on_error=refused, keep_errors=0, on_progress=lambda count: time.sleep(0)
        )
    except RequestEntityTooLarge:
        return _text(
            413, sorted_by_row(lines) + [f'{too_large}: the rows read before it are stored']
        )
    except (ClientDisconnected, RequestTimeout):
        return _text(
            400,
            sorted_by_row(lines)
            + [
                (
                    'the body stopped arriving (REQUEST_TIMEOUT) or ended before its announced '
                    'length: the rows read before are stored'
                )
            ],
        )
    finally:
        source.close()
    lines = sorted_by_row(lines)
    if report.failed > len(lines):
        lines.append(f'... and {report.failed - len(lines)} more refused rows')
    if report.failed:
        return _text(400, lines)
    return Response('', status=200)
