"""The `xivows` command: database, web-service users, devices, serving."""
import sys

import click

from xivows import config as configuration
from xivows import db, dialects, migrations, wiring, wsusers
from xivows.auth import acl
from xivows.commands import cel as cel_commands
from xivows.commands import devices as device_commands
from xivows.errors import ServiceError


def _database():
    settings = configuration.load()
    return db.bind(settings['DATABASE_URL'], settings['DATABASE_POOL_SIZE'])


def _upgraded():
    """Every command works on an up-to-date schema (and knows every ACL section)."""
    wiring.wire()
    dialects.register_sections()
    database = _database()
    migrations.upgrade()
    return database


@click.group()
def main():
    """xivows: the legacy XiVO web services."""


@main.group('db')
def db_group():
    """The store."""


@db_group.command('upgrade')
@click.option('--wizard', is_flag=True,
              help='Also create what a XiVO had after its install wizard (an entity '
                   'and the contexts default, from-extern, to-extern) if the store is empty.')
def db_upgrade(wizard):
    """Create the database or bring it to the current schema."""
    _database()
    applied = migrations.upgrade()
    click.echo(f'schema up to date ({len(applied)} migration(s) applied)')
    if wizard:
        from xivows.migrations import wizard as wizard_seed
        with db.database.atomic():
            if wizard_seed.seed():
                click.echo('wizard configuration created')


@main.group('ws-user')
def ws_user():
    """Web-service users (HTTP Basic login and/or allowed host, with an ACL)."""


@ws_user.command('add')
@click.argument('login')
@click.option('--password', help='Password (generated and printed when omitted).')
@click.option('--no-password', is_flag=True,
              help='Host-only user: identified by --host alone, LOGIN is just its name.')
@click.option('--host', help='Allowed client: IPv4/IPv6 address, network or host name.')
@click.option('--acl', 'grants', multiple=True,
              help='Granted section, e.g. service/ipbx/pbx_settings/users or service/ipbx.')
@click.option('--all-acl', is_flag=True, help='Grant every section.')
@click.option('--description', default='')
def ws_user_add(login, password, no_password, host, grants, all_acl, description):
    """Create a web-service user."""
    _upgraded()
    if all_acl:
        grants = (acl.ALL,)
    generated = None
    if no_password:
        if password:
            raise click.UsageError('--password and --no-password exclude each other')
        if not host:
            raise click.UsageError('a host-only user needs --host')
    elif not password:
        password = generated = wsusers.generate_password()
    try:
        with db.database.atomic():
            wsusers.create(login, login=None if no_password else login,
                           password=password, host=host, grants=grants,
                           description=description)
    except ServiceError as exc:
        raise click.ClickException(exc.message)
    click.echo(f'web-service user {login} created')
    if generated:
        click.echo(f'password: {generated}')


@ws_user.command('list')
def ws_user_list():
    """List web-service users."""
    _upgraded()
    for user in wsusers.all_users():
        state = 'disabled' if user.disable else 'enabled'
        grants = ','.join(wsusers.grants_of(user)) or '-'
        click.echo(f'{user.name}\tlogin={user.login or "-"}\thost={user.host or "-"}'
                   f'\t{state}\tacl={grants}')


@ws_user.command('delete')
@click.argument('login')
def ws_user_delete(login):
    """Delete a web-service user."""
    _upgraded()
    try:
        with db.database.atomic():
            wsusers.delete(login)
    except ServiceError as exc:
        raise click.ClickException(exc.message)
    click.echo(f'web-service user {login} deleted')


@main.command('acl-sections')
def acl_sections():
    """List the ACL sections that can be granted."""
    dialects.register_sections()
    for section in acl.known_sections():
        click.echo(section)


@main.command('serve')
@click.option('--bind', help='HOST:PORT to listen on (default from config: 127.0.0.1:8000).')
@click.option('--workers', type=int, help='Number of worker processes.')
def serve(bind, workers):
    """Serve the web services with gunicorn (gevent workers)."""
    from xivows.server import exec_serve
    _upgraded()
    db.close_all()  # nothing of this process survives: it becomes the gunicorn master
    exec_serve(bind=bind, workers=workers)


main.add_command(device_commands.device)
main.add_command(cel_commands.cel)


if __name__ == '__main__':  # pragma: no cover
    sys.exit(main())
