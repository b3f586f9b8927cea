"""Fixtures of the /api/ver1.0 dialect: entity acme (internal context `acme`
with phones 100-299 and queues 300-399, outgoing context `acme-out`) and entity
other; an application of acme with a bearer token; `cq(method, path, body)`."""

import base64
import json

import pytest

from tests.helpers.fixtures import make_context
from xivows.models.entity import Entity
from xivows.outbox import events
from xivows.resources.api_clients import service as api_clients
from xivows.resources.remote_agents import service as remote_agents

PREFIX = '/api/ver1.0'


def _token(client, entity):
    created = api_clients.create(f'app-{entity}', entity)
    credentials = base64.b64encode(
        f'{created.client.client_id}:{created.client_secret}'.encode()
    ).decode()
    response = client.post(
        f'{PREFIX}/oauth/token',
        data={'grant_type': 'client_credentials'},
        headers={'Authorization': f'Basic {credentials}'},
        environ_base={'REMOTE_ADDR': '127.0.0.1'},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()['access_token']


@pytest.fixture(autouse=True)
def remote_agents_described():
    """Agent events name remote agents by their number, as the app's wiring says
    (whatever another test left)."""
    previous = events._describe
    events.wire(describe=remote_agents.describe)
    yield
    events.wire(previous)


@pytest.fixture
def acme(app):
    make_context(
        'acme', entity='acme', ranges={'user': [('100', '299')], 'queue': [('300', '399')]}
    )
    make_context('acme-out', entity='acme', contexttype='outcall')
    make_context(
        'other', entity='other', ranges={'user': [('100', '299')], 'queue': [('300', '399')]}
    )
    return Entity.get(Entity.name == 'acme')


@pytest.fixture
def other(acme):
    return Entity.get(Entity.name == 'other')


class Caller:
    """Calls /api/ver1.0 with one application's token."""

    def __init__(self, client, token):
        self.client, self.token = client, token

    def __call__(self, method, path, body=None, raw=None, token=None, headers=None, query=None):
        data = json.dumps(body) if body is not None else raw
        token = self.token if token is None else token
        sent = {'Authorization': f'Bearer {token}'} if token else {}
        sent.update(headers or {})
        return self.client.open(
            PREFIX + path,
            method=method,
            data=data,
            content_type='application/json' if data is not None else None,
            headers=sent,
            query_string=query,
            environ_base={'REMOTE_ADDR': '127.0.0.1'},
        )

    def ok(self, method, path, body=None, status=None, **kwargs):
        """The JSON answer of a request that must succeed."""
        response = self(method, path, body, **kwargs)
        expected = status or {'POST': 201, 'DELETE': 204}.get(method, 200)
        assert response.status_code == expected, (
            method,
            path,
            response.status_code,
            response.get_data(as_text=True),
        )
        return response.get_json(silent=True)


@pytest.fixture
def cq(client, acme):
    return Caller(client, _token(client, 'acme'))


@pytest.fixture
def cq_other(client, other):
    return Caller(client, _token(client, 'other'))


def refused(response, status, error=None):
    """A refusal in the dialect's one shape."""
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True))
    body = response.get_json()
    assert set(body) == {'error', 'error_description'}, body
    assert isinstance(body['error_description'], str) and body['error_description']
    if error:
        assert body['error'] == error, body
    return body
