"""`xivows api-client ...`: applications of the seed-003 API (OAuth 2 clients)."""

import json

import click

from xivows import transaction
from xivows.errors import ServiceError
from xivows.resources.api_clients import service


def _store():
    """The schema setup every `xivows` command runs first."""
    from xivows.cli import _upgraded  # late: xivows.cli registers this group

    return _upgraded()


def _write(function, *args):
    try:
        return transaction.run(function, *args)
    except ServiceError as exc:
        raise click.ClickException(exc.message) from None


@click.group('api-client')
def api_client():
    """Applications of the /api/ver1.0 API: a client id and secret exchanged for
    bearer tokens (OAuth 2 client credentials), acting for one entity."""


@api_client.command('add')
@click.argument('name')
@click.option('--entity', required=True, help='The entity (name or id) the application acts for.')
@click.option('--json', 'as_json', is_flag=True, help='Print a JSON object instead of lines.')
def api_client_add(name, entity, as_json):
    """Create an application; prints its client id and secret (the secret is shown
    only now: xivows keeps a digest of it)."""
    _store()
    created = _write(service.create, name, entity)
    client = created.client
    if as_json:
        click.echo(
            json.dumps(
                {
                    'name': client.name,
                    'entity': client.entity.name,
                    'client_id': client.client_id,
                    'client_secret': created.client_secret,
                }
            )
        )
    else:
        click.echo(f'client_id: {client.client_id}')
        click.echo(f'client_secret: {created.client_secret}')


@api_client.command('list')
@click.option('--json', 'as_json', is_flag=True, help='Print a JSON list.')
def api_client_list(as_json):
    """List applications: name, entity, client id (never the secret)."""
    _store()
    rows = [
        {'name': client.name, 'entity': client.entity.name, 'client_id': client.client_id}
        for client in service.list_clients()
    ]
    if as_json:
        click.echo(json.dumps(rows))
        return
    for row in rows:
        click.echo(f'{row["name"]}\tentity={row["entity"]}\tclient_id={row["client_id"]}')


@api_client.command('delete')
@click.argument('name')
def api_client_delete(name):
    """Delete an application and revoke its tokens."""
    _store()
    _write(service.delete, name)
    click.echo(f'application {name} deleted')
