"""The `xivows` command: database, web-service users, devices, serving.

Every command runs inside the application (built by `xivows.create_app`, so it
reads the configuration exactly as the server does: `flask.current_app` and
`xivows.settings.get()` work) on a store that is there and up to date: a
missing or outdated one is refused with one line telling what to run. Only
`db upgrade` and `serve` create or migrate it (`needs_store = False`).

A command group of another module registers with one line at the end of this
file, `main.add_command(group)`: its commands get the same treatment (define
them before registering, as a module's import does). `-v` (before or after the
command) says which configuration file and database a command uses."""

import contextlib
import functools
import logging
import os
import sys

import click
import peewee
from flask.cli import ScriptInfo

from xivows import config as configuration
from xivows import config_checks, db, dialects, migrations, store_errors, transaction, wsusers
from xivows.auth import acl
from xivows.commands import api_clients as api_client_commands
from xivows.commands import asterisk as asterisk_commands
from xivows.commands import cel as cel_commands
from xivows.commands import devices as device_commands
from xivows.commands import events as event_commands
from xivows.commands import users as user_commands
from xivows.commands import worker as worker_commands
from xivows.errors import ServiceError


def _create_app():
    from xivows.app import create_app

    try:
        return create_app()
    except configuration.ConfigError as exc:
        raise click.ClickException(str(exc)) from None


@contextlib.contextmanager
def _reaching_the_database():
    """An unreachable database is one line, not a traceback."""
    try:
        yield
    except peewee.OperationalError as exc:
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise click.ClickException(f'database {db.describe()}: unreachable: {reason}') from None
    except peewee.DatabaseError as exc:
        if type(exc) is not peewee.DatabaseError:  # integrity, data, programming: bugs
            raise
        # SQLite's 'file is not a database', 'database disk image is malformed'
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise click.ClickException(f'database {db.describe()}: unusable: {reason}') from None


@contextlib.contextmanager
def _store_faults_said_once(command):
    """A database fault (a store gone, a write lock another process holds too
    long) ends a command with one line, as a refusal does: the ServiceError a
    transaction made of it, or one made here of a fault outside a transaction.
    store_errors' log line, meant for the server's log, would say it again: it
    is kept for long-running commands only (`xivows worker`: `keeps_log`)."""
    logger = store_errors.logger
    level = logger.level
    if not getattr(command, 'keeps_log', False):
        logger.setLevel(logging.ERROR)
    try:
        yield
    except (click.ClickException, click.exceptions.Exit, click.Abort):
        raise  # said already (its context may hold the database error it tells)
    except ServiceError as exc:  # a refusal or a fault no command caught
        raise click.ClickException(exc.message) from None
    except Exception as exc:
        mapped = store_errors.translate(exc)
        if mapped is None:
            raise
        raise click.ClickException(mapped.message) from None
    finally:
        logger.setLevel(level)


def _say_where(ctx):
    if ctx.find_root().meta.get('xivows.verbose'):
        click.echo(f'config file: {configuration.file_path() or "none (defaults)"}', err=True)
        click.echo(f'database: {db.describe()}', err=True)


def _in_app(callback):
    """A command's callback, run in the app context on a checked store."""

    @functools.wraps(callback)
    def run(*args, **kwargs):
        ctx = click.get_current_context()
        app = ctx.ensure_object(ScriptInfo).load_app()
        # libpq waits for an unreachable host as long as TCP does; the URL may say otherwise.
        os.environ.setdefault('PGCONNECT_TIMEOUT', '10')
        with app.app_context():
            _say_where(ctx)
            if getattr(ctx.command, 'needs_store', True):
                try:
                    with _reaching_the_database():
                        migrations.check_current()  # never creates a SQLite file
                except migrations.StoreNotReady as exc:
                    raise click.ClickException(str(exc)) from None
            with _store_faults_said_once(ctx.command):
                return callback(*args, **kwargs)

    run.xivows_in_app = True
    return run


def _verbose(ctx, _param, value):
    if value:
        ctx.find_root().meta['xivows.verbose'] = True


def _verbose_option():
    return click.Option(
        ['-v', '--verbose'],
        is_flag=True,
        expose_value=False,
        callback=_verbose,
        help='Say which configuration and database are used.',
    )


def _prepare(command):
    """Give `command` (and a group's commands) the app context and `-v`."""
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _prepare(sub)
        return
    if command.callback is not None and not getattr(command.callback, 'xivows_in_app', False):
        command.callback = _in_app(command.callback)
    if not any('-v' in param.opts for param in command.params):
        command.params.append(_verbose_option())


class _Group(click.Group):
    """Groups of `xivows`: the commands they get are prepared too."""

    def add_command(self, cmd, name=None):
        super().add_command(cmd, name)
        _prepare(cmd)


_Group.group_class = _Group


class _Main(_Group):
    def make_context(self, info_name, args, parent=None, **extra):
        # Flask's test runner passes its own app in `obj`.
        extra.setdefault('obj', ScriptInfo(create_app=_create_app, set_debug_flag=False))
        return super().make_context(info_name, args, parent=parent, **extra)


@click.group(cls=_Main)
@click.version_option(package_name='xivows', prog_name='xivows', message='%(prog)s %(version)s')
@click.option(
    '-v',
    '--verbose',
    is_flag=True,
    expose_value=False,
    callback=_verbose,
    is_eager=True,
    help='Say which configuration and database are used.',
)
def main():
    """xivows: the legacy XiVO web services."""


