"""The `xivows` command (run against a database file of its own)."""

import contextlib
import json
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from xivows import cli, db
from xivows.auth import passwords
from xivows.models.accesswebservice import AccessWebService
from xivows.models.context import Context, ContextNumbers
from xivows.models.entity import Entity


@pytest.fixture
def new_store(tmp_path, monkeypatch):
    """`xivows ...` on a database file that does not exist yet."""
    url = f'sqlite:///{tmp_path / "cli.db"}'
    monkeypatch.setenv('XIVOWS_DATABASE_URL', url)
    monkeypatch.setenv('XIVOWS_CONFIG', '')
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli.main, list(args), catch_exceptions=False)

    yield invoke
    db.bind(url)
    db.database.close()


@pytest.fixture
def run(new_store):
    """`xivows ...` on a store created by `xivows db upgrade`."""
    assert new_store('db', 'upgrade').exit_code == 0
    return new_store


def users():
    return {user.name: user for user in AccessWebService.select()}


def test_db_upgrade_is_idempotent(new_store):
    first = new_store('db', 'upgrade')
    assert first.exit_code == 0 and '0 migration' not in first.output
    second = new_store('db', 'upgrade')
    assert second.exit_code == 0 and '0 migration' in second.output
    assert not Entity.select().exists()


def test_db_upgrade_wizard_seeds_an_empty_store_once(new_store):
    run = new_store
    assert run('db', 'upgrade', '--wizard').exit_code == 0
    assert [e.name for e in Entity.select()] == ['xivo']
    assert {c.name for c in Context.select()} == {'default', 'from-extern', 'to-extern'}
    assert (
        ContextNumbers.get(
            (ContextNumbers.context == 'default') & (ContextNumbers.type == 'user')
        ).numberbeg
        == '1000'
    )
    again = run('db', 'upgrade', '--wizard').output
    assert again.endswith(
        'wizard configuration not created: the store holds entities or contexts\n'
    )
    assert [e.name for e in Entity.select()] == ['xivo']


def test_ws_user_add_prints_a_generated_password(run):
    result = run('ws-user', 'add', 'robot', '--acl', 'service/ipbx')
    assert result.exit_code == 0
    password = result.output.split('password: ')[1].strip()
    user = users()['robot']
    assert user.login == 'robot'
    assert password not in user.passwd and passwords.verify(user.passwd, password)
    assert json.loads(user.acl) == ['service/ipbx']


def test_ws_user_add_with_password_host_and_all_acl(run):
    result = run(
        'ws-user', 'add', 'ops', '--password', 'given-pw', '--host', '10.0.0.0/8', '--all-acl'
    )
    assert result.exit_code == 0 and 'password:' not in result.output
    user = users()['ops']
    assert user.host == '10.0.0.0/8' and json.loads(user.acl) == ['*']


def test_host_only_user(run):
    result = run('ws-user', 'add', 'lan', '--no-password', '--host', '192.0.2.1')
    assert result.exit_code == 0
    user = users()['lan']
    assert user.login is None and user.passwd is None


@pytest.mark.parametrize(
    'args',
    [
        ('--acl', 'no/such/section'),
        ('--host', 'not a host!'),
        ('--no-password',),
    ],
)
def test_ws_user_add_refusals(run, args):
    result = run('ws-user', 'add', 'bad', *args)
    assert result.exit_code != 0
    assert 'bad' not in users()


@pytest.mark.parametrize(
    'login,reason',
    [
        # HTTP Basic ends the user at the first colon: such a login could never log in
        ('bad:login', 'login: must not contain ":"'),
        (' padded', 'login: must not contain ":"'),
        ('x' * 65, 'login: must be at most 64 characters'),
    ],
)
def test_ws_user_add_refuses_logins_that_cannot_log_in(run, login, reason):
    result = run('ws-user', 'add', login, '--password', 'good-pw')
    assert result.exit_code != 0
    assert reason in result.output
    assert login not in users()


