"""End to end against a real `xivows serve` with its background worker, on a store
of its own (SQLite and PostgreSQL): the README's curl examples run verbatim, and a
callback receiver sees exactly one distinct event id per agent login change, in
order, across a restart of the server. Every wait is bounded."""

import concurrent.futures
import json
import os
import shutil
import time
import urllib.request

import pytest

from tests.conftest import _drop_postgresql_database, _postgresql_database
from tests.helpers import readme_script as readme
from tests.helpers import served
from tests.helpers.fixtures import make_context
from tests.helpers.receiver import Receiver
from xivows import db
from xivows.db import database
from xivows.models.agent import AgentFeatures
from xivows.models.outbox import AgentCallback, OutboxEvent

SECTION = 'Queues, agents and event callbacks'
README_HOST = 'http://127.0.0.1:8000'


def _wait(condition, timeout=30.0, what='condition'):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f'timed out waiting for {what}')
        time.sleep(0.05)


class Site:
    def __init__(self, url, env):
        self.url, self.env = url, env
        self.server = served.Server(env, workers=1)

    def store(self):
        db.bind(self.url)
        database.connect(reuse_if_open=True)
        return database

    def read(self, function):
        self.store()
        try:
            return function()
        finally:
            database.close()


@pytest.fixture(scope='module', params=['sqlite', 'postgresql'])
def site(request, tmp_path_factory):
    cleanup = None
    if request.param == 'sqlite':
        url = f'sqlite:///{tmp_path_factory.mktemp("callqueue") / "served.db"}'
    else:
        base_url = request.getfixturevalue('postgresql_url')
        url, name = _postgresql_database(base_url)
        cleanup = (base_url, name)
    env = dict(os.environ, XIVOWS_DATABASE_URL=url)
    env.update(
        {
            f'XIVOWS_{key}': value
            for key, value in (
                ('CALLBACK_ALLOWED_NETWORKS', '127.0.0.1/32'),
                ('CALLBACK_BACKOFF_INITIAL', '0.2'),
                ('CALLBACK_BACKOFF_MAX', '0.5'),
                ('CALLBACK_TIMEOUT', '2'),
                ('WORKER_LEASE_SECONDS', '2'),
                ('LOG_LEVEL', 'WARNING'),
            )
        }
    )
    served.xivows(env, 'db', 'upgrade')
    site = Site(url, env)
    site.store()
    with database.atomic():
        make_context(
            'acme', entity='acme', ranges={'user': [('100', '199')], 'queue': [('300', '399')]}
        )
        make_context('acme-out', entity='acme', contexttype='outcall')
    database.close()
    created = json.loads(
        served.xivows(env, 'api-client', 'add', 'crm', '--entity', 'acme', '--json').stdout
    )
    site.client_id, site.client_secret = created['client_id'], created['client_secret']
    site.server.start()
    yield site
    site.server.stop()
    if cleanup:
        db.open_database(url).close_all()
        _drop_postgresql_database(*cleanup)


def _token(site):
    request = urllib.request.Request(
        site.server.base + '/api/ver1.0/oauth/token',
        data=json.dumps(
            {
                'grant_type': 'client_credentials',
                'client_id': site.client_id,
                'client_secret': site.client_secret,
            }
        ).encode(),
        headers={'Content-Type': 'application/json'},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())['access_token']


