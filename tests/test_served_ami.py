"""pyst2 inside a gevent worker of a real `xivows serve`: its threads become
greenlets, its socket waits cooperative; an agent login still reaches Asterisk
(the fake AMI peer) while the worker serves other requests."""
import json

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


def test_agent_login_pushes_to_asterisk_from_a_gevent_worker(tmp_path, peer):
    env = served.prepare(f'sqlite:///{tmp_path / "ami.db"}', wizard=True,
                         AMI_HOST='127.0.0.1', AMI_PORT=peer.port, AMI_USERNAME='xivows',
                         AMI_SECRET='ami-secret', AMI_TIMEOUT=2)
    with served.Server(env) as server:
        entities = json.loads(server.call('/xivo/configuration/json.php/restricted/manage/'
                                          'entity/?act=list')[2])
        status, _, body = server.call(USERS + '?act=add', {
            'userfeatures': {'firstname': 'Desk', 'entityid': entities[0]['id']},
            'linefeatures': {'protocol': ['sip'], 'context': ['default'], 'number': ['1001']}})
        assert status == 200, body
        status, _, body = server.call(AGENTS + '?act=add', {
            'agentfeatures': {'firstname': 'Ann', 'number': '2312', 'context': 'default',
                              'numgroup': '1', 'autologoff': '0'}})
        assert status == 200, body
        agent_id = int(body.strip(b'"'))
        status, _, body = server.call(QUEUES + '?act=add', {
            'queuefeatures': {'name': 'support', 'number': '3001', 'context': 'default'},
            'queue': {}, 'agent': [agent_id]})
        assert status == 200, body

        status, _, body = server.call(f'/1.0/agents/{agent_id}/login',
                                      {'extension': '1001', 'context': 'default'})
        assert status == 204, body
        added = [action for action in peer.received() if action.get('Action') == 'QueueAdd']
        assert [(action['Queue'], action['Interface']) for action in added] == [
            ('support', f'Local/id-{agent_id}@agentcallback')]
        status, _, body = server.call(f'/1.0/agents/{agent_id}/status')
        assert status == 200 and json.loads(body)['logged'] is True
