"""The lines service with its typed input (no HTTP): what another dialect calls."""

import pytest

from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import unchanged_store
from xivows.errors import InvalidInput, NotFound
from xivows.models.device import Device
from xivows.models.line import LineFeatures, SCCPLine, UserCustom, UserLine, UserSIP
from xivows.resources.lines import service
from xivows.resources.lines.inputs import LineInput


@pytest.fixture(autouse=True)
def dial_plan(app):
    make_default_context()


def test_create_a_sip_line_with_named_fields():
    Device.create(id='d' * 32, mac='00:11:22:33:44:55', vendor='Aastra', model='6731i')
    line_id = service.create(
        LineInput(
            protocol='sip',
            context='default',
            number='1500',
            name='UserID:001',
            secret='123456',
            device_id='d' * 32,
            options={'nat': 'yes'},
        )
    )
    line = LineFeatures.get_by_id(line_id)
    peer = UserSIP.get_by_id(line.protocolid)
    assert (line.name, line.number, line.context, line.device, line.num) == (
        'userid:001',
        '1500',
        'default',
        'd' * 32,
        1,
    )
    assert (peer.name, peer.secret, peer.nat, peer.host, peer.type) == (
        'userid:001',
        '123456',
        'yes',
        'dynamic',
        'friend',
    )
    assert 100000 <= line.provisioningid < 200000
    assert not UserLine.select().exists()


def test_create_sccp_and_custom_lines():
    sccp = LineFeatures.get_by_id(
        service.create(LineInput(protocol='sccp', context='default', number='1600'))
    )
    assert SCCPLine.get_by_id(sccp.protocolid).name == '1600'
    custom = LineFeatures.get_by_id(
        service.create(
            LineInput(
                protocol='custom',
                context='default',
                interface='DAHDI/g1/1',
                options={'intfsuffix': 'x'},
            )
        )
    )
    assert UserCustom.get_by_id(custom.protocolid).intfsuffix == 'x'
    assert service.interface_of(custom) == ('DAHDI/g1/1', 'Custom')


@pytest.mark.parametrize(
    'line,reason',
    [
        (LineInput(context='default'), 'protocol.protocol: must be one of'),
        (LineInput(protocol='iax', context='default'), 'protocol.protocol: must be one of'),
        (LineInput(protocol='sip'), 'protocol.context: '),
        (
            LineInput(protocol='sip', context='nowhere'),
            'protocol.context: no such context: nowhere',
        ),
        (LineInput(protocol='sip', context='default', name=['x']), 'protocol.name: '),
        (LineInput(protocol='sip', context='default', number='12a'), 'linefeatures.number: '),
        (
            LineInput(protocol='sip', context='default', device_id='nope'),
            'linefeatures.device: no such device: nope',
        ),
        (LineInput(protocol='sip', context='default', num=0), 'linefeatures.num: '),
        (LineInput(protocol='custom', context='default'), 'protocol.interface: '),
        # pjsip.conf holds a secret on one line: a line break would change it
        (
            LineInput(protocol='sip', context='default', secret='a\nb'),
            'protocol.secret: must be one line',
        ),
        (
            LineInput(protocol='sip', context='default', features={'secret': 'a\tb'}),
            'linefeatures.secret: must be one line',
        ),
    ],
)
def test_create_refusals(line, reason):
    with unchanged_store(), pytest.raises(InvalidInput, match=f'^{reason}'):
        service.create(line)


def test_edit_gives_only_what_changes():
    line_id = service.create(
        LineInput(
            protocol='sip', context='default', number='1500', secret='one', options={'nat': 'yes'}
        )
    )
    service.edit(line_id, LineInput(secret='two'))
    line = LineFeatures.get_by_id(line_id)
    peer = UserSIP.get_by_id(line.protocolid)
    assert (peer.secret, peer.nat, line.number) == ('two', 'yes', '1500')
    with unchanged_store(), pytest.raises(InvalidInput, match='cannot change'):
        service.edit(line_id, LineInput(protocol='sccp'))
    with pytest.raises(NotFound):
        service.edit(line_id + 1000, LineInput(secret='x'))
    with (
        unchanged_store(),
        pytest.raises(InvalidInput, match='^protocol.secret: must be one line'),
    ):
        service.edit(line_id, LineInput(secret='new\r\nline'))


def test_delete_and_delete_all():
    first = service.create(LineInput(protocol='sip', context='default'))
    service.create(LineInput(protocol='sccp', context='default', number='1600'))
    service.delete(first)
    assert not LineFeatures.select().where(LineFeatures.id == first).exists()
    assert service.delete_all() == 1
    assert service.delete_all() is None
    assert not (UserSIP.select().exists() or SCCPLine.select().exists())
