"""Identification outcomes (Basic credentials and/or host) and ACL sections."""

import base64

import pytest

from tests.helpers.api import basic
from xivows import create_app, wsusers
from xivows.auth import passwords

CHECK = '/xivo/configuration/json.php/restricted/check/'
ENTITY = '/xivo/configuration/json.php/restricted/manage/entity/'


def call(client, path=CHECK, headers=None, peer='192.0.2.10'):
    return client.get(path, headers=headers or {}, environ_base={'REMOTE_ADDR': peer})


def test_no_credentials_is_401_with_challenge(client):
    response = call(client)
    assert response.status_code == 401
    assert response.headers['WWW-Authenticate'] == 'Basic realm="Access Restricted"'
    assert response.headers['X-XIVO-WS-VERSION'] == '1.0'


@pytest.mark.parametrize(
    'headers',
    [
        basic('admin', 'wrong'),
        basic('Admin', 'admin-secret'),
        basic('nobody', 'admin-secret'),
        basic('', ''),
        basic('admin', ''),
        {'Authorization': 'Basic !!!notbase64'},
        {'Authorization': 'Basic ' + base64.b64encode(b'no-colon').decode()},
        {'Authorization': 'Bearer abc'},
        {'Authorization': 'Basic ' + base64.b64encode(b'adm\x00in:admin-secret').decode()},
    ],
)
def test_bad_credentials_are_401(client, headers):
    assert call(client, headers=headers).status_code == 401


def test_password_may_contain_colons(client):
    wsusers.create('colon', login='colon', password='a:b:c', grants=['*'])
    assert call(client, headers=basic('colon', 'a:b:c')).status_code == 200


def test_password_is_stored_hashed(client):
    user = wsusers.create('hashed', login='hashed', password='clear-secret', grants=['*'])
    assert 'clear-secret' not in user.passwd


def test_credentials_and_host(client):
    wsusers.create(
        'pinned', login='pinned', password='pinned-pw', host='192.0.2.0/24', grants=['*']
    )
    assert call(client, headers=basic('pinned', 'pinned-pw'), peer='192.0.2.7').status_code == 200
    assert (
        call(client, headers=basic('pinned', 'pinned-pw'), peer='198.51.100.7').status_code == 401
    )


def test_host_only_user(client):
    wsusers.create('robot', host='192.0.2.55', grants=['*'])
    assert call(client, peer='192.0.2.55').status_code == 200
    assert call(client, peer='192.0.2.56').status_code == 401
    # host rows are only tried without credentials
    assert call(client, headers=basic('robot', 'x'), peer='192.0.2.55').status_code == 401


@pytest.mark.parametrize(
    'host,peer,expected',
    [
        ('2001:db8::5', '2001:db8::5', 200),
        ('2001:db8::/64', '2001:db8::1234', 200),
        ('2001:db8::/64', '2001:db9::1', 401),
        ('192.0.2.9/32', '192.0.2.9', 200),
        ('192.0.2.9', '::ffff:192.0.2.9', 200),
        ('192.0.2.0/255.255.255.0', '192.0.2.200', 200),
        ('localhost', '127.0.0.1', 200),
        ('no-such-host.invalid', '127.0.0.1', 401),
    ],
)
def test_host_forms(client, host, peer, expected):
    wsusers.create('hosted', host=host, grants=['*'])
    assert call(client, peer=peer).status_code == expected


def test_disabled_user_is_401(client):
    user = wsusers.create('off', login='off', password='off-pw', grants=['*'])
    user.disable = True
    user.save()
    assert call(client, headers=basic('off', 'off-pw')).status_code == 401


def test_an_unknown_or_disabled_login_is_refused_after_a_hash(client, monkeypatch):
    """As much work as a wrong password: the time of a 401 does not tell which
    logins exist."""
    user = wsusers.create('off', login='off', password='off-pw', grants=['*'])
    user.disable = True
    user.save()
    hashed = []
    checked = passwords._checked
    monkeypatch.setattr(
        passwords,
        '_checked',
        lambda stored, password: hashed.append(password) or checked(stored, password),
    )
    for login, password in (('nobody', 'guess-1'), ('off', 'guess-2'), ('admin', 'guess-3')):
        assert call(client, headers=basic(login, password)).status_code == 401
    assert hashed == ['guess-1', 'guess-2', 'guess-3']
    # /v1's login too (ws_users.authenticate)
    response = client.post('/v1/admin/login', headers=basic('nobody', 'guess-4'))
    assert response.status_code == 401 and hashed[-1] == 'guess-4'


def test_acl_missing_section_is_403_without_challenge(client):
    wsusers.create(
        'narrow', login='narrow', password='narrow-pw', grants=['xivo/configuration/manage/entity']
    )
    response = call(client, headers=basic('narrow', 'narrow-pw'))
    assert response.status_code == 403
    assert 'WWW-Authenticate' not in response.headers
    assert call(client, ENTITY, headers=basic('narrow', 'narrow-pw')).status_code == 204


def test_empty_acl_denies_everything(client):
    wsusers.create('empty', login='empty', password='empty-pw')
    assert call(client, ENTITY, headers=basic('empty', 'empty-pw')).status_code == 403


def test_prefix_grants_subtree(client):
    wsusers.create('prefix', login='prefix', password='prefix-pw', grants=['xivo'])
    assert call(client, ENTITY, headers=basic('prefix', 'prefix-pw')).status_code == 204
    assert call(client, headers=basic('prefix', 'prefix-pw')).status_code == 200


def test_forwarded_for_is_ignored_without_trusted_proxy(client):
    wsusers.create('lan', host='10.1.1.1', grants=['*'])
    response = call(client, headers={'X-Forwarded-For': '10.1.1.1'}, peer='203.0.113.9')
    assert response.status_code == 401


def test_forwarded_for_is_used_from_a_trusted_proxy(database_url, app):
    proxied = create_app({'DATABASE_URL': database_url, 'TRUSTED_PROXIES': ['192.0.2.1']})
    wsusers.create('lan', host='10.1.1.1', grants=['*'])
    client = proxied.test_client()
    assert (
        call(client, headers={'X-Forwarded-For': '10.1.1.1'}, peer='192.0.2.1').status_code == 200
    )
    assert (
        call(client, headers={'X-Forwarded-For': '10.1.1.1'}, peer='192.0.2.2').status_code == 401
    )
