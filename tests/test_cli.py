"""The `xivows` command (run against a database file of its own)."""
import json

import pytest
from click.testing import CliRunner

from xivows import cli, db
from xivows.auth import passwords
from xivows.models.accesswebservice import AccessWebService
from xivows.models.context import Context, ContextNumbers
from xivows.models.entity import Entity


@pytest.fixture
def run(tmp_path, monkeypatch):
    url = f'sqlite:///{tmp_path / "cli.db"}'
    monkeypatch.setenv('XIVOWS_DATABASE_URL', url)
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli.main, list(args), catch_exceptions=False)
    yield invoke
    db.bind(url)
    db.database.close()


def users():
    return {user.name: user for user in AccessWebService.select()}


def test_db_upgrade_is_idempotent(run):
    first = run('db', 'upgrade')
    assert first.exit_code == 0
    second = run('db', 'upgrade')
    assert second.exit_code == 0 and '0 migration' in second.output
    assert not Entity.select().exists()


def test_db_upgrade_wizard_seeds_an_empty_store_once(run):
    assert run('db', 'upgrade', '--wizard').exit_code == 0
    assert [e.name for e in Entity.select()] == ['xivo']
    assert {c.name for c in Context.select()} == {'default', 'from-extern', 'to-extern'}
    assert ContextNumbers.get((ContextNumbers.context == 'default')
                              & (ContextNumbers.type == 'user')).numberbeg == '1000'
    assert 'wizard' not in run('db', 'upgrade', '--wizard').output


def test_ws_user_add_prints_a_generated_password(run):
    result = run('ws-user', 'add', 'robot', '--acl', 'service/ipbx')
    assert result.exit_code == 0
    password = result.output.split('password: ')[1].strip()
    user = users()['robot']
    assert user.login == 'robot'
    assert password not in user.passwd and passwords.verify(user.passwd, password)
    assert json.loads(user.acl) == ['service/ipbx']


def test_ws_user_add_with_password_host_and_all_acl(run):
    result = run('ws-user', 'add', 'ops', '--password', 'given-pw', '--host', '10.0.0.0/8',
                 '--all-acl')
    assert result.exit_code == 0 and 'password:' not in result.output
    user = users()['ops']
    assert user.host == '10.0.0.0/8' and json.loads(user.acl) == ['*']


def test_host_only_user(run):
    result = run('ws-user', 'add', 'lan', '--no-password', '--host', '192.0.2.1')
    assert result.exit_code == 0
    user = users()['lan']
    assert user.login is None and user.passwd is None


@pytest.mark.parametrize('args', [
    ('--acl', 'no/such/section'),
    ('--host', 'not a host!'),
    ('--no-password',),
])
def test_ws_user_add_refusals(run, args):
    result = run('ws-user', 'add', 'bad', *args)
    assert result.exit_code != 0
    assert 'bad' not in users()


def test_ws_user_add_twice_is_refused(run):
    run('ws-user', 'add', 'twice', '--password', 'pw-one')
    result = run('ws-user', 'add', 'twice', '--password', 'pw-two')
    assert result.exit_code != 0 and 'already exists' in result.output


def test_ws_user_list_and_delete(run):
    run('ws-user', 'add', 'alpha', '--password', 'alpha-pw', '--acl', 'cti')
    listing = run('ws-user', 'list').output
    assert 'alpha' in listing and 'acl=cti' in listing and 'alpha-pw' not in listing
    assert run('ws-user', 'delete', 'alpha').exit_code == 0
    assert 'alpha' not in users()
    assert run('ws-user', 'delete', 'alpha').exit_code != 0


def test_acl_sections_lists_the_services(run):
    output = run('acl-sections').output.split()
    assert 'service/ipbx/pbx_settings/users' in output
    assert 'xivo/configuration/check' in output
