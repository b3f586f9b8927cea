"""Devices (phones). There is no provisioning server: devices live in the store,
operators add, import and delete them with `xivows device`, json.php reads them
and lines refer to them by id (`linefeatures.device`)."""

import json
import uuid
from dataclasses import dataclass

from marshmallow import ValidationError
from peewee import chunked

from xivows.errors import InUse, InvalidInput
from xivows.models.device import Device
from xivows.resources import lookup
from xivows.resources.devices import queries
from xivows.resources.devices.inputs import DeviceInput
from xivows.resources.devices.schemas import (
    CONFIGURED,
    DEFAULT_OPTIONS,
    FIELDS,
    MacAddress,
    device_schema,
)
from xivows.resources.lines.queries import entities_by_context
from xivows.schemas import load


@dataclass
class Listed:
    """A device with the line using it: (number, context), None when free, and
    the display name of that context's entity ("" when none)."""

    device: Device
    line: tuple[str, str] | None
    entity_displayname: str = ''

    @property
    def status(self) -> str:
        return status(self.device, self.line)


def status(device: Device, line: tuple[str, str] | None) -> str:
    """`configured` while a line uses the device, else its stored status."""
    return CONFIGURED if line is not None else (device.status or 'autoprov')


def options(device: Device) -> dict:
    try:
        value = json.loads(device.options or '{}')
    except ValueError:
        value = {}
    return value if isinstance(value, dict) else {}


def get(device_id: str) -> Device:
    return lookup.found(queries.find(device_id), 'device', device_id)


def by_mac(mac: str, where: str = 'mac') -> Device:
    """The device of a MAC address (any case and separators); InvalidInput
    naming `where` when it is not one, or no device has it."""
    try:
        normalized = MacAddress().deserialize(mac)
    except ValidationError as error:
        raise InvalidInput(f'{where}: {error.messages[0]}') from None
    device = queries.find_by_mac(normalized)
    if device is None:
        raise InvalidInput(f'{where}: no such device: {normalized}')
    return device


def exists(device_id: str) -> bool:
    return queries.find(device_id) is not None


def line_using(device: Device) -> tuple[str, str] | None:
    """(number, context) of the line using the device, or None."""
    line = queries.line_of(device.id)
    return (line.number, line.context) if line else None


def listed(term: str | None = None) -> list[Listed]:
    """Every device (those whose fields contain `term` when given), with the
    line using it, in a constant number of queries."""
    devices = list(queries.search(term) if term else queries.all_devices())
    if not devices:
        return []
    lines = queries.lines_by_device()
    displaynames = {}
    if any(device.id in lines for device in devices):
        displaynames = {
            context: row['displayname'] for context, row in entities_by_context().items()
        }
    return [
        Listed(
            device,
            lines.get(device.id),
            displaynames.get(lines[device.id][1], '') if device.id in lines else '',
        )
        for device in devices
    ]


def _new_row(values: dict) -> dict:
    return {'id': uuid.uuid4().hex, 'options': json.dumps(DEFAULT_OPTIONS), **values}


def create(device: DeviceInput) -> str:
    """A new device; its id."""
    values = load(device_schema, device.given())
    if queries.find_by_mac(values['mac']) is not None:
        raise InvalidInput(f'mac: already used: {values["mac"]}')
    return Device.create(**_new_row(values)).id


def edit(device_id: str, changes: DeviceInput) -> None:
    """Merge: the fields given change (validated as an add), the others stay."""
    device = get(device_id)
    stored = {name: getattr(device, name) for name in FIELDS}
    values = load(device_schema, {**stored, **changes.given()})
    if values['mac'] != device.mac:
        other = queries.find_by_mac(values['mac'])
        if other is not None:
            raise InvalidInput(f'mac: already used: {values["mac"]}')
    for key, value in values.items():
        setattr(device, key, value)
    device.save()


def import_devices(rows: list[tuple[int, DeviceInput]]) -> list[str]:
    """Devices from (line number, input) rows, all or none: every row is
    validated (and MACs checked unique) before the first write. Returns the ids."""
    loaded, seen = [], {}
    for line_number, device in rows:
        try:
            values = load(device_schema, device.given())
        except InvalidInput as error:
            raise InvalidInput(f'line {line_number}: {error.message}') from None
        if values['mac'] in seen:
            raise InvalidInput(
                f'line {line_number}: mac: already on line {seen[values["mac"]]}: {values["mac"]}'
            )
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


def delete(device_id: str) -> None:
    """Refused while a line uses the device (no dangling `linefeatures.device`)."""
    device = get(device_id)
    line = queries.line_of(device.id)
    if line is not None:
        raise InUse(f'device is used by line {line.id} ({line.number}@{line.context})')
    device.delete_instance()
