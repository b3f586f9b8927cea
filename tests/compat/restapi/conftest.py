import json

import pytest

from tests.helpers.api import basic


@pytest.fixture
def rest(client):
    """Call the /api dialect: rest('GET', '/queues'), rest('PUT', path, body) or
    raw=b'...' for bytes as sent; `auth` (login, password) or None."""

    def call(
        method,
        path,
        body=None,
        raw=None,
        auth=('admin', 'admin-secret'),
        content_type='application/json',
    ):
        data = json.dumps(body) if body is not None else raw
        return client.open(
            '/api' + path,
            method=method,
            data=data,
            content_type=content_type,
            headers=basic(*auth) if auth else {},
            environ_base={'REMOTE_ADDR': '127.0.0.1'},
        )

    return call
