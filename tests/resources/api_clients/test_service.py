"""Applications in the store: created with a secret kept only as a digest, listed,
deleted with their tokens; credentials and bearer tokens checked."""

import hashlib

import pytest

from tests.helpers.fixtures import make_entity
from tests.helpers.scenarios import unchanged_store
from xivows.errors import InvalidInput, NotFound
from xivows.models.api_client import ApiClient, ApiClientToken
from xivows.models.entity import Entity
from xivows.resources.api_clients import service


@pytest.fixture
def acme(app):
    return make_entity('acme')


def test_create_keeps_a_digest_of_the_secret_only(acme):
    created = service.create('crm', 'acme')
    row = ApiClient.get(ApiClient.name == 'crm')
    assert row.entity_id == acme.id and row.client_id == created.client.client_id
    assert len(created.client_secret) >= 40
    assert row.secret_digest == hashlib.sha256(created.client_secret.encode()).hexdigest()
    assert created.client_secret not in repr(list(ApiClient.select().tuples()))


def test_client_ids_and_secrets_differ(acme):
    first, second = service.create('one', 'acme'), service.create('two', str(acme.id))
    assert first.client.client_id != second.client.client_id
    assert first.client_secret != second.client_secret
    assert [client.name for client in service.list_clients()] == ['one', 'two']


@pytest.mark.parametrize(
    'name,entity,reason',
    [
        ('', 'acme', 'name'),
        ('bad name', 'acme', 'name'),
        ('x' * 65, 'acme', 'name'),
        ('crm', 'nobody', 'entity'),
        ('crm', '99999', 'entity'),
    ],
)
def test_create_refusals(acme, name, entity, reason):
    with unchanged_store(), pytest.raises(InvalidInput, match=reason):
        service.create(name, entity)


def test_names_are_unique(acme):
    service.create('crm', 'acme')
    with unchanged_store(), pytest.raises(InvalidInput, match='already exists'):
        service.create('crm', 'acme')


def test_authenticate(acme):
    created = service.create('crm', 'acme')
    client_id = created.client.client_id
    assert service.authenticate(client_id, created.client_secret).name == 'crm'
    assert service.authenticate(client_id, created.client_secret + 'x') is None
    assert service.authenticate('unknown', created.client_secret) is None
    assert service.authenticate(client_id, '') is None
    assert service.authenticate(client_id, None) is None
    assert service.authenticate(client_id, 'x' * 100000) is None


def test_token_lifecycle(acme):
    client = service.create('crm', 'acme').client
    service.store_token(client, 'tok-1', 60, now=1000)
    stored = ApiClientToken.get()
    assert stored.token_digest == hashlib.sha256(b'tok-1').hexdigest()
    assert (stored.issued_at, stored.expires_at) == (1000, 1060)
    caller = service.caller_of('tok-1', now=1059)
    assert (caller.client.name, caller.entity.id) == ('crm', acme.id)
    assert service.caller_of('tok-1', now=1060) is None
    assert service.caller_of('tok-2', now=1000) is None
    assert service.purge_expired(now=1059) == 0
    assert service.purge_expired(now=1060) == 1
    assert service.caller_of('tok-1', now=1000) is None


def test_delete_revokes_the_tokens(acme):
    client = service.create('crm', 'acme').client
    service.store_token(client, 'tok-1', 60)
    service.delete('crm')
    assert not ApiClient.select().exists() and not ApiClientToken.select().exists()
    assert service.caller_of('tok-1') is None
    with pytest.raises(NotFound):
        service.delete('crm')


def test_deleting_the_entity_deletes_its_applications(acme):
    client = service.create('crm', 'acme').client
    service.store_token(client, 'tok-1', 60)
    Entity.delete_by_id(acme.id)
    assert not ApiClient.select().exists() and not ApiClientToken.select().exists()
