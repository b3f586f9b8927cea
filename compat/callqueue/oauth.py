"""OAuth 2 of the seed-003 API, with Authlib: the client-credentials grant at
`POST /api/ver1.0/oauth/token` (RFC 6749 section 4.4; client id and secret by HTTP
Basic or in the body) and the bearer-token check of the dialect's routes
(RFC 6750: `require_api_client()`).

Tokens are random strings made here, stored as digests with their expiry
(`OAUTH_TOKEN_TTL` seconds) by `xivows.resources.api_clients.service`; Authlib does
the protocol (grant dispatch, client authentication, error bodies and codes)."""

import json

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.integrations.flask_oauth2.requests import FlaskOAuth2Payload, FlaskOAuth2Request
from authlib.oauth2 import OAuth2Error
from authlib.oauth2.rfc6749 import ClientMixin, grants
from authlib.oauth2.rfc6749.errors import (
    ForbiddenError,
    InsecureTransportError,
    InvalidClientError,
    InvalidRequestError,
    InvalidScopeError,
)
from authlib.oauth2.rfc6749.util import extract_basic_authorization
from authlib.oauth2.rfc6750 import BearerTokenGenerator, BearerTokenValidator, InvalidTokenError
from flask import Blueprint, jsonify, request
from werkzeug.datastructures import MultiDict

from xivows import transaction
from xivows.auth import throttle, tokens
from xivows.errors import ServiceError
from xivows.resources.api_clients import service as api_clients

PREFIX = '/api/ver1.0'
REALM = 'xivows'
AUTH_METHODS = ('client_secret_basic', 'client_secret_post')


# -- the one place where credentials are checked ------------------------------------------
#
# Both go through the limits on failed authentication (xivows/auth/throttle.py):
# a refused address or (client id, address) pair is TooManyAttempts (429 with
# Retry-After) before any digest is computed. `login` is the client id for the
# token endpoint and None for bearer tokens (the address limit alone applies).


def _peer():
    return request.remote_addr or ''


def _authenticate_client(client_id, client_secret):
    """The application of these credentials, or None."""
    return throttle.attempt(
        _peer(), client_id or None, lambda: api_clients.authenticate(client_id, client_secret)
    )


def _caller_of_token(access_token):
    """The application and entity a bearer token speaks for, or None."""
    return throttle.attempt(_peer(), None, lambda: api_clients.caller_of(access_token))


# -- Authlib glue -------------------------------------------------------------------------


class _Client(ClientMixin):
    """An application as Authlib sees it: a confidential client that may use the
    client-credentials grant only, and has no scopes."""

    def __init__(self, row):
        self.row = row

    def get_client_id(self):
        return self.row.client_id

    def check_endpoint_auth_method(self, method, endpoint):
        return method in AUTH_METHODS

    def check_grant_type(self, grant_type):
        return grant_type == grants.ClientCredentialsGrant.GRANT_TYPE

    def get_allowed_scope(self, scope):
        return ''

    def check_client_secret(self, client_secret):
        return tokens.matches(self.row.secret_digest, client_secret)


def _basic_credentials(query_client, oauth_request):
    try:
        client_id, client_secret = extract_basic_authorization(oauth_request.headers)
    except ValueError:
        # Not ASCII where base64 is expected, or not UTF-8 once decoded: Authlib
        # lets these through (a 500); they are credentials nobody holds.
        return None
    return _client_of(client_id, client_secret)


def _body_credentials(query_client, oauth_request):
    data = oauth_request.form
    return _client_of(data.get('client_id'), data.get('client_secret'))


def _client_of(client_id, client_secret):
    # Unknown id and wrong secret both end as one 401 invalid_client (Authlib's own
    # methods answer 400 for an unknown id in the body: that tells ids apart).
    if client_id is None and client_secret is None:
        return None
    row = _authenticate_client(client_id, client_secret)
    return _Client(row) if row is not None else None


