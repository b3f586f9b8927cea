"""The envelope on every answer of /v1 (unknown paths and methods, resources left
out, internal errors), bodies whatever their Content-Type, CORS, and the OpenAPI
description (outside the envelope)."""

import pytest

from compat.v1 import routes, users
from tests.compat.v1.conftest import enveloped, result
from xivows import create_app


@pytest.mark.parametrize(
    'path',
    [
        '/me/info',
        '/me/buddies',
        '/me/chats/1/messages',
        '/admin/user/contacts',
        '/admin/user/permissions/x',
        '/admin/dialplan/adps',
        '/admin/dialplan/adpmas/1',
        '/admin/dialplan/sdps/jade_demo',
        '/manager/sdialplans',
    ],
)
def test_resources_left_out_say_why(v1, path):
    for method in ('GET', 'POST', 'DELETE'):
        message = result(v1(method, path), 404)['message']
        assert message.startswith('not implemented: '), message


def test_unknown_paths_and_methods(v1):
    assert result(v1.get('/nothing/here'), 404)['message'] == 'no such resource: /v1/nothing/here'
    enveloped(v1.get('', token=None), 404)
    refused = v1('PATCH', '/admin/core/channels')
    assert result(refused, 405)['message'] == 'method not allowed: PATCH (allowed: GET)'
    assert refused.headers['Allow'] == 'GET'
    refused = v1('POST', '/admin/user/users/some-uuid')
    assert set(refused.headers['Allow'].split(', ')) == {'GET', 'PUT', 'DELETE'}
    enveloped(refused, 405)


def test_a_body_over_the_limit_is_413_in_the_envelope(v1, app):
    v1.get_token()
    too_large = b'{"name": "' + b'x' * app.config['MAX_CONTENT_LENGTH'] + b'"}'
    message = result(v1('POST', '/manager/users', raw=too_large), 413)['message']
    assert 'exceeds the capacity limit' in message


def test_bodies_are_json_whatever_the_content_type(v1):
    v1.get_token()
    for content_type in ('application/x-www-form-urlencoded', 'text/plain', None):
        enveloped(v1('PUT', '/admin/info', raw=b'{"context": "demo"}', content_type=content_type))
    assert result(v1.get('/admin/info'))['context'] == 'demo'
    for raw in (b'{', b'[1]', b'"x"', b'\xff'):
        enveloped(v1('PUT', '/admin/info', raw=raw, content_type='text/plain'), 400)


def test_an_unexpected_failure_is_a_500_in_the_envelope(v1, monkeypatch):
    v1.get_token()

    def broken(user):
        raise RuntimeError('boom')

    monkeypatch.setattr(users, 'shown', broken)
    assert result(v1.get('/admin/info'), 500)['message'] == 'internal error'


def test_openapi_describes_every_operation_outside_the_envelope(client):
    description = client.get('/v1/openapi.json').get_json()
    assert description['openapi'].startswith('3.')
    paths = {
        (method.upper(), path)
        for path, methods in description['paths'].items()
        for method in methods
    }
    assert paths == {
        (
            op.method,
            routes.PREFIX
            + op.rule.replace('<path:name>', '{name}').replace('<', '{').replace('>', '}'),
        )
        for op in routes.OPERATIONS
    }
    assert ('GET', '/v1/admin/queue/members/{name}') in paths
    assert description['components']['securitySchemes']['authtoken']['in'] == 'query'


def test_cors_only_for_the_configured_origins(database_url):
    app = create_app(
        {
            'DATABASE_URL': database_url,
            'TESTING': True,
            'CORS_ORIGINS': ['https://wallboard.example'],
        }
    )
    client = app.test_client()
    preflight = client.options(
        '/v1/admin/queue/queues',
        headers={'Origin': 'https://wallboard.example', 'Access-Control-Request-Method': 'GET'},
    )
    assert preflight.headers['Access-Control-Allow-Origin'] == 'https://wallboard.example'
    answer = client.get('/v1/agents', headers={'Origin': 'https://wallboard.example'})
    assert answer.headers['Access-Control-Allow-Origin'] == 'https://wallboard.example'
    enveloped(answer, 401)
    other = client.get('/v1/agents', headers={'Origin': 'https://elsewhere.example'})
    assert 'Access-Control-Allow-Origin' not in other.headers


def test_no_cors_by_default(v1):
    answer = v1.get('/agents', headers={'Origin': 'https://wallboard.example'})
    assert 'Access-Control-Allow-Origin' not in answer.headers
