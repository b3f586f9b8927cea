"""`xivows device ...`, run against the test database inside the test's
transaction (the command's own transaction becomes a savepoint of it)."""

import pytest

from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import unchanged_store
from xivows import cli
from xivows.models.device import Device
from xivows.models.line import LineFeatures


@pytest.fixture
def run(runner, database_url, monkeypatch):
    monkeypatch.setenv('XIVOWS_DATABASE_URL', database_url)

    def invoke(*args, **kwargs):
        return runner.invoke(cli.main, list(args), catch_exceptions=False, **kwargs)

    return invoke


def test_add_prints_the_new_id(run):
    result = run(
        'device',
        'add',
        '--mac',
        '00:08:5D:23:74:29',
        '--ip',
        '10.34.1.28',
        '--vendor',
        'Aastra',
        '--model',
        '6731i',
        '--plugin',
        'xivo-aastra',
        '--version',
        '3.2',
        '--sn',
        'S1',
        '--description',
        'desk',
        '--template-id',
        'defaultconfigdevice',
    )
    assert result.exit_code == 0, result.output
    device = Device.get_by_id(result.output.strip())
    assert (
        device.mac,
        device.ip,
        device.vendor,
        device.model,
        device.plugin,
        device.version,
        device.sn,
        device.description,
        device.template_id,
        device.status,
    ) == (
        '00:08:5d:23:74:29',
        '10.34.1.28',
        'Aastra',
        '6731i',
        'xivo-aastra',
        '3.2',
        'S1',
        'desk',
        'defaultconfigdevice',
        'autoprov',
    )


@pytest.mark.parametrize(
    'args,reason',
    [
        (('--mac', 'not-a-mac'), 'mac'),
        (('--mac', '00:08:5d:23:74:29', '--ip', '999.1.1.1'), 'ip'),
        (('--ip', '10.0.0.1'), '--mac'),
    ],
)
def test_add_refusals_store_nothing(run, args, reason):
    with unchanged_store():
        result = run('device', 'add', *args)
    assert result.exit_code != 0 and reason in result.output


def test_add_refuses_a_mac_already_used(run):
    run('device', 'add', '--mac', '00:08:5d:23:74:29')
    with unchanged_store():
        result = run('device', 'add', '--mac', '00-08-5D-23-74-29')
    assert result.exit_code != 0 and 'already used' in result.output


def test_list(run):
    make_default_context()
    assert run('device', 'list').output == ''
    free = run('device', 'add', '--mac', 'aa:bb:cc:dd:ee:01', '--vendor', 'Snom').output.strip()
    used = run('device', 'add', '--mac', 'aa:bb:cc:dd:ee:02', '--ip', '10.0.0.2').output.strip()
    LineFeatures.create(
        protocol='sip', protocolid=1, device=used, name='abc', number='1001', context='default'
    )
    lines = dict(line.split('\t', 1) for line in run('device', 'list').output.splitlines())
    assert lines[free] == (
        'mac=aa:bb:cc:dd:ee:01\tip=-\tvendor=Snom\tmodel=-\tstatus=autoprov\tline=-'
    )
    assert lines[used] == (
        'mac=aa:bb:cc:dd:ee:02\tip=10.0.0.2\tvendor=-\tmodel=-'
        '\tstatus=configured\tline=1001@default'
    )


def test_delete(run):
    device_id = run('device', 'add', '--mac', 'aa:bb:cc:dd:ee:01').output.strip()
    result = run('device', 'delete', device_id)
    assert result.exit_code == 0 and Device.get_or_none(Device.id == device_id) is None
    again = run('device', 'delete', device_id)
    assert again.exit_code != 0 and 'no such device' in again.output


def test_delete_is_refused_while_a_line_uses_the_device(run):
    make_default_context()
    device_id = run('device', 'add', '--mac', 'aa:bb:cc:dd:ee:01').output.strip()
    LineFeatures.create(
        protocol='sip',
        protocolid=1,
        device=device_id,
        name='abc',
        number='1001',
        context='default',
    )
    with unchanged_store():
        result = run('device', 'delete', device_id)
    assert result.exit_code != 0 and 'used by line' in result.output


def test_import(run, tmp_path):
    path = tmp_path / 'devices.csv'
    path.write_text(
        '\ufeffmac,ip,vendor,model,template-id\n'
        'AA:BB:CC:DD:EE:01,10.0.0.1,Aastra,6731i,tpl\n'
        'aa:bb:cc:dd:ee:02,,"Snom, Inc.",,\n',
        encoding='utf-8',
    )
    result = run('device', 'import', str(path))
    assert result.exit_code == 0, result.output
    ids = result.stdout.split()
    devices = [Device.get_by_id(device_id) for device_id in ids]
    assert [(d.mac, d.ip, d.vendor, d.model, d.template_id) for d in devices] == [
        ('aa:bb:cc:dd:ee:01', '10.0.0.1', 'Aastra', '6731i', 'tpl'),
        ('aa:bb:cc:dd:ee:02', '', 'Snom, Inc.', '', ''),
    ]
    assert '2 device(s) imported' in result.stderr


@pytest.mark.parametrize(
    'text,reason',
    [
        ('mac,ip\naa:bb:cc:dd:ee:01,10.0.0.1\naa:bb:cc:dd:ee:02,10.0.0.300\n', 'line 3: ip'),
        ('mac\naa:bb:cc:dd:ee:01\nAA:BB:CC:DD:EE:01\n', 'line 3: mac'),
        ('mac,colour\naa:bb:cc:dd:ee:01,red\n', 'unknown: colour'),
        ('ip\n10.0.0.1\n', 'must name the columns'),
        ('', 'must name the columns'),
        ('mac\naa:bb:cc:dd:ee:01,extra\n', 'more values than columns'),
    ],
)
def test_import_is_all_or_nothing(run, tmp_path, text, reason):
    path = tmp_path / 'devices.csv'
    path.write_text(text, encoding='utf-8')
    with unchanged_store():
        result = run('device', 'import', str(path))
    assert result.exit_code != 0 and reason in result.output, result.output


def test_import_refuses_a_file_that_is_not_utf8(run, tmp_path):
    path = tmp_path / 'devices.csv'
    path.write_bytes(b'mac,vendor\naa:bb:cc:dd:ee:01,\xff\xfe\n')
    with unchanged_store():
        result = run('device', 'import', str(path))
    assert result.exit_code != 0 and 'unreadable' in result.output
