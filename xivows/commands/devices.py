"""`xivows device ...`: the store's phones (there is no provisioning server)."""

import csv

import click

from xivows import transaction
from xivows.errors import ServiceError
from xivows.resources.devices import service
from xivows.resources.devices.inputs import DeviceInput
from xivows.resources.devices.schemas import FIELDS


def _write(function, *args):
    """Run a service write in one transaction; refusals become CLI errors."""
    try:
        return transaction.run(function, *args)
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
@click.option(
    '--status',
    type=click.Choice(['autoprov', 'not_configured']),
    help='Status while no line uses the device (default autoprov).',
)
def device_add(**given):
    """Add a device; prints its id."""
    click.echo(_write(service.create, DeviceInput(**given)))


@device.command('list')
def device_list():
    """List devices: id, MAC, IP, vendor, model, status and the line using it."""
    for listed in service.listed():
        device = listed.device
        line = (
            f'{listed.line[0] or ""}@{listed.line[1] or ""}'
            if listed.line and listed.line[1]
            else '-'
        )
        click.echo(
            f'{device.id}\tmac={device.mac}\tip={device.ip or "-"}'
            f'\tvendor={device.vendor or "-"}\tmodel={device.model or "-"}'
            f'\tstatus={listed.status}\tline={line}'
        )


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
            + (f' (unknown: {", ".join(unknown)})' if unknown else '')
        )
    reader.fieldnames = header
    for row in reader:
        if None in row:
            raise click.ClickException(f'line {reader.line_num}: more values than columns')
        yield (
            reader.line_num,
            {key: value for key, value in row.items() if value is not None and value.strip()},
        )


@device.command('import')
@click.argument('csv_file', type=click.File('r', encoding='utf-8-sig'))
def device_import(csv_file):
    """Add the devices of a CSV file (a header line naming the columns, e.g.
    mac,ip,vendor,model); all of them or, on any error, none. Prints the ids."""
    try:
        rows = list(_csv_rows(csv_file))
    except (csv.Error, UnicodeDecodeError) as exc:
        raise click.ClickException(f'unreadable CSV: {exc}') from None
    ids = _write(
        service.import_devices, [(line_number, DeviceInput(**row)) for line_number, row in rows]
    )
    for device_id in ids:
        click.echo(device_id)
    click.echo(f'{len(ids)} device(s) imported', err=True)
