"""Devices (phones). There is no provisioning server: devices live in the store,
operators add, import and delete them with `xivows device`, json.php reads them
and lines refer to them by id (`linefeatures.device`)."""
import json
import uuid

from peewee import chunked

from xivows.errors import InUse, InvalidInput, NotFound
from xivows.models.device import Device
from xivows.resources.devices import queries
from xivows.resources.devices.schemas import DEFAULT_OPTIONS, device_schema, device_view, list_item
from xivows.resources.lines.queries import entities_by_context
from xivows.schemas import load


def get(device_id):
    device = queries.find(device_id)
    if device is None:
        raise NotFound.of('device', device_id)
    return device


def items(devices):
    """List/search items, with a constant number of queries."""
    devices = list(devices)
    if not devices:
        return []
    lines = queries.lines_by_device()
    displaynames = {}
    if any(device.id in lines for device in devices):
        displaynames = {context: row['displayname']
                        for context, row in entities_by_context().items()}
    return [list_item(device, lines.get(device.id), displaynames) for device in devices]


def list_items(term=None):
    return items(queries.search(term) if term else queries.all_devices())


def view(device):
    line = queries.line_of(device.id)
    return device_view(device, (line.number, line.context) if line else None)


def _new_row(values):
    return {'id': uuid.uuid4().hex, 'options': json.dumps(DEFAULT_OPTIONS), **values}


def create(document):
    """A new device from {mac, ip, vendor, ...}; returns its id."""
    values = load(device_schema, document)
    if queries.find_by_mac(values['mac']) is not None:
        raise InvalidInput(f'mac: already used: {values["mac"]}')
    return Device.create(**_new_row(values)).id


def import_rows(rows):
    """Devices from (line number, {field: value}) rows, all or none: every row is
    validated (and MACs checked unique) before the first write. Returns the ids."""
    loaded, seen = [], {}
    for line_number, row in rows:
        try:
            values = load(device_schema, row)
        except InvalidInput as error:
            raise InvalidInput(f'line {line_number}: {error.message}') from None
        if values['mac'] in seen:
            raise InvalidInput(f'line {line_number}: mac: already on line '
                               f'{seen[values["mac"]]}: {values["mac"]}')
        seen[values['mac']] = line_number
        loaded.append(values)
    taken = queries.macs_in_use(seen)
    if taken:
        mac = min(taken, key=seen.get)
        raise InvalidInput(f'line {seen[mac]}: mac: already used: {mac}')
    new_rows = [_new_row(values) for values in loaded]
    for batch in chunked(new_rows, 100):
        Device.insert_many(batch).execute()
    return [row['id'] for row in new_rows]


def delete(device_id):
    """Refused while a line uses the device (no dangling `linefeatures.device`)."""
    device = get(device_id)
    line = queries.line_of(device.id)
    if line is not None:
        raise InUse(f'device is used by line {line.id} ({line.number}@{line.context})')
    device.delete_instance()
