"""Every URL rule of the app against a table of what it requires, so that a route
added later without an ACL (or with another section than the table says) fails here.

For each rule and method: no credentials is 401; a user granted nothing is 403; a
user granted every section but the required one is 403; a user granted that section
alone gets past authentication and ACL (any status but 401/403). json.php's four
catch-all rules are checked per service (restricted and private modes); the seed-003
routes take a bearer token instead of sections (their entity scoping is
tests/compat/callqueue/test_errors.py)."""

import re

import pytest

from tests.helpers.api import basic
from tests.helpers.fixtures import make_entity
from xivows import settings, wsusers
from xivows.auth import acl
from xivows.jsonphp import registry
from xivows.resources.api_clients import service as api_clients
from xivows.resources.ws_tokens import service as ws_tokens

# Answered to anybody, on purpose (README: /docs, the OpenAPI descriptions, /healthz).
PUBLIC = {
    '/healthz',
    '/docs/',
    '/docs/<path:path>',
    '/static/<path:filename>',
    '/0.1/openapi.json',
    '/1.0/openapi.json',
    '/api/openapi.json',
    '/api/ver1.0/openapi.json',
    '/v1/openapi.json',
}
# Unknown paths of a dialect: its 404, whoever asks.
UNKNOWN = {'/v1/', '/v1/<path:rest>', '/api/ver1.0/', '/api/ver1.0/<path:rest>'}
# The token endpoint authenticates its clients itself (tests/compat/callqueue/test_oauth.py).
OAUTH = {'/api/ver1.0/oauth/token'}
JSONPHP = '<pathinfo:rest>'

LOGIN, TOKEN, BEARER = 'v1 login (HTTP Basic)', 'v1 token only', 'bearer token'
_V1_FAMILIES = r'admin/(core|queue|park|user)|manager'
# (methods, rule pattern, required grant), first match wins.
TABLE = [
    ('GET POST DELETE', r'/(0\.1|1\.0)/.*', 'agentd'),
    ('GET PUT DELETE POST', r'/api/agents?(/.*)?', 'api/agents'),
    ('GET PUT DELETE', r'/api/queues?(/.*)?', 'api/queues'),
    ('GET PUT DELETE POST', r'/api/SIPUsers?(/.*)?', 'api/sipusers'),
    ('GET PUT', r'/api/SIPSysCfg', 'api/sipsyscfg'),
    ('GET POST PUT DELETE', r'/api/ver1\.0/(client|extension)/.*', BEARER),
    ('POST', r'/v1/admin/login', LOGIN),
    ('DELETE', r'/v1/admin/login', TOKEN),
    ('GET PUT', r'/v1/admin/info', TOKEN),
    ('GET', r'/v1/(agents|device_states|peers|registries)/?', 'v1/{0}'),
    ('GET PUT DELETE', r'/v1/admin/(pjsip|dialplan)/.*', 'v1/admin/{0}'),
    # generated files and res_parking's own lots are read-only: PUT/DELETE answer 405
    ('PUT DELETE', r'/v1/admin/(queue|park)/(configurations|parkinglots)/.*', 'v1/admin/{0}/read'),
    ('GET', rf'/v1/({_V1_FAMILIES})/.*', 'v1/{0}/read'),
    ('POST PUT DELETE', rf'/v1/({_V1_FAMILIES})/.*', 'v1/{0}/write'),
]

_ARGUMENT = re.compile(r'<(?:[a-z]+:)?([a-z_]+)>')
_VALUES = {'client': '@me', 'name': 'x', 'path': 'x', 'filename': 'x', 'rest': 'x'}


def required(method, rule):
    if rule in PUBLIC | UNKNOWN | OAUTH or JSONPHP in rule:
        return None
    for methods, pattern, grant in TABLE:
        match = re.fullmatch(pattern, rule)
        if match and method in methods.split():
            return grant.format(*match.groups())
    return None


def path_of(rule):
    return _ARGUMENT.sub(lambda m: _VALUES.get(m.group(1), '1'), rule)


def rules(app):
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {'HEAD', 'OPTIONS'}):
            yield rule.rule, method


class Users:
    """Web-service users granted given sections, made once each."""

    def __init__(self):
        self.made = {}

    def holding(self, grants):
        """(login, password, a new /v1 token) of a user granted `grants`."""
        grants = tuple(sorted(grants))
        if grants not in self.made:
            login = f'acl{len(self.made)}'
            user = wsusers.create(login, login=login, password='pw-' + login, grants=grants)
            self.made[grants] = (login, 'pw-' + login, user)
        login, password, user = self.made[grants]
        return login, password, ws_tokens.issue(user)

    def only(self, section):
        return self.holding([section])

    def all_but(self, section):
        return self.holding([s for s in acl.known_sections() if s != section])


