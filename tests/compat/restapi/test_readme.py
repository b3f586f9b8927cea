"""The README's `/api` examples, run with curl as written against a real
`xivows serve` (only the address and the credentials replaced)."""

import shutil

import pytest

from tests.conftest import _drop_postgresql_database, _postgresql_database
from tests.helpers import readme, served

pytestmark = pytest.mark.skipif(shutil.which('curl') is None, reason='curl is not installed')

AGENTS = '/callcenter/json.php/restricted/settings/agents/?act=add'
QUEUES = '/callcenter/json.php/restricted/settings/queues/?act=add'


@pytest.fixture(params=['sqlite', 'postgresql'])
def server(request, tmp_path):
    cleanup = None
    if request.param == 'sqlite':
        url = f'sqlite:///{tmp_path / "readme.db"}'
    else:
        base_url = request.getfixturevalue('postgresql_url')
        url, name = _postgresql_database(base_url)
        cleanup = (base_url, name)
    env = served.prepare(url, wizard=True, WORKER='false')
    try:
        with served.Server(env, workers=1) as running:
            yield running
    finally:
        if cleanup:
            _drop_postgresql_database(*cleanup)


def test_the_examples_run_as_written(server):
    status, _, body = server.call(
        AGENTS,
        {
            'agentfeatures': {  # as xivo-ws sends it
                'numgroup': '1',
                'autologoff': '0',
                'firstname': 'Ann',
                'number': '2001',
                'context': 'default',
            },
            'user-select': [],
        },
    )
    assert status == 200, body
    status, _, body = server.call(
        QUEUES,
        {'queuefeatures': {'name': 'sales', 'number': '3000', 'context': 'default'}, 'queue': {}},
    )
    assert status == 200, body
    lines = readme.curl_lines('`/api`')
    assert len(lines) >= 10
    answers = []
    for line in lines:
        code, out, err = readme.run(line, server.base, ':'.join(served.ADMIN))
        assert code == 0, (line, err, out)
        answers.append(readme.json_or_empty(out))
    by_line = dict(zip(lines, answers))
    assert answers[2]['UserID'] == 'alice' and answers[2]['SIPPassword'] == 'alice-sip'
    assert answers[4]['DisplayName'] == 'Alice Smith'
    agents = next(answer for line, answer in by_line.items() if line.endswith('/api/agents'))
    assert agents == [
        {
            'contact': 'alice',
            'id': '2001',
            'idle_since': agents[0]['idle_since'],
            'state': 'waiting',
            'status': 'logged_in',
        }
    ]
    queues = next(answer for line, answer in by_line.items() if line.endswith('/api/queues'))
    assert queues == [
        {'id': 'sales', 'agents': ['2001'], 'agent_wrapup_time': 5, 'max_ring_time': 20}
    ]
    assert server.call('/api/SIPUser/alice')[0] == 404  # the last example deleted it