def test_ws_user_add_refuses_a_login_another_user_has(run):
    # a host-only user is named, without a login; a /v1 user's login may differ
    # from its name: the login is what Basic presents, one user per login
    assert run('ws-user', 'add', 'lan', '--no-password', '--host', '192.0.2.1').exit_code == 0
    run('ws-user', 'add', 'first', '--password', 'first-pw')
    AccessWebService.update(name='renamed').where(AccessWebService.name == 'first').execute()
    result = run('ws-user', 'add', 'first', '--password', 'other-pw')
    assert result.exit_code != 0 and 'login: already used: first' in result.output


def test_a_write_committed_meanwhile_by_another_process_does_not_fail_a_command(
    run, tmp_path, monkeypatch
):
    # `xivows serve`'s worker writes the store all the time: a command that read
    # in a deferred transaction, then wrote, failed at once ("database is
    # locked") when the worker had committed in between. Commands take the
    # write lock first, as requests do: the other writer waits instead.
    other = sqlite3.connect(tmp_path / 'cli.db', timeout=0)
    hash_password = passwords.hash_password

    def hash_while_another_process_writes(password):
        with contextlib.suppress(sqlite3.OperationalError):  # it may have to wait
            other.execute("UPDATE accesswebservice SET description = 'x' WHERE 0")
            other.execute('CREATE TABLE IF NOT EXISTS meanwhile (id INTEGER)')
            other.commit()
        return hash_password(password)

    monkeypatch.setattr(passwords, 'hash_password', hash_while_another_process_writes)
    result = run('ws-user', 'add', 'busy', '--password', 'busy-pw')
    other.close()
    assert result.exit_code == 0, result.output
    assert 'busy' in users()


@pytest.mark.parametrize(
    'args,message',
    [
        (('a:b', '--password', 'pw'), 'Error: login: must not contain ":"'),
        (('', '--password', 'pw'), 'Error: a web-service user needs a name (LOGIN)'),
        (('', '--no-password', '--host', '192.0.2.1'), 'Error: a web-service user needs a name'),
        (('empty', '--password', ''), "Invalid value for '--password': must not be empty"),
    ],
)
def test_ws_user_add_refuses_a_user_that_could_never_log_in(run, args, message):
    result = run('ws-user', 'add', *args)
    assert result.exit_code != 0 and message in result.output, result.output
    assert users() == {}


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


@pytest.fixture
def registered():
    """A command group of another module, registered as xivows.cli does it."""
    import click
    from flask import current_app

    from xivows import settings

    @click.group('probe')
    def probe():
        """A test group."""

    @probe.command('show')
    def show():
        click.echo(f'{current_app.config["SERVER_ADDRESS"]} {settings.get("SERVER_ADDRESS")}')

    cli.main.add_command(probe)  # the one line
    yield
    cli.main.commands.pop('probe')


def test_a_registered_group_runs_inside_the_app_on_a_checked_store(
    new_store, registered, monkeypatch
):
    monkeypatch.setenv('XIVOWS_SERVER_ADDRESS', '192.0.2.7')
    refused = new_store('probe', 'show')
    assert refused.exit_code == 1 and 'run `xivows db upgrade`' in refused.output
    assert new_store('db', 'upgrade').exit_code == 0
    shown = new_store('probe', 'show', '-v')
    assert shown.exit_code == 0
    assert shown.stdout == '192.0.2.7 192.0.2.7\n'
    assert 'database: ' in shown.stderr


def test_help_needs_no_store(new_store):
    for args in (('--help',), ('ws-user', '--help'), ('cel', 'import', '--help'), ('ws-user',)):
        result = new_store(*args)
        assert result.exit_code in (0, 2) and 'Usage:' in result.output, args


def test_command_modules_do_not_import_the_cli():
    code = (
        'import sys, xivows.commands.cel, xivows.commands.devices; '
        'print("xivows.cli" in sys.modules)'
    )
    assert (
        subprocess.run(
            [sys.executable, '-c', code], capture_output=True, text=True, check=True
        ).stdout
        == 'False\n'
    )
