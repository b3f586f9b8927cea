"""`xivows api-client ...` against the test database, inside the test's transaction."""

import json

import pytest

from tests.helpers.fixtures import make_entity
from tests.helpers.scenarios import unchanged_store
from xivows import cli
from xivows.models.api_client import ApiClient
from xivows.resources.api_clients import service


@pytest.fixture
def run(runner, database_url, monkeypatch):
    monkeypatch.setenv('XIVOWS_DATABASE_URL', database_url)
    make_entity('acme')

    def invoke(*args):
        return runner.invoke(cli.main, list(args), catch_exceptions=False)

    return invoke


def test_add_prints_the_credentials_that_work(run):
    result = run('api-client', 'add', 'crm', '--entity', 'acme')
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split(': ')[0] for line in lines] == ['client_id', 'client_secret']
    client_id, secret = (line.split(': ', 1)[1] for line in lines)
    assert service.authenticate(client_id, secret).name == 'crm'
    assert ApiClient.get().client_id == client_id


def test_add_json(run):
    result = run('api-client', 'add', 'crm', '--entity', 'acme', '--json')
    document = json.loads(result.output)
    assert set(document) == {'name', 'entity', 'client_id', 'client_secret'}
    assert service.authenticate(document['client_id'], document['client_secret']) is not None


def test_list_never_shows_secrets(run):
    secret = json.loads(run('api-client', 'add', 'crm', '--entity', 'acme', '--json').output)[
        'client_secret'
    ]
    listed = run('api-client', 'list')
    assert listed.output.startswith('crm\tentity=acme\tclient_id=')
    assert secret not in listed.output
    rows = json.loads(run('api-client', 'list', '--json').output)
    assert [(row['name'], row['entity']) for row in rows] == [('crm', 'acme')]


def test_refusals_change_nothing(run):
    run('api-client', 'add', 'crm', '--entity', 'acme')
    with unchanged_store():
        for args, reason in [
            (('add', 'crm', '--entity', 'acme'), 'already exists'),
            (('add', 'other', '--entity', 'nobody'), 'no such entity'),
            (('delete', 'nobody'), 'no such application'),
        ]:
            result = run('api-client', *args)
            assert result.exit_code != 0 and reason in result.output


def test_delete(run):
    run('api-client', 'add', 'crm', '--entity', 'acme')
    result = run('api-client', 'delete', 'crm')
    assert result.exit_code == 0 and not ApiClient.select().exists()