def _no_store(command):
    """The command creates or migrates the store (or needs none)."""
    command.needs_store = False
    return command


def _upgrade():
    """Create the database if needed and bring it to the current schema (under
    the upgrade lock); returns the versions applied."""
    path = db.sqlite_path()
    try:
        if path not in (None, ':memory:'):
            os.makedirs(os.path.dirname(path), exist_ok=True)
        with _reaching_the_database():
            return migrations.upgrade()
    except migrations.StoreNotReady as exc:  # a newer store
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(
            f'cannot create the database {path}: {exc.strerror} (set DATA_DIR or DATABASE_URL)'
        ) from None


def _upgraded():
    """Kept for command modules written before commands ran inside the app:
    every registered command now runs on a checked store; nothing to do."""
    return db.database


@main.group('db')
def db_group():
    """The store."""


@_no_store
@db_group.command('upgrade')
@click.option(
    '--wizard',
    is_flag=True,
    help='Also create what a XiVO had after its install wizard (an entity '
    'and the contexts default, from-extern, to-extern) if the store is empty.',
)
def db_upgrade(wizard):
    """Create the database or bring it to the current schema."""
    applied = _upgrade()
    click.echo(f'schema up to date ({len(applied)} migration(s) applied)')
    if wizard:
        from xivows.migrations import wizard as wizard_seed

        if transaction.run(wizard_seed.seed):
            click.echo('wizard configuration created')
        else:  # asked for, not done: say why
            click.echo('wizard configuration not created: the store holds entities or contexts')


@main.group('ws-user')
def ws_user():
    """Web-service users (HTTP Basic login and/or allowed host, with an ACL)."""


@ws_user.command('add')
@click.argument('login')
@click.option('--password', help='Password (generated and printed when omitted).')
@click.option(
    '--no-password',
    is_flag=True,
    help='Host-only user: identified by --host alone, LOGIN is just its name.',
)
@click.option('--host', help='Allowed client: IPv4/IPv6 address, network or host name.')
@click.option(
    '--acl',
    'grants',
    multiple=True,
    help='Granted section, e.g. service/ipbx/pbx_settings/users or service/ipbx.',
)
@click.option('--all-acl', is_flag=True, help='Grant every section.')
@click.option('--description', default='')
def ws_user_add(login, password, no_password, host, grants, all_acl, description):
    """Create a web-service user."""
    dialects.register_sections()  # a grant may name a dialect not enabled yet
    if all_acl:
        grants = (acl.ALL,)
    generated = None
    if password == '':
        raise click.BadParameter(
            'must not be empty (leave it out to have one generated)', param_hint="'--password'"
        )
    if no_password:
        if password:
            raise click.UsageError('--password and --no-password exclude each other')
        if not host:
            raise click.UsageError('a host-only user needs --host')
    elif not password:
        password = generated = wsusers.generate_password()
    try:
        transaction.run(
            wsusers.create,
            login,
            login=None if no_password else login,
            password=password,
            host=host,
            grants=grants,
            description=description,
        )
    except ServiceError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f'web-service user {login} created')
    if generated:
        click.echo(f'password: {generated}')


@ws_user.command('list')
def ws_user_list():
    """List web-service users."""
    for user in wsusers.all_users():
        state = 'disabled' if user.disable else 'enabled'
        grants = ','.join(wsusers.grants_of(user)) or '-'
        click.echo(
            f'{user.name}\tlogin={user.login or "-"}\thost={user.host or "-"}'
            f'\t{state}\tacl={grants}'
        )


@ws_user.command('delete')
@click.argument('login')
def ws_user_delete(login):
    """Delete a web-service user."""
    try:
        transaction.run(wsusers.delete, login)
    except ServiceError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f'web-service user {login} deleted')


@_no_store
@main.command('acl-sections')
def acl_sections():
    """List the ACL sections that can be granted."""
    dialects.register_sections()  # every dialect's, enabled or not
    for section in acl.known_sections():
        click.echo(section)


@_no_store
@main.command('serve')
@click.option('--bind', help='HOST:PORT to listen on (default from config: 127.0.0.1:8000).')
@click.option('--workers', type=click.IntRange(min=1), help='Number of worker processes.')
def serve(bind, workers):
    """Serve the web services with gunicorn (gevent workers), upgrading the schema first,
    and the background worker beside it (a process of its own) unless WORKER is false."""
    from xivows import settings
    from xivows.server import exec_serve

    if bind is not None:
        try:
            config_checks.check('BIND', bind)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="'--bind'") from None
    for key in ('TLS_CERT', 'TLS_KEY'):
        # gunicorn would say it with a traceback, after the upgrade
        if settings.get(key) and not os.path.isfile(settings.get(key)):
            raise click.ClickException(f'{key}: no such file: {settings.get(key)}')
    _upgrade()
    db.close_all()  # nothing of this process survives: it becomes the gunicorn master
    exec_serve(bind=bind, workers=workers)


main.add_command(device_commands.device)
main.add_command(cel_commands.cel)
main.add_command(api_client_commands.api_client)
main.add_command(event_commands.events)
main.add_command(asterisk_commands.asterisk)
main.add_command(worker_commands.worker)
main.add_command(user_commands.users)


if __name__ == '__main__':  # pragma: no cover
    sys.exit(main())
