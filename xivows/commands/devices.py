"""`xivows device ...`: the store's phones (there is no provisioning server)."""
import csv

import click

from xivows import db
from xivows.errors import ServiceError
from xivows.resources.devices import service
from xivows.resources.devices.schemas import FIELDS


def _write(function, *args):
    """Run a service write in one transaction; refusals become CLI errors."""
    try:
        with db.database.atomic():
            return function(*args)
    except ServiceError as exc:
        raise click.ClickException(exc.message) from None


@click.group('device')
def device():
    """Devices (phones) that lines can use."""


@device.command('add')
@click.option('--mac', required=True, help='MAC address, e.g. 00:08:5d:23:74:29.')
@click.option('--ip', help='IPv4 or IPv6 address.')
@click.option('--vendor')
@click.option('--model')
@click.option('--plugin', help='Provisioning plugin, e.g. xivo-aastra-3.2.2.1136.')
@click.option('--version', help='Firmware version.')
@click.option('--sn', help='Serial number.')
@click.option('--description')
@click.option('--template-id', help='Configuration template id.')
@click.option('--status', type=click.Choice(['autoprov', 'not_configured']),
              help='Status while no line uses the device (default autoprov).')
def device_add(**given):
    """Add a device; prints its id."""
    document = {key: value for key, value in given.items() if value is not None}
    click.echo(_write(service.create, document))


@device.command('list')
def device_list():
    """List devices: id, MAC, IP, vendor, model, status and the line using it."""
    for item in service.list_items():
        line = f'{item["number"]}@{item["context"]}' if item['context'] else '-'
        click.echo(f'{item["id"]}\tmac={item["mac"]}\tip={item["ip"] or "-"}'
                   f'\tvendor={item["vendor"] or "-"}\tmodel={item["model"] or "-"}'
                   f'\tstatus={item["status"]}\tline={line}')


@device.command('delete')
@click.argument('device_id')
def device_delete(device_id):
    """Delete a device (refused while a line uses it)."""
    _write(service.delete, device_id)
    click.echo(f'device {device_id} deleted')


def _csv_rows(stream):
    reader = csv.DictReader(stream)
    header = [name.strip().replace('-', '_') for name in reader.fieldnames or ()]
    unknown = [name for name in header if name not in FIELDS]
    if unknown or 'mac' not in header:
        raise click.ClickException(
            f'the first line must name the columns: mac and any of {", ".join(FIELDS)}'
            + (f' (unknown: {", ".join(unknown)})' if unknown else ''))
    reader.fieldnames = header
    for row in reader:
        if None in row:
            raise click.ClickException(f'line {reader.line_num}: more values than columns')
        yield reader.line_num, {key: value for key, value in row.items()
                                if value is not None and value.strip()}


@device.command('import')
@click.argument('csv_file', type=click.File('r', encoding='utf-8-sig'))
def device_import(csv_file):
    """Add the devices of a CSV file (a header line naming the columns, e.g.
    mac,ip,vendor,model); all of them or, on any error, none. Prints the ids."""
    try:
        rows = list(_csv_rows(csv_file))
    except (csv.Error, UnicodeDecodeError) as exc:
        raise click.ClickException(f'unreadable CSV: {exc}') from None
    ids = _write(service.import_rows, rows)
    for device_id in ids:
        click.echo(device_id)
    click.echo(f'{len(ids)} device(s) imported', err=True)