def _send(site, token, method, path, body):
    request = urllib.request.Request(
        site.server.base + '/api/ver1.0' + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={'Authorization': f'Bearer {token}', 'Content-Type': 'application/json'},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_readme_examples_run_as_written(site):
    assert shutil.which('curl'), 'curl is needed (the CI installs it)'
    script = '\n'.join(readme.blocks(SECTION))
    first = readme.blocks(SECTION)[0]
    written_id = first.split('CLIENT_ID=')[1].split('\n')[0]
    written_secret = first.split('CLIENT_SECRET=')[1].split('\n')[0]
    runnable = readme.substituted(
        script,
        {
            README_HOST: site.server.base,
            written_id: site.client_id,
            written_secret: site.client_secret,
        },
    )
    stdout, _ = readme.run(runnable, env=readme.environment())
    printed = readme.printed_outputs(stdout)
    expected = readme.expected_outputs(script)
    assert len(printed) == len(expected), (printed, expected)
    for shown, answered in zip(expected, printed):
        if shown is not None:
            assert answered == shown


def test_one_event_id_per_change_in_order_across_a_restart(site):
    token = _token(site)
    with Receiver() as receiver:
        receiver.answers.extend([503] * 100000)  # refused until the restart
        phone = _created(site, token, '/client/@me/extension/', {'name': '150', 'type': 'phone'})
        agent = _created(site, token, '/client/@me/agent/local/', {'extension_id': phone['id']})
        base = f'/client/@me/agent/local/{agent["id"]}'
        for event_type, method in (('agent-login', 'GET'), ('agent-logout', 'POST')):
            status, _ = _send_json(
                site,
                token,
                'POST',
                f'{base}/event/',
                {
                    'url': receiver.url(f'/{event_type}?from=xivows'),
                    'event_type': event_type,
                    'method': method,
                },
            )
            assert status == 201
        for wanted in ('available', 'logged_out', 'available'):
            assert _send_json(site, token, 'PUT', base, {'status': wanted})[0] == 200
        _wait(lambda: len(receiver.requests) >= 2, what='refused deliveries')
        site.server.stop()
        receiver.answers.clear()  # from now on: 200
        site.server.start()
        token = _token(site)
        assert _send_json(site, token, 'PUT', base, {'status': 'logged_out'})[0] == 200
        stored = _wait(lambda: _delivered(site, agent['id'], 4), what='four events delivered')
    ids = list(dict.fromkeys(receiver.event_ids()))
    assert len(ids) == 4  # exactly one distinct event id per change
    assert sorted(ids) == sorted(uuid for uuid, _ in stored)
    for path in ('/agent-login', '/agent-logout'):
        seen = list(
            dict.fromkeys(
                request.event_id for request in receiver.requests if request.path == path
            )
        )
        assert seen == [uuid for uuid, event_type in stored if f'/{event_type}' == path]
    logins = [request for request in receiver.requests if request.path == '/agent-login']
    assert ('agent_status', 'available') in logins[-1].query
    assert ('from', 'xivows') in logins[-1].query
    assert ('extension_name', '150@acme') in logins[-1].query
    logouts = [request for request in receiver.requests if request.path == '/agent-logout']
    assert logouts[-1].method == 'POST'
    assert ('agent_status', 'logged_out') in logouts[-1].form


def _send_json(site, token, method, path, body=None):
    status, _, answer = _send(site, token, method, path, body)
    return status, (json.loads(answer) if answer else None)


def _created(site, token, path, body):
    """The answer of a POST that must create (201)."""
    status, answer = _send_json(site, token, 'POST', path, body)
    assert status == 201, answer
    return answer


def _delivered(site, agent_id, count):
    """[(event id, event type)] of the agent's events in creation order, once
    `count` are delivered."""

    def read():
        rows = list(
            OutboxEvent.select(OutboxEvent.uuid, OutboxEvent.event_type, OutboxEvent.state)
            .join(AgentCallback)
            .where(AgentCallback.agent == agent_id)
            .order_by(OutboxEvent.id)
            .tuples()
        )
        if len(rows) == count and all(state == 'delivered' for _, _, state in rows):
            return [(uuid, event_type) for uuid, event_type, _ in rows]
        return None

    return site.read(read)


def test_agents_created_at_once_all_get_a_number(site):
    """Integrators provision in parallel: agents created at the same time each get
    a free number (xivows chooses it), none is refused for a number it did not send."""
    token = _token(site)

    def create(index):
        return _send_json(
            site, token, 'POST', '/client/@me/agent/remote/', {'number': f'5550{index:03d}'}
        )

    with concurrent.futures.ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(create, range(24)))
    assert [status for status, _ in answers] == [201] * 24, answers
    ids = [agent['id'] for _, agent in answers]
    numbers = site.read(
        lambda: [
            number
            for (number,) in AgentFeatures.select(AgentFeatures.number)
            .where(AgentFeatures.id.in_(ids))
            .tuples()
        ]
    )
    assert len(set(numbers)) == 24


def test_a_race_lost_is_a_conflict(site):
    """Agents logged in at once on one phone: one wins, the others get the 409
    their checks give once the winner committed (never a 400 for a well-formed
    request). Agents added at once to a queue, each at position 1: the positions
    stay a ring order (1, 2, 3...)."""
    token = _token(site)
    phone = _created(site, token, '/client/@me/extension/', {'name': '160', 'type': 'phone'})
    queue = _created(site, token, '/client/@me/extension/', {'name': '360', 'type': 'queue'})
    agents = []
    for _ in range(8):
        agent = _created(site, token, '/client/@me/agent/local/', {'extension_id': phone['id']})
        agents.append(agent['id'])

    def login(agent_id):
        return _send_json(
            site, token, 'PUT', f'/client/@me/agent/local/{agent_id}', {'status': 'available'}
        )

    def add(agent_id):
        return _send_json(
            site,
            token,
            'POST',
            f'/extension/{queue["id"]}/queue/agents/local/',
            {'agent_id': agent_id, 'position': 1},
        )

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(login, agents))
    assert sorted(status for status, _ in answers) == [200] + [409] * 7, answers
    assert all(answer['error'] == 'conflict' for status, answer in answers if status == 409)
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(add, agents))
    assert [status for status, _ in answers] == [201] * 8, answers
    status, members = _send_json(
        site, token, 'GET', f'/extension/{queue["id"]}/queue/agents/local/'
    )
    assert sorted(member['agent_id'] for member in members) == sorted(agents)
    assert [member['position'] for member in members] == list(range(1, 9)), members


def test_one_agent_changed_at_once_answers_as_one_after_the_other(site):
    """Remote agents created at once with one external number: one has it, the
    others are refused naming `number`. One agent logged in and out at once by
    several requests: each is answered (200), as it would be one at a time."""
    token = _token(site)

    def remote(_):
        return _send_json(site, token, 'POST', '/client/@me/agent/remote/', {'number': '5559999'})

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(remote, range(8)))
    assert sorted(status for status, _ in answers) == [201] + [400] * 7, answers
    assert all(
        answer['error_description'].startswith('number: ')
        for status, answer in answers
        if status == 400
    ), answers
    phone = _created(site, token, '/client/@me/extension/', {'name': '170', 'type': 'phone'})
    agent = _created(site, token, '/client/@me/agent/local/', {'extension_id': phone['id']})

    def toggle(index):
        wanted = 'available' if index % 2 else 'logged_out'
        return _send_json(
            site, token, 'PUT', f'/client/@me/agent/local/{agent["id"]}', {'status': wanted}
        )

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(toggle, range(16)))
    assert [status for status, _ in answers] == [200] * 16, answers
