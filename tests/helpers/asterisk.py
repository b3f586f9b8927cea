"""A fake Asterisk and the worker's engine, run in the test's own transaction:
`pbx.settle()` ticks the engine (connect, resync, reconcile) until Asterisk
agrees with the store, then the test checks what the fake peer was told."""

import time

import pytest

from tests.helpers.fake_ami import FakeAmi
from xivows.ami import AmiClient
from xivows.models.agent_status import AgentSync
from xivows.worker.engine import Engine

READS = (
    'Ping',
    'QueueStatus',
    'CoreShowChannels',
    'DeviceStateList',
    'PJSIPShowEndpoints',
    'PJSIPShowContacts',
    'PJSIPShowAors',
    'PJSIPShowAuths',
    'PJSIPShowRegistrationsOutbound',
    'ParkedCalls',
    'DBGetTree',
    'DBGet',
    'Status',
    'Parkinglots',
    'CoreSettings',
    'CoreStatus',
    'Command',
)  # Command: `module show`


class Pbx:
    def __init__(self, queues=('support', 'sales')):
        self.peer = FakeAmi(queues=queues, login_failure_delay=0.05).start()
        self.client = AmiClient('127.0.0.1', self.peer.port, 'xivows', 'ami-secret', timeout=1.0)
        self.engine = Engine(client=self.client, holder='test')
        self.seen = 0

    def settle(self, until=None, timeout=5.0):
        """Tick until `until()` (default: every agent in sync, nothing queued)."""
        until = until or self.agreed
        deadline = time.monotonic() + timeout
        while True:
            self.engine.tick()
            if until():
                return
            if time.monotonic() > deadline:
                raise AssertionError('the worker did not settle')
            time.sleep(0.02)

    def agreed(self):
        return (
            self.engine.actual.known
            and self.engine.events.empty()
            and not AgentSync.select().where(AgentSync.in_sync == False).exists()
        )  # noqa: E712

    def told(self, name=None):
        """The writes received since the last call (reads, Ping and the ActionID
        left out)."""
        actions = self.peer.received()
        new, self.seen = actions[self.seen :], len(actions)
        return [
            {key: value for key, value in action.items() if key != 'ActionID'}
            for action in new
            if action['Action'] not in READS and (name is None or action['Action'] == name)
        ]

    def close(self):
        self.engine.stop()
        self.peer.stop()


@pytest.fixture
def pbx(app):
    fake = Pbx()
    yield fake
    fake.close()
