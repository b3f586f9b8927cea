"""Devices: creation, validation, edition, import and deletion, with the typed
input (no HTTP)."""

import json

import pytest

from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import unchanged_store
from xivows.errors import InUse, InvalidInput, NotFound
from xivows.models.device import Device
from xivows.models.line import LineFeatures
from xivows.resources.devices import service
from xivows.resources.devices.inputs import DeviceInput


@pytest.fixture(autouse=True)
def store(app):
    return app


@pytest.mark.parametrize(
    'given,stored',
    [
        ('00:08:5D:23:74:29', '00:08:5d:23:74:29'),
        ('00-08-5d-23-74-29', '00:08:5d:23:74:29'),
        ('00085D237429', '00:08:5d:23:74:29'),
        (' 00:08:5d:23:74:29 ', '00:08:5d:23:74:29'),
    ],
)
def test_mac_is_normalised(given, stored):
    device = Device.get_by_id(service.create(DeviceInput(mac=given)))
    assert device.mac == stored
    assert device.status == 'autoprov'
    assert json.loads(device.options) == {'switchboard': False}


def test_every_field_is_stored():
    fields = {
        'mac': 'aa:bb:cc:dd:ee:ff',
        'ip': '2001:DB8::1',
        'sn': 'S1',
        'plugin': 'p',
        'vendor': 'v',
        'model': 'm',
        'version': '1.0',
        'description': 'd',
        'template_id': 'tpl-1',
        'status': 'not_configured',
    }
    device = Device.get_by_id(service.create(DeviceInput(**fields)))
    assert {key: getattr(device, key) for key in fields} == {**fields, 'ip': '2001:db8::1'}


@pytest.mark.parametrize(
    'document',
    [
        {},
        {'mac': ''},
        {'mac': 'aa:bb:cc:dd:ee'},
        {'mac': 'aa:bb:cc:dd:ee:fg'},
        {'mac': 'aa:bb-cc:dd:ee:ff'},
        {'mac': 42},
        {'mac': ['aa:bb:cc:dd:ee:ff']},
        {'mac': 'aa:bb:cc:dd:ee:ff', 'ip': '10.0.0.300'},
        {'mac': 'aa:bb:cc:dd:ee:ff', 'ip': 'phone.example'},
        {'mac': 'aa:bb:cc:dd:ee:ff', 'status': 'configured'},
        {'mac': 'aa:bb:cc:dd:ee:ff', 'vendor': 'x' * 65},
        {'mac': 'aa:bb:cc:dd:ee:ff', 'model': 'bad\x01'},
        {'mac': 'aa:bb:cc:dd:ee:ff', 'template_id': 'a b'},
    ],
)
def test_invalid_devices_are_refused(document):
    with unchanged_store(), pytest.raises(InvalidInput):
        service.create(DeviceInput(**document))


def test_mac_is_unique_whatever_its_spelling():
    service.create(DeviceInput(mac='aa:bb:cc:dd:ee:ff'))
    with unchanged_store(), pytest.raises(InvalidInput, match='already used'):
        service.create(DeviceInput(mac='AA-BB-CC-DD-EE-FF'))


def test_delete():
    device_id = service.create(DeviceInput(mac='aa:bb:cc:dd:ee:ff'))
    service.delete(device_id)
    assert Device.get_or_none(Device.id == device_id) is None
    with pytest.raises(NotFound):
        service.delete(device_id)


def test_delete_is_refused_while_a_line_uses_the_device():
    make_default_context()
    device_id = service.create(DeviceInput(mac='aa:bb:cc:dd:ee:ff'))
    line = LineFeatures.create(
        protocol='sip',
        protocolid=1,
        device=device_id,
        name='abc',
        number='1001',
        context='default',
    )
    with unchanged_store(), pytest.raises(InUse, match=f'line {line.id}'):
        service.delete(device_id)


def test_import_rows_stores_every_row():
    ids = service.import_devices(
        [
            (2, DeviceInput(mac='aa:bb:cc:dd:ee:01', vendor='Snom')),
            (3, DeviceInput(mac='aa:bb:cc:dd:ee:02', ip='10.0.0.2')),
        ]
    )
    assert [Device.get_by_id(device_id).mac for device_id in ids] == [
        'aa:bb:cc:dd:ee:01',
        'aa:bb:cc:dd:ee:02',
    ]
    assert len(set(ids)) == 2


@pytest.mark.parametrize(
    'rows,reason',
    [
        ([(2, {'mac': 'aa:bb:cc:dd:ee:01'}), (3, {'mac': 'nope'})], 'line 3: mac'),
        ([(2, {'mac': 'aa:bb:cc:dd:ee:01'}), (3, {'mac': 'AA:BB:CC:DD:EE:01'})], 'line 3: mac'),
        ([(2, {'mac': 'aa:bb:cc:dd:ee:01'}), (3, {'mac': '00:00:00:00:00:99'})], 'line 3: mac'),
    ],
)
def test_import_rows_is_all_or_nothing(rows, reason):
    service.create(DeviceInput(mac='00:00:00:00:00:99'))
    with unchanged_store(), pytest.raises(InvalidInput, match=reason):
        service.import_devices([(number, DeviceInput(**row)) for number, row in rows])


def test_edit_changes_only_what_is_given():
    device_id = service.create(DeviceInput(mac='aa:bb:cc:dd:ee:ff', vendor='Snom', model='D715'))
    service.edit(device_id, DeviceInput(model='D785', mac='AA-BB-CC-DD-EE-FE'))
    device = Device.get_by_id(device_id)
    assert (device.mac, device.vendor, device.model) == ('aa:bb:cc:dd:ee:fe', 'Snom', 'D785')


@pytest.mark.parametrize(
    'changes,reason',
    [
        (DeviceInput(mac='00:00:00:00:00:99'), 'mac: already used'),
        (DeviceInput(mac=['aa:bb:cc:dd:ee:ff']), 'mac: '),
        (DeviceInput(vendor={'a': 1}), 'vendor: '),
        (DeviceInput(status='configured'), 'status: '),
    ],
)
def test_edit_refusals(changes, reason):
    service.create(DeviceInput(mac='00:00:00:00:00:99'))
    device_id = service.create(DeviceInput(mac='aa:bb:cc:dd:ee:ff'))
    with unchanged_store(), pytest.raises(InvalidInput, match=f'^{reason}'):
        service.edit(device_id, changes)
    with pytest.raises(NotFound):
        service.edit('nosuchdevice', DeviceInput(vendor='x'))
