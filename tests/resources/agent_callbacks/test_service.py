"""Agent callbacks, always within one entity."""

import pytest

from tests.helpers.fixtures import make_context
from tests.helpers.scenarios import unchanged_store
from xivows.errors import InvalidInput, NotFound
from xivows.models.agent import AgentFeatures
from xivows.models.entity import Entity
from xivows.models.outbox import AgentCallback
from xivows.resources.agent_callbacks import service
from xivows.resources.agent_callbacks.service import CallbackChanges, CallbackInput


@pytest.fixture
def world(app):
    make_context('default', entity='acme')
    make_context('elsewhere', entity='other')
    mine = AgentFeatures.create(number='2312', context='default')
    theirs = AgentFeatures.create(number='2313', context='elsewhere')
    acme = Entity.get(Entity.name == 'acme')
    other = Entity.get(Entity.name == 'other')
    return acme, other, mine, theirs


def hook(url='https://hooks.example/agent', event_type='agent-login', method='GET'):
    return CallbackInput(url, event_type, method)


def test_create_list_get_edit_delete(world):
    acme, _, agent, _ = world
    created = service.create(acme.id, agent.id, hook(method='post'))
    assert (created.url, created.event_type, created.method) == (
        'https://hooks.example/agent',
        'agent-login',
        'POST',
    )
    second = service.create(acme.id, agent.id, hook(event_type='agent-logout'))
    assert [c.id for c in service.list_callbacks(acme.id, agent.id)] == [created.id, second.id]
    assert service.get(acme.id, agent.id, created.id).id == created.id
    edited = service.edit(
        acme.id, agent.id, created.id, CallbackChanges(url='http://hooks.example/v2', method='GET')
    )
    stored = AgentCallback.get_by_id(created.id)
    assert (
        (stored.url, stored.event_type, stored.method)
        == ('http://hooks.example/v2', 'agent-login', 'GET')
        == (edited.url, edited.event_type, edited.method)
    )
    service.delete(acme.id, agent.id, created.id)
    assert [c.id for c in service.list_callbacks(acme.id, agent.id)] == [second.id]


def test_another_entity_sees_nothing(world):
    acme, other, agent, theirs = world
    created = service.create(acme.id, agent.id, hook())
    with unchanged_store():
        for call in (
            lambda: service.create(other.id, agent.id, hook()),
            lambda: service.list_callbacks(other.id, agent.id),
            lambda: service.get(other.id, agent.id, created.id),
            lambda: service.edit(other.id, agent.id, created.id, CallbackChanges()),
            lambda: service.delete(other.id, agent.id, created.id),
            lambda: service.create(acme.id, theirs.id, hook()),
            lambda: service.get(acme.id, theirs.id, created.id),
        ):
            with pytest.raises(NotFound):
                call()


@pytest.mark.parametrize('agent_id', [0, -1, 2**31, 999999, True, '1', None])
def test_unknown_agents(world, agent_id):
    acme = world[0]
    with pytest.raises(NotFound):
        service.list_callbacks(acme.id, agent_id)


@pytest.mark.parametrize(
    'data,field',
    [
        (hook(url='ftp://hooks.example/'), 'url'),
        (hook(url='http://169.254.169.254/'), 'url'),
        (hook(url=None), 'url'),
        (hook(event_type='agent-pause'), 'event_type'),
        (hook(event_type=None), 'event_type'),
        (hook(method='PUT'), 'method'),
        (hook(method=3), 'method'),
    ],
)
def test_refusals_name_the_field_and_store_nothing(world, data, field):
    acme, _, agent, _ = world
    created = service.create(acme.id, agent.id, hook())
    with unchanged_store():
        with pytest.raises(InvalidInput, match=f'^{field}:'):
            service.create(acme.id, agent.id, data)
        if getattr(data, field) is None:
            return  # in an edit, None keeps the stored value
        with pytest.raises(InvalidInput, match=f'^{field}:'):
            service.edit(
                acme.id,
                agent.id,
                created.id,
                CallbackChanges(
                    url=data.url if field == 'url' else None,
                    event_type=data.event_type if field == 'event_type' else None,
                    method=data.method if field == 'method' else None,
                ),
            )


def test_callbacks_per_agent_are_bounded(world):
    acme, _, agent, _ = world
    for _ in range(service.MAX_PER_AGENT):
        service.create(acme.id, agent.id, hook())
    with unchanged_store(), pytest.raises(InvalidInput, match='at most'):
        service.create(acme.id, agent.id, hook())


def test_deleting_the_agent_deletes_its_callbacks(world):
    acme, _, agent, _ = world
    service.create(acme.id, agent.id, hook())
    AgentFeatures.delete_by_id(agent.id)
    assert not AgentCallback.select().exists()
