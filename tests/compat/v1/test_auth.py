"""Tokens (login, use, expiry, revoke, stored hashed), the guessing limits, and the
ACL sections of each family, every refusal in the envelope."""

import hashlib
import time

import pytest

from compat.v1 import families as S
from tests.compat.v1.conftest import enveloped, result
from tests.helpers.api import basic
from tests.helpers.scenarios import snapshot, unchanged_store
from xivows import dialects, settings
from xivows.auth import acl
from xivows.models.ws_token import WsToken


def test_login_gives_a_token_that_opens_the_api(v1, client):
    response = client.post('/v1/admin/login', headers=basic('admin', 'admin-secret'))
    token = result(response)['authtoken']
    assert len(token) == 36 and token.count('-') == 4  # a UUID, as the seed shows
    info = result(v1.get('/admin/info', token=token))
    assert info['username'] == 'admin'


def test_tokens_are_stored_as_digests_only(v1):
    token = v1.get_token()
    row = WsToken.get(WsToken.token_digest == hashlib.sha256(token.encode()).hexdigest())
    assert row.expires_at - row.issued_at == settings.get('TOKEN_TTL')
    assert token not in repr(snapshot())


def test_a_revoked_token_is_refused(v1):
    token = v1.get_token()
    done = enveloped(v1('DELETE', '/admin/login', token=token))
    assert 'result' not in done
    refused = result(v1.get('/admin/info', token=token), 401)
    assert refused['message'] == 'invalid or expired authtoken'


def test_an_expired_token_is_refused(v1):
    token = v1.get_token()
    WsToken.update(expires_at=int(time.time()) - 1).execute()
    assert (
        result(v1.get('/admin/info', token=token), 401)['message']
        == 'invalid or expired authtoken'
    )


def test_no_token_and_bad_logins(v1, client):
    response = v1.get('/agents', token=None)
    assert result(response, 401)['message'].startswith('authtoken required')
    assert response.headers['WWW-Authenticate'] == 'Authtoken realm="xivows /v1"'
    with unchanged_store():
        response = client.post('/v1/admin/login', headers=basic('admin', 'wrong'))
        assert result(response, 401)['message'] == 'wrong username or password'
        assert response.headers['WWW-Authenticate'].startswith('Basic')
        response = client.post('/v1/admin/login')
        assert result(response, 401)['message'].startswith('HTTP Basic credentials')
        response = client.post('/v1/admin/login', headers=basic('nobody', 'x'))
        enveloped(response, 401)


def test_guessed_passwords_and_tokens_are_limited(v1, client, monkeypatch):
    monkeypatch.setitem(settings._current, 'THROTTLE_PAIR_LIMIT', 2)
    monkeypatch.setitem(settings._current, 'THROTTLE_ADDRESS_LIMIT', 4)
    for _ in range(2):
        enveloped(client.post('/v1/admin/login', headers=basic('admin', 'wrong')), 401)
    refused = client.post('/v1/admin/login', headers=basic('admin', 'admin-secret'))
    assert result(refused, 429)['message'] == 'too many failed authentications, retry later'
    assert int(refused.headers['Retry-After']) >= 1
    other = v1.__class__(client, peer='10.0.0.9')
    token = other.get_token()  # another address: not refused
    for _ in range(4):
        enveloped(other.get('/agents', token='7ac326bf-e146-493a-b9c7-bfb990264b59'), 401)
    refused = other.get('/agents', token=token)  # even a good token, once the address is over
    enveloped(refused, 429)
    assert refused.headers['Retry-After']


def test_every_section_is_listed_by_acl_sections():
    dialects.register_sections()
    assert set(S.ALL) <= set(acl.known_sections())
    assert all(acl.is_grantable(family) for family in ('v1', 'v1/admin/core', 'v1/manager'))


# One call of each family: the section it needs -> (method, path, body).
CALLS = {
    S.AGENTS: ('GET', '/agents', None),
    S.DEVICE_STATES: ('GET', '/device_states', None),
    S.PEERS: ('GET', '/peers', None),
    S.REGISTRIES: ('GET', '/registries', None),
    S.PJSIP: ('GET', '/admin/pjsip/endpoints', None),
    S.DIALPLAN: ('GET', '/admin/dialplan/configurations', None),
    S.CORE: ('GET', '/admin/core/channels', None),
    S.CORE_WRITE: ('DELETE', '/admin/core/channels/1796498560.1', None),
    S.QUEUE: ('GET', '/admin/queue/cfg_queues', None),
    S.QUEUE_WRITE: ('POST', '/admin/queue/cfg_queues', {}),
    S.PARK: ('GET', '/admin/park/cfg_parkinglots', None),
    S.PARK_WRITE: ('POST', '/admin/park/cfg_parkinglots', {}),
    S.USER: ('GET', '/admin/user/users', None),
    S.USER_WRITE: ('POST', '/admin/user/users', {}),
    S.MANAGER: ('GET', '/manager/users', None),
    S.MANAGER_WRITE: ('POST', '/manager/trunks', {}),
}


def test_each_family_needs_its_section(user_with):
    assert set(CALLS) == set(S.ALL)
    for section in CALLS:
        caller = user_with(section)
        for other, (other_method, other_path, other_body) in CALLS.items():
            response = caller(other_method, other_path, body=other_body)
            if other == section:
                assert response.status_code not in (401, 403), (section, response.get_json())
            else:
                message = result(response, 403)['message']
                assert message == f'access denied: {other} required', (section, other)


def test_a_family_grant_covers_its_read_and_write_sections(user_with):
    caller = user_with('v1/admin/queue')
    assert caller('POST', '/admin/queue/cfg_queues', body={}).status_code == 400
    assert caller.get('/admin/queue/cfg_queues').status_code == 200
    assert caller.get('/admin/park/cfg_parkinglots').status_code == 403


def test_users_of_other_dialects_only_are_denied(user_with):
    caller = user_with('service/ipbx', 'agentd')
    for method, path, body in CALLS.values():
        enveloped(caller(method, path, body=body), 403)
    assert caller.get('/admin/info').status_code == 200  # its own account: token only


@pytest.mark.parametrize('path', ['/admin/info', '/agents', '/admin/core/channels'])
def test_a_token_in_another_parameter_is_not_taken(v1, path):
    token = v1.get_token()
    enveloped(v1.get(path, token=None, query={'token': token}), 401)


# Authorization headers werkzeug cannot decode (characters outside ASCII where base64
# is expected, raw or after decoding): the login's 401, never a 500.
MALFORMED_BASIC = [
    'Basic ädmin:x',
    'Basic YWRtaW46YWRtaW4tc2VjcmV0ä',
    'Basic ' + 'ä' * 10,
]


@pytest.mark.parametrize('header', MALFORMED_BASIC)
def test_a_malformed_basic_header_is_a_401(client, header):
    with unchanged_store():
        response = client.post(
            '/v1/admin/login', headers={'Authorization': header.encode().decode('latin-1')}
        )
        assert result(response, 401)['message'].startswith('HTTP Basic credentials')
        assert response.headers['WWW-Authenticate'].startswith('Basic')
