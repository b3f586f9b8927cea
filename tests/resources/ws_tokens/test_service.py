"""Web-service user tokens: issue, use, expire, revoke, digests only in the store."""

import hashlib
import uuid

import pytest

from xivows import settings, wsusers
from xivows.models.ws_token import WsToken
from xivows.resources.ws_tokens import service


@pytest.fixture
def user(app):
    return wsusers.create('wallboard', login='wallboard', password='pw-123456')


def test_issue_and_verify(user):
    token = service.issue(user, now=1000)
    assert str(uuid.UUID(token)) == token
    stored = WsToken.get()
    assert stored.token_digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in repr(list(WsToken.select().tuples()))
    assert (stored.issued_at, stored.expires_at) == (1000, 1000 + 3600)
    assert service.verify(token, now=1000).name == 'wallboard'
    assert service.verify(token, now=4599).id == user.id
    assert service.expires_at(token) == 4600


def test_tokens_expire_after_the_configured_ttl(user, monkeypatch):
    monkeypatch.setitem(settings._current, 'TOKEN_TTL', 60)
    token = service.issue(user, now=1000)
    assert service.verify(token, now=1059) is not None
    assert service.verify(token, now=1060) is None
    assert service.purge_expired(now=1059) == 0
    assert service.purge_expired(now=1060) == 1
    assert not WsToken.select().exists()


@pytest.mark.parametrize('bogus', [None, '', 'nope', str(uuid.uuid4()), 'x' * 100000, 42])
def test_unknown_tokens(user, bogus):
    service.issue(user)
    assert service.verify(bogus) is None
    assert service.revoke(bogus) is False


def test_revoke(user):
    first, second = service.issue(user), service.issue(user)
    assert first != second
    assert service.revoke(first) is True
    assert service.verify(first) is None and service.verify(second) is not None
    assert service.revoke(first) is False
    assert service.revoke_all(user) == 1
    assert service.verify(second) is None


def test_disabled_or_deleted_users_lose_their_tokens(user):
    token = service.issue(user)
    user.disable = True
    user.save()
    assert service.verify(token) is None
    user.disable = False
    user.save()
    assert service.verify(token) is not None
    wsusers.delete('wallboard')
    assert service.verify(token) is None and not WsToken.select().exists()


def test_host_restricted_users(app):
    user = wsusers.create('desk', login='desk', password='pw-123456', host='10.1.0.0/16')
    token = service.issue(user)
    assert service.verify(token, peer='10.1.2.3') is not None
    assert service.verify(token, peer='10.2.0.1') is None
    assert service.verify(token) is not None  # the dialect decides whether to pass a peer
