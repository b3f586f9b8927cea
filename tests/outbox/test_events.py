"""Events queued in the transaction of the change: one per matching callback."""

import json

import pytest

from xivows.db import database
from xivows.models.outbox import OutboxEvent
from xivows.outbox import events


def queued():
    return [
        (event.callback_id, event.event_type, json.loads(event.payload))
        for event in OutboxEvent.select().order_by(OutboxEvent.id)
    ]


def test_login_and_logout_payloads(subscribe, change, agent):
    login = subscribe('http://hooks.example/in', 'agent-login')
    logout = subscribe('http://hooks.example/out', 'agent-logout', 'POST')
    change(True, source='api')
    change(False, source='phone')
    assert queued() == [
        (
            login.id,
            'agent-login',
            [
                ['agent_status', 'available'],
                ['agent_type', 'local'],
                ['event_source', 'api'],
                ['agent_id', str(agent.id)],
                ['extension_name', '1001@default'],
            ],
        ),
        (
            logout.id,
            'agent-logout',
            [
                ['agent_status', 'logged_out'],
                ['agent_type', 'local'],
                ['event_source', 'phone'],
                ['agent_id', str(agent.id)],
                ['extension_name', '1001@default'],
            ],
        ),
    ]
    uuids = [event.uuid for event in OutboxEvent.select()]
    assert len(set(uuids)) == 2 and all(len(value) == 36 for value in uuids)


def test_each_matching_callback_gets_its_event(subscribe, change):
    first, second = subscribe('http://a.example/'), subscribe('http://b.example/')
    subscribe('http://c.example/', 'agent-logout')
    change(True)
    assert [callback for callback, _, _ in queued()] == [first.id, second.id]


def test_no_callback_no_event(agent, change):
    change(True)
    change(False)
    assert not OutboxEvent.select().exists()


def test_a_rolled_back_change_queues_nothing(subscribe, change):
    subscribe('http://a.example/')
    with pytest.raises(RuntimeError):
        with database.atomic():
            change(True)
            raise RuntimeError('the change is refused')
    assert not OutboxEvent.select().exists()


def test_extension_given_by_the_emitter_wins(subscribe, agent, wired):
    subscribe('http://a.example/', 'agent-logout')
    from xivows import domain_events

    domain_events.emit(
        'agent_login_changed',
        agent_id=agent.id,
        logged=False,
        source='api',
        extension='1002',
        context='default',
    )
    assert queued()[0][2][-1] == ['extension_name', '1002@default']


def test_remote_agents_are_described_by_the_dialect(subscribe, change, agent):
    subscribe('http://a.example/')
    wired = events._describe  # the describer the app wired, put back after
    events.wire(
        lambda agent_id, details: events.AgentIdentity('remote', agent_number='89215650644')
    )
    try:
        change(True)
    finally:
        events.wire(wired)
    assert queued()[0][2] == [
        ['agent_status', 'available'],
        ['agent_type', 'remote'],
        ['event_source', 'api'],
        ['agent_id', str(agent.id)],
        ['agent_number', '89215650644'],
    ]