@pytest.fixture
def users(client, monkeypatch):
    # many requests from one address: no limit on failed authentications here
    for key in ('PAIR', 'ADDRESS', 'LOGIN'):
        monkeypatch.setitem(settings._current, f'THROTTLE_{key}_LIMIT', 10**6)
    made = Users()
    make_entity('acme')
    application = api_clients.create('acl-app', 'acme')
    response = client.post(
        '/api/ver1.0/oauth/token',
        data={'grant_type': 'client_credentials'},
        headers=basic(application.client.client_id, application.client_secret),
    )
    made.bearer = response.get_json()['access_token']
    return made


def call(client, method, path, login=None, token=None, bearer=None, peer='127.0.0.1'):
    headers = basic(*login[:2]) if login else {}
    if bearer:
        headers = {'Authorization': f'Bearer {bearer}'}
    query = {'authtoken': token} if token else None
    return client.open(
        path,
        method=method,
        query_string=query,
        data=None if method == 'GET' else '{}',
        content_type=None if method == 'GET' else 'application/json',
        headers=headers,
        environ_base={'REMOTE_ADDR': peer},
    )


def test_every_rule_is_in_the_table(app):
    missing = [
        (method, rule)
        for rule, method in rules(app)
        if rule not in PUBLIC | UNKNOWN | OAUTH
        and JSONPHP not in rule
        and required(method, rule) is None
    ]
    assert missing == [], 'routes without an entry in the ACL table'


def test_public_and_unknown_rules_answer_without_credentials(client):
    for rule in PUBLIC - {'/static/<path:filename>'}:
        path = '/docs/' if rule == '/docs/<path:path>' else path_of(rule)
        assert call(client, 'GET', path).status_code == 200, rule
    for rule in UNKNOWN:
        assert call(client, 'GET', path_of(rule)).status_code == 404, rule


def _denied(response, status):
    assert response.status_code == status, response.get_data(as_text=True)


def test_every_route_needs_its_grant(app, client, users):
    checked = 0
    for rule, method in rules(app):
        grant = required(method, rule)
        if grant is None:
            continue
        path = path_of(rule)
        where = f'{method} {rule}'
        if grant == BEARER:
            assert call(client, method, path).status_code == 401, where
            assert call(client, method, path, bearer='not-a-token').status_code == 401, where
            # no web-service user (nor its /v1 token) is an application
            admin = users.holding(['*'])
            assert call(client, method, path, login=admin).status_code == 401, where
            assert call(client, method, path, bearer=admin[2]).status_code == 401, where
            assert call(client, method, path, bearer=users.bearer).status_code not in (401, 403)
        elif rule.startswith('/v1/'):
            assert call(client, method, path).status_code == 401, where
            if grant == LOGIN:
                assert call(client, method, path, login=users.holding([])).status_code == 200
                continue
            # a web-service user's Basic credentials are no token
            assert call(client, method, path, login=users.holding(['*'])).status_code == 401
            if grant == TOKEN:
                nothing = users.holding([])
                assert call(client, method, path, token=nothing[2]).status_code not in (401, 403)
                continue
            _denied(call(client, method, path, token=users.holding([])[2]), 403)
            _denied(call(client, method, path, token=users.all_but(grant)[2]), 403)
            allowed = call(client, method, path, token=users.only(grant)[2])
            assert allowed.status_code not in (401, 403), (where, allowed.get_data(as_text=True))
        else:
            assert call(client, method, path).status_code == 401, where
            _denied(call(client, method, path, login=users.holding([])), 403)
            _denied(call(client, method, path, login=users.all_but(grant)), 403)
            allowed = call(client, method, path, login=users.only(grant))
            assert allowed.status_code not in (401, 403), (where, allowed.get_data(as_text=True))
        checked += 1
    assert checked > 150


def _acts(service):
    return sorted(set(service.acts) | {''})


def test_every_jsonphp_service_needs_its_section(client, users):
    services = registry.services()  # declared when the app was made
    assert len(services) > 25
    for service in services:
        _check_jsonphp_service(client, users, service)


def _check_jsonphp_service(client, users, service):
    prefix = registry.FAMILIES[service.family][0]
    for act in _acts(service):
        query = f'?act={act}' if act else ''
        path = f'{prefix}/json.php/restricted/{service.path}/{query}'
        for method in ('GET', 'POST'):
            where = f'{method} {path}'
            assert call(client, method, path).status_code == 401, where
            _denied(call(client, method, path, login=users.holding([])), 403)
            _denied(call(client, method, path, login=users.all_but(service.section)), 403)
            allowed = call(client, method, path, login=users.only(service.section))
            assert allowed.status_code not in (401, 403), (where, allowed.get_data(as_text=True))
            if registry.PRIVATE in service.modes:
                private = path.replace('/restricted/', '/private/')
                # no credentials needed, but only for local clients, whatever they send
                admin = users.holding(['*'])
                for peer in ('10.0.0.1', '127.0.0.2', '::ffff:10.0.0.1', '2001:db8::1'):
                    _denied(call(client, method, private, peer=peer), 403)
                    _denied(call(client, method, private, login=admin, peer=peer), 403)
                assert call(client, method, private).status_code not in (401, 403), where
