"""An agent login served by a gevent worker of a real `xivows serve` reaches
Asterisk (the fake AMI peer) through the background worker serve starts: requests
never talk to the AMI themselves."""

import json
import time

import pytest

from tests.helpers import served
from tests.helpers.fake_ami import FakeAmi

USERS = '/service/ipbx/json.php/restricted/pbx_settings/users/'
AGENTS = '/callcenter/json.php/restricted/settings/agents/'
QUEUES = '/callcenter/json.php/restricted/settings/queues/'


@pytest.fixture
def peer():
    fake = FakeAmi(queues=('support',)).start()
    yield fake
    fake.stop()


def test_an_agent_login_served_by_gevent_reaches_asterisk(tmp_path, peer):
    env = served.prepare(
        f'sqlite:///{tmp_path / "ami.db"}',
        wizard=True,
        AMI_HOST='127.0.0.1',
        AMI_PORT=peer.port,
        AMI_USERNAME='xivows',
        AMI_SECRET='ami-secret',
        AMI_TIMEOUT=2,
    )
    with served.Server(env) as server:
        entities = json.loads(
            server.call('/xivo/configuration/json.php/restricted/manage/entity/?act=list')[2]
        )
        status, _, body = server.call(
            USERS + '?act=add',
            {
                'userfeatures': {'firstname': 'Desk', 'entityid': entities[0]['id']},
                'linefeatures': {'protocol': ['sip'], 'context': ['default'], 'number': ['1001']},
            },
        )
        assert status == 200, body
        status, _, body = server.call(
            AGENTS + '?act=add',
            {
                'agentfeatures': {
                    'firstname': 'Ann',
                    'number': '2312',
                    'context': 'default',
                    'numgroup': '1',
                    'autologoff': '0',
                }
            },
        )
        assert status == 200, body
        agent_id = int(body.strip(b'"'))
        status, _, body = server.call(
            QUEUES + '?act=add',
            {
                'queuefeatures': {'name': 'support', 'number': '3001', 'context': 'default'},
                'queue': {},
                'agent': [agent_id],
            },
        )
        assert status == 200, body

        status, _, body = server.call(
            f'/1.0/agents/{agent_id}/login', {'extension': '1001', 'context': 'default'}
        )
        assert status == 204, body
        deadline = time.monotonic() + 20
        while not peer.received('QueueAdd') and time.monotonic() < deadline:
            time.sleep(0.1)
        added = peer.received('QueueAdd')
        assert [(action['Queue'], action['Interface']) for action in added] == [
            ('support', f'Local/id-{agent_id}@agentcallback')
        ]
        status, _, body = server.call(f'/1.0/agents/{agent_id}/status')
        assert status == 200 and json.loads(body)['logged'] is True
