"""The OAuth 2 token endpoint of /api/ver1.0 and the bearer check its routes use."""

import base64
import hashlib
import json
import urllib.request

import pytest
from flask import jsonify

from compat.callqueue import oauth
from tests.helpers.fixtures import make_entity
from tests.helpers.scenarios import unchanged_store
from xivows import create_app, settings
from xivows.errors import ServiceError
from xivows.models.api_client import ApiClientToken
from xivows.resources.api_clients import service

TOKEN_URL = '/api/ver1.0/oauth/token'


def basic(user, password):
    return {'Authorization': 'Basic ' + base64.b64encode(f'{user}:{password}'.encode()).decode()}


@pytest.fixture
def application(app):
    acme = make_entity('acme')
    make_entity('other')
    created = service.create('crm', 'acme')
    return created.client.client_id, created.client_secret, acme


@pytest.fixture(scope='module')
def whoami_app(database_url):
    """An app with one route of the dialect-to-be, protected as the dialect will do it."""
    app = create_app({'DATABASE_URL': database_url, 'TESTING': True})

    @app.get('/api/ver1.0/test-whoami')
    def whoami():
        try:
            client, entity = oauth.require_api_client()
        except ServiceError as exc:  # as the dialect's guard renders them (429, 503)
            return jsonify(error=exc.message), exc.status, getattr(exc, 'headers', {})
        return jsonify(client=client.name, entity=entity.id)

    return app


@pytest.fixture
def protected(app, whoami_app):
    return whoami_app.test_client(), '/api/ver1.0/test-whoami'


