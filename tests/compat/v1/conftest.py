import json
import re

import pytest

from tests.helpers.api import ADMIN_LOGIN, ADMIN_PASSWORD, basic
from tests.helpers.asterisk import pbx  # noqa: F401 (fixture)
from xivows import wsusers
from xivows.resources.ws_tokens import service as ws_tokens

STAMP = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$')


def enveloped(response, status=200):
    """The body of a /v1 answer, checked: the envelope, its status and time."""
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True))
    document = response.get_json()
    assert document['api_ver'] == '0.1'
    assert document['statuscode'] == status
    assert STAMP.match(document['timestamp']), document['timestamp']
    assert set(document) <= {'api_ver', 'result', 'statuscode', 'timestamp'}
    if status >= 400:
        assert isinstance(document['result']['message'], str) and document['result']['message']
    return document


def result(response, status=200):
    return enveloped(response, status)['result']


class V1:
    """Calls /v1 as one web-service user (logged in on first use)."""

    def __init__(self, client, login=ADMIN_LOGIN, password=ADMIN_PASSWORD, peer='127.0.0.1'):
        self.client, self.login, self.password, self.peer = client, login, password, peer
        self.token = None

    def as_user(self, login, password):
        return V1(self.client, login, password, self.peer)

    def get_token(self):
        response = self.client.post(
            '/v1/admin/login',
            headers=basic(self.login, self.password),
            environ_base={'REMOTE_ADDR': self.peer},
        )
        self.token = result(response)['authtoken']
        return self.token

    def __call__(
        self,
        method,
        path,
        body=None,
        raw=None,
        token=True,
        query=None,
        headers=None,
        content_type=None,
    ):
        if token is True:
            token = self.token or self.get_token()
        params = dict(query or {})
        if token:
            params['authtoken'] = token
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        return self.client.open(
            '/v1' + path,
            method=method,
            data=data,
            query_string=params,
            content_type=content_type,
            headers=headers or {},
            environ_base={'REMOTE_ADDR': self.peer},
        )

    def get(self, path, **kwargs):
        return self('GET', path, **kwargs)


@pytest.fixture
def v1(client):
    return V1(client)


@pytest.fixture
def user_with(v1):
    """user_with(*grants) -> a V1 caller holding only those grants, with a token
    already issued (no password: hashing one per user is the slow part)."""
    made = []

    def make(*grants):
        name = f'u{len(made)}'
        user = wsusers.create(name, host=v1.peer, grants=list(grants))
        made.append(name)
        caller = v1.as_user(None, None)
        caller.name, caller.token = name, ws_tokens.issue(user)
        return caller

    return make
