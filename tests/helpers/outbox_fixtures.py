"""Fixtures of the outbox tests: an agent of entity acme, its callbacks, its login
changes as the agent-status service emits them, loopback receivers allowed."""

import pytest

from tests.helpers.fixtures import make_context
from tests.helpers.receiver import Receiver
from xivows import domain_events, settings
from xivows.models.agent import AgentFeatures
from xivows.models.agent_status import AgentLoginStatus
from xivows.models.entity import Entity
from xivows.outbox import events
from xivows.resources.agent_callbacks import service as callbacks
from xivows.resources.agent_callbacks.service import CallbackInput


@pytest.fixture
def configure(app, monkeypatch):
    """Change configuration keys for one test."""

    def apply(**values):
        for key, value in values.items():
            monkeypatch.setitem(settings._current, key, value)

    return apply


@pytest.fixture
def loopback_allowed(configure):
    """The test receivers listen on loopback, refused by default."""
    configure(
        CALLBACK_ALLOWED_NETWORKS=['127.0.0.0/8', '::1/128'],
        CALLBACK_TIMEOUT=2.0,
        CALLBACK_BACKOFF_INITIAL=1.0,
        CALLBACK_BACKOFF_MAX=4.0,
        CALLBACK_RETRY_FOR=10.0,
    )


@pytest.fixture
def agent(app):
    make_context('default', entity='acme', ranges={'user': [('1000', '1999')]})
    return AgentFeatures.create(number='2312', context='default', firstname='Ann')


@pytest.fixture
def acme(agent):
    return Entity.get(Entity.name == 'acme')


@pytest.fixture
def wired(app):
    previous = events._describe  # the app's describer (remote agents), put back after
    events.wire()
    yield
    events.wire(previous)


@pytest.fixture
def receiver():
    with Receiver() as receiver:
        yield receiver


@pytest.fixture
def subscribe(acme, agent):
    def create(url, event_type='agent-login', method='GET'):
        return callbacks.create(acme.id, agent.id, CallbackInput(url, event_type, method))

    return create


@pytest.fixture
def change(agent, wired):
    """An agent login state change, as the agent-status service reports it."""

    def apply(logged, source='api', extension='1001', context='default'):
        if logged:
            AgentLoginStatus.create(
                agent_id=agent.id,
                agent_number=agent.number,
                extension=extension,
                context=context,
                interface=f'Local/id-{agent.id}@agentcallback',
                state_interface='PJSIP/abc',
                login_at=1,
            )
        else:
            AgentLoginStatus.delete().where(AgentLoginStatus.agent_id == agent.id).execute()
        domain_events.emit('agent_login_changed', agent_id=agent.id, logged=logged, source=source)

    return apply
