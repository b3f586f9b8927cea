"""`xivows events ...`: the outbox seen by an operator."""

import json

import pytest

from tests.helpers.outbox_fixtures import (  # noqa: F401
    acme,
    agent,
    change,
    configure,
    loopback_allowed,
    subscribe,
    wired,
)
from tests.helpers.receiver import Receiver
from xivows import cli
from xivows.models.outbox import OutboxEvent


@pytest.fixture
def run(runner, database_url, monkeypatch, loopback_allowed):
    monkeypatch.setenv('XIVOWS_DATABASE_URL', database_url)

    def invoke(*args):
        return runner.invoke(cli.main, list(args), catch_exceptions=False)

    return invoke


def test_list_shows_state_and_every_attempt(run, subscribe, change, agent):
    with Receiver() as receiver:
        subscribe(receiver.url('/hook'))
        change(True)
        receiver.answers = [500]
        assert run('events', 'deliver').output.strip() == '0 delivered, 1 to retry, 0 failed'
        event = OutboxEvent.get()
        listed = run('events', 'list').output.splitlines()
        assert listed[0].startswith(
            f'{event.id}\tpending\tagent-login\tagent={agent.id}'
            f'\tGET {receiver.url("/hook")}\tevent_id={event.uuid}'
        )
        assert 'attempts=1' in listed[0] and '\tnext=' in listed[0]
        assert listed[1].startswith('\t') and '\tretry\tstatus=500\t' in listed[1]
        assert listed[1].endswith('HTTP 500')
        OutboxEvent.update(next_attempt_at=0).execute()
        assert run('events', 'deliver').output.startswith('1 delivered')
    document = json.loads(run('events', 'list', '--json').output)
    assert [(e['state'], [a['outcome'] for a in e['attempts']]) for e in document] == [
        ('delivered', ['retry', 'delivered'])
    ]
    assert document[0]['data']['agent_status'] == 'available'
    assert run('events', 'list', '--state', 'failed').output == ''
    assert json.loads(run('events', 'list', '--agent', str(agent.id), '--json').output)
    assert run('events', 'purge').output.strip() == '0 event(s) deleted'


def test_list_of_an_empty_outbox(run):
    result = run('events', 'list')
    assert result.exit_code == 0 and result.output == ''