class _ClientCredentialsGrant(grants.ClientCredentialsGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = list(AUTH_METHODS)


class _TokenRequest(FlaskOAuth2Request):
    """The token request: a form (RFC 6749), or a JSON object, which integrators of
    the other REST dialects send everywhere."""

    def __init__(self, flask_request):
        super().__init__(flask_request)
        self._fields = _token_fields(flask_request)
        self.payload = _Payload(self._fields)

    @property
    def form(self):
        return self._fields


class _Payload(FlaskOAuth2Payload):
    def __init__(self, fields):
        self._fields = fields

    @property
    def data(self):
        return self._fields


def _token_fields(flask_request):
    if flask_request.form:
        return flask_request.form
    raw = flask_request.get_data(cache=True)
    if raw.lstrip()[:1] == b'{':
        try:
            document = json.loads(raw)
        except (ValueError, RecursionError):  # malformed, or nested past the stack
            document = None
        if isinstance(document, dict):
            return MultiDict(
                {key: value for key, value in document.items() if isinstance(value, str)}
            )
    return MultiDict()


class _InvalidClient(InvalidClientError):
    """invalid_client whose Basic challenge names its realm (RFC 7617 requires
    it: Authlib's has none, and a client that sends its credentials only when
    challenged, as Python's HTTPBasicAuthHandler, then never sends them)."""

    def get_headers(self):
        return [
            (name, value.replace('Basic ', f'Basic realm="{REALM}", ', 1))
            if name == 'WWW-Authenticate'
            else (name, value)
            for name, value in super().get_headers()
        ]


class _Server(AuthorizationServer):
    def create_oauth2_request(self, _request):
        return _TokenRequest(request)

    def authenticate_client(self, oauth_request, methods, endpoint='token'):
        try:
            return super().authenticate_client(oauth_request, methods, endpoint)
        except InvalidClientError as error:
            raise _InvalidClient(
                status_code=error.status_code,
                description='Unknown client id or wrong client secret.',
            ) from None

    def validate_requested_scope(self, scope):
        if scope:
            raise InvalidScopeError('This server defines no scopes.')


def _save_token(token, oauth_request):
    api_clients.store_token(oauth_request.client.row, token['access_token'], token['expires_in'])


server = _Server(query_client=lambda client_id: None, save_token=_save_token)
server.register_token_generator(
    'default',
    BearerTokenGenerator(
        access_token_generator=lambda **_: tokens.new_secret(),
        expires_generator=lambda client, grant_type: api_clients.token_ttl(),
    ),
)
server.register_grant(_ClientCredentialsGrant)
server.register_client_auth_method('client_secret_basic', _basic_credentials)
server.register_client_auth_method('client_secret_post', _body_credentials)


# -- the bearer check of the dialect's routes ---------------------------------------------


class BearerError(Exception):
    """A request without a valid bearer token (RFC 6750 section 3). Not a
    ServiceError: its answer carries the WWW-Authenticate challenge, rendered by the
    handler `init_app` registers."""

    def __init__(self, status, error=None, description=None):
        super().__init__(description or error or 'bearer token required')
        self.status, self.error, self.description = status, error, description

    def challenge(self):
        parts = [f'realm="{REALM}"']
        if self.error:
            parts.append(f'error="{self.error}"')
        if self.description:
            parts.append(f'error_description="{self.description}"')
        return 'Bearer ' + ', '.join(parts)

    def response(self):
        body = {
            'error': self.error or 'invalid_token',
            'error_description': self.description or 'A bearer token is required.',
        }
        response = jsonify(body)
        response.status_code = self.status
        response.headers['WWW-Authenticate'] = self.challenge()
        return response


class _Validator(BearerTokenValidator):
    def authenticate_token(self, token_string):
        return _caller_of_token(token_string)

    def validate_token(self, token, scopes, oauth_request):
        if token is None:  # expiry is checked by the lookup itself
            raise InvalidTokenError(realm=REALM)


_protector = ResourceProtector()
_protector.register_token_validator(_Validator(realm=REALM))


def require_api_client():
    """The calling application and its entity `(ApiClient, Entity)`; BearerError
    (401 with `WWW-Authenticate: Bearer ...`) without a valid bearer token."""
    try:
        caller = _protector.acquire_token()
    except ForbiddenError:
        # No credentials, or another scheme: a bare challenge (RFC 6750 section 3.1).
        raise BearerError(401) from None
    except InvalidTokenError:
        raise BearerError(
            401, 'invalid_token', 'The access token is unknown, expired or revoked.'
        ) from None
    except OAuth2Error:
        raise BearerError(400, 'invalid_request', 'Malformed Authorization header.') from None
    return caller.client, caller.entity


# -- routes -------------------------------------------------------------------------------

blueprint = Blueprint('callqueue_oauth', __name__, url_prefix=PREFIX)


# Authlib answers OAuth 2 over plain http only for a loopback host name (RFC 6749
# section 3.2 requires TLS) and raises before its own error handling: the refusal
# is an error document like the others, naming what to configure.
_NEEDS_TLS = (
    'OAuth 2 needs https: serve with TLS_CERT and TLS_KEY, or behind a TLS proxy '
    'listed in TRUSTED_PROXIES (plain http is answered on localhost only).'
)


@blueprint.post('/oauth/token')
def token():
    try:
        return transaction.run(server.create_token_response)
    except InsecureTransportError:
        return server.handle_error_response(None, InvalidRequestError(_NEEDS_TLS))


@blueprint.errorhandler(ServiceError)
def _service_error(exc):
    """Refusals outside the OAuth vocabulary (rate limit, database) in the same shape."""
    response = jsonify(
        error='temporarily_unavailable'
        if exc.status >= 500
        else 'too_many_requests'
        if exc.status == 429
        else 'invalid_request',
        error_description=exc.message,
    )
    response.status_code = exc.status
    retry_after = getattr(exc, 'retry_after', None)
    if retry_after is not None:
        response.headers['Retry-After'] = str(int(retry_after))
    response.headers['Cache-Control'] = 'no-store'
    return response


def init_app(app):
    app.register_blueprint(blueprint)
    app.register_error_handler(BearerError, lambda exc: exc.response())