def token_of(client, client_id, secret):
    response = client.post(
        TOKEN_URL, data={'grant_type': 'client_credentials'}, headers=basic(client_id, secret)
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_token_by_http_basic(client, application, protected):
    client_id, secret, acme = application
    response = client.post(
        TOKEN_URL, data={'grant_type': 'client_credentials'}, headers=basic(client_id, secret)
    )
    assert response.status_code == 200
    assert response.headers['Cache-Control'] == 'no-store'
    body = response.get_json()
    assert set(body) == {'access_token', 'token_type', 'expires_in'}
    assert body['token_type'] == 'Bearer' and body['expires_in'] == 3600
    stored = ApiClientToken.get()
    assert stored.token_digest == hashlib.sha256(body['access_token'].encode()).hexdigest()
    assert stored.expires_at - stored.issued_at == 3600
    answer = protected[0].get(
        protected[1], headers={'Authorization': f'Bearer {body["access_token"]}'}
    )
    assert answer.status_code == 200
    assert answer.get_json() == {'client': 'crm', 'entity': acme.id}


def test_token_with_credentials_in_the_body(client, application):
    client_id, secret, _ = application
    response = client.post(
        TOKEN_URL,
        data={'grant_type': 'client_credentials', 'client_id': client_id, 'client_secret': secret},
    )
    assert response.status_code == 200 and response.get_json()['access_token']


def test_token_with_a_json_body(client, application):
    client_id, secret, _ = application
    response = client.post(
        TOKEN_URL,
        data=json.dumps(
            {'grant_type': 'client_credentials', 'client_id': client_id, 'client_secret': secret}
        ),
        content_type='application/json',
    )
    assert response.status_code == 200 and response.get_json()['access_token']


def test_token_lifetime_is_configured(client, application, monkeypatch):
    monkeypatch.setitem(settings._current, 'OAUTH_TOKEN_TTL', 120)
    client_id, secret, _ = application
    assert token_of(client, client_id, secret)['expires_in'] == 120


def error_of(response, status, error):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.get_json()['error'] == error
    return response


@pytest.mark.parametrize('credentials', ['wrong-secret', 'unknown-id', 'nul-id'])
def test_invalid_client_is_401_whoever_is_unknown(client, application, credentials):
    client_id, secret, _ = application
    user, password = {
        'wrong-secret': (client_id, secret + 'x'),
        'unknown-id': ('0' * 24, secret),
        # (PostgreSQL refuses a NUL in a lookup: was a 500 there)
        'nul-id': (client_id[:4] + '\x00', secret),
    }[credentials]
    with unchanged_store():
        response = client.post(
            TOKEN_URL, data={'grant_type': 'client_credentials'}, headers=basic(user, password)
        )
        error_of(response, 401, 'invalid_client')
        assert (
            response.get_json()['error_description'] == 'Unknown client id or wrong client secret.'
        )
        # RFC 7617: a Basic challenge names its realm; clients that send credentials
        # only when challenged (Python's HTTPBasicAuthHandler) answer no other
        challenge = response.headers['WWW-Authenticate']
        assert challenge.startswith('Basic realm="xivows", error="invalid_client"'), challenge
        assert urllib.request.AbstractBasicAuthHandler.rx.search(challenge).group(3) == 'xivows'
        challenge = client.post(TOKEN_URL, data={'grant_type': 'client_credentials'})
        error_of(challenge, 401, 'invalid_client')
        assert challenge.headers['WWW-Authenticate'].startswith('Basic realm="xivows"')
        body = client.post(
            TOKEN_URL,
            data={
                'grant_type': 'client_credentials',
                'client_id': user,
                'client_secret': password,
            },
        )
        error_of(body, 401, 'invalid_client')


@pytest.mark.parametrize(
    'header',
    [
        # characters outside ASCII where base64 is expected (the header as the
        # server reads it: latin-1), and base64 of bytes that are not UTF-8
        'Basic \u00c3\u00a4dmin:x',
        'Basic ' + base64.b64encode(b'\xe4dmin:\xff\xfe').decode(),
        'Basic ' + base64.b64encode(b'\xed\xa0\x80:x').decode(),
    ],
)
def test_a_malformed_basic_header_is_invalid_client(client, application, header):
    with unchanged_store():
        response = client.post(
            TOKEN_URL, data={'grant_type': 'client_credentials'}, headers={'Authorization': header}
        )
        error_of(response, 401, 'invalid_client')
        assert response.headers['WWW-Authenticate'].startswith('Basic realm="xivows"')


def test_a_token_request_over_plain_http_to_another_host_is_refused(client, application):
    """Authlib refuses OAuth 2 over http except to a loopback host name (RFC 6749
    section 3.2 wants TLS); that refusal is the error document, not a 500."""
    client_id, secret, _ = application
    with unchanged_store():
        response = client.post(
            TOKEN_URL,
            data={'grant_type': 'client_credentials'},
            headers=basic(client_id, secret),
            base_url='http://pbx.example',
        )
        error_of(response, 400, 'invalid_request')
        assert 'https' in response.get_json()['error_description']
        assert response.headers['Cache-Control'] == 'no-store'
    # https (TLS_CERT, or a TLS proxy listed in TRUSTED_PROXIES) is answered
    response = client.post(
        TOKEN_URL,
        data={'grant_type': 'client_credentials'},
        headers=basic(client_id, secret),
        base_url='https://pbx.example',
    )
    assert response.status_code == 200, response.get_data(as_text=True)


def test_other_token_errors(client, application):
    client_id, secret, _ = application
    with unchanged_store():
        error_of(
            client.post(TOKEN_URL, data={'grant_type': 'client_credentials'}),
            401,
            'invalid_client',
        )
        error_of(
            client.post(
                TOKEN_URL, data={'grant_type': 'password'}, headers=basic(client_id, secret)
            ),
            400,
            'unsupported_grant_type',
        )
        error_of(
            client.post(TOKEN_URL, data={}, headers=basic(client_id, secret)),
            400,
            'unsupported_grant_type',
        )
        error_of(
            client.post(
                TOKEN_URL,
                data={'grant_type': 'client_credentials', 'scope': 'admin'},
                headers=basic(client_id, secret),
            ),
            400,
            'invalid_scope',
        )
        error_of(
            client.post(
                TOKEN_URL,
                data=b'{"grant_type": ',
                content_type='application/json',
                headers=basic(client_id, secret),
            ),
            400,
            'unsupported_grant_type',
        )
        assert client.get(TOKEN_URL).status_code == 405


def test_a_json_body_nested_too_deep_is_refused_as_malformed(client, application):
    client_id, secret, _ = application
    with unchanged_store():
        error_of(
            client.post(
                TOKEN_URL,
                data='{"a":' * 50000 + '1' + '}' * 50000,
                content_type='application/json',
                headers=basic(client_id, secret),
            ),
            400,
            'unsupported_grant_type',
        )


def test_bearer_refusals(application, protected):
    client_id, secret, _ = application
    client, protected = protected
    missing = client.get(protected)
    assert missing.status_code == 401
    assert missing.headers['WWW-Authenticate'] == 'Bearer realm="xivows"'
    other_scheme = client.get(protected, headers=basic(client_id, secret))
    assert other_scheme.status_code == 401
    assert other_scheme.headers['WWW-Authenticate'] == 'Bearer realm="xivows"'
    unknown = client.get(protected, headers={'Authorization': 'Bearer nope'})
    assert unknown.status_code == 401 and unknown.get_json()['error'] == 'invalid_token'
    assert unknown.headers['WWW-Authenticate'].startswith(
        'Bearer realm="xivows", error="invalid_token"'
    )
    malformed = client.get(protected, headers={'Authorization': 'Bearer'})
    assert malformed.status_code == 401


def test_expired_and_revoked_tokens_are_refused(client, application, protected):
    client_id, secret, _ = application
    resource, protected = protected
    access_token = token_of(client, client_id, secret)['access_token']
    headers = {'Authorization': f'Bearer {access_token}'}
    assert resource.get(protected, headers=headers).status_code == 200
    ApiClientToken.update(expires_at=ApiClientToken.issued_at).execute()
    assert resource.get(protected, headers=headers).get_json()['error'] == 'invalid_token'
    access_token = token_of(client, client_id, secret)['access_token']
    headers = {'Authorization': f'Bearer {access_token}'}
    assert resource.get(protected, headers=headers).status_code == 200
    service.delete('crm')
    assert resource.get(protected, headers=headers).status_code == 401


def test_a_refusal_of_the_credential_check_keeps_the_oauth_shape(client, application, monkeypatch):
    """Where the rate limit plugs in: a ServiceError raised by the credential check
    (TooManyAttempts: 429 with retry_after) is answered as such, nothing stored."""
    from xivows.errors import ServiceError

    class TooMany(ServiceError):
        status = 429
        retry_after = 30

    def refuse(client_id, client_secret):
        raise TooMany('too many failed attempts')

    monkeypatch.setattr(oauth, '_authenticate_client', refuse)
    client_id, secret, _ = application
    with unchanged_store():
        response = client.post(
            TOKEN_URL, data={'grant_type': 'client_credentials'}, headers=basic(client_id, secret)
        )
    assert response.status_code == 429 and response.headers['Retry-After'] == '30'
    assert response.get_json() == {
        'error': 'too_many_requests',
        'error_description': 'too many failed attempts',
    }


def test_guessing_a_secret_or_a_token_is_limited(client, application, protected, monkeypatch):
    client_id, secret, _ = application
    monkeypatch.setitem(settings._current, 'THROTTLE_PAIR_LIMIT', 3)
    monkeypatch.setitem(settings._current, 'THROTTLE_ADDRESS_LIMIT', 5)
    for _ in range(3):
        response = client.post(
            TOKEN_URL, data={'grant_type': 'client_credentials'}, headers=basic(client_id, 'wrong')
        )
        assert response.status_code == 401
    refused = client.post(
        TOKEN_URL, data={'grant_type': 'client_credentials'}, headers=basic(client_id, secret)
    )  # even the right secret
    assert refused.status_code == 429 and int(refused.headers['Retry-After']) >= 1
    whoami, path = protected
    for _ in range(2):  # unknown tokens count for the address
        assert whoami.get(path, headers={'Authorization': 'Bearer nope'}).status_code == 401
    assert whoami.get(path, headers={'Authorization': 'Bearer nope'}).status_code == 429
