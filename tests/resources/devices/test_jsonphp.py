"""/service/ipbx/json.php/restricted/pbx_settings/devices (read only)"""

import itertools

import pytest
from playhouse.test_utils import count_queries

from tests.helpers.fixtures import make_context, make_default_context
from tests.helpers.scenarios import assert_refused, check_acl, check_unknown_ids, unchanged_store
from xivows.models.device import Device
from xivows.models.line import LineFeatures
from xivows.resources.devices import service
from xivows.resources.devices.inputs import DeviceInput

F, P = 'ipbx', 'pbx_settings/devices'
ITEM_KEYS = {
    'id',
    'ip',
    'mac',
    'sn',
    'plugin',
    'vendor',
    'model',
    'version',
    'description',
    'template_id',
    'status',
    'options',
    'links',
    'number',
    'context',
    'entity_displayname',
}
VIEW_KEYS = ITEM_KEYS - {'number', 'context', 'entity_displayname'}
_protocol_ids = itertools.count(100000)


def make_device(**fields):
    document = {
        'mac': '00:08:5d:23:74:29',
        'ip': '10.34.1.28',
        'vendor': 'Aastra',
        'model': '6731i',
        'plugin': 'xivo-aastra-3.2.2.1136',
        'version': '3.2.2.1136',
        'template_id': 'defaultconfigdevice',
        **fields,
    }
    return service.create(DeviceInput(**document))


def make_line(device_id, number='1001', context='default', num=1):
    return LineFeatures.create(
        protocol='sip',
        protocolid=next(_protocol_ids),
        device=device_id,
        name=f'line{number}x{num}',
        number=number,
        context=context,
        num=num,
    )


@pytest.fixture
def dial_plan(app):
    make_default_context()


def test_list_is_204_when_empty(api):
    response = api.list(F, P)
    assert response.status_code == 204 and response.data == b''


def test_list_item_format_of_a_free_device(api):
    device_id = make_device(sn='SN1', description='desk')
    response = api.list(F, P)
    assert response.status_code == 200 and response.content_type == 'application/json'
    [item] = response.get_json()
    assert set(item) == ITEM_KEYS
    assert item == {
        'id': device_id,
        'ip': '10.34.1.28',
        'mac': '00:08:5d:23:74:29',
        'sn': 'SN1',
        'plugin': 'xivo-aastra-3.2.2.1136',
        'vendor': 'Aastra',
        'model': '6731i',
        'version': '3.2.2.1136',
        'description': 'desk',
        'template_id': 'defaultconfigdevice',
        'status': 'autoprov',
        'options': {'switchboard': False},
        'links': [],
        'number': '',
        'context': '',
        'entity_displayname': '',
    }
    assert len(device_id) == 32 and int(device_id, 16) >= 0


def test_list_item_of_a_device_used_by_a_line(api, dial_plan):
    device_id = make_device()
    make_line(device_id, number='1002', num=2)
    make_line(device_id, number='1001', num=1)
    [item] = api.list(F, P).get_json()
    assert item['status'] == 'configured'
    assert (item['number'], item['context']) == ('1001', 'default')
    assert item['entity_displayname'] == 'Acme'


def test_stored_status_shows_while_no_line_uses_the_device(api):
    make_device(status='not_configured')
    assert api.list(F, P).get_json()[0]['status'] == 'not_configured'


def test_a_context_without_entity_gives_an_empty_displayname(api):
    make_context('lonely', entity=None)
    make_line(make_device(), context='lonely')
    [item] = api.list(F, P).get_json()
    assert (item['status'], item['context'], item['entity_displayname']) == (
        'configured',
        'lonely',
        '',
    )


def test_list_is_ordered_and_default_act(api):
    ids = [make_device(mac=f'00:00:00:00:00:0{index}') for index in range(3)]
    assert [item['id'] for item in api.request(F, P).get_json()] == sorted(ids)


def test_list_runs_a_constant_number_of_queries(api, dial_plan):
    make_line(make_device())
    with count_queries() as few:
        assert len(api.list(F, P).get_json()) == 1
    for index in range(10):
        device_id = make_device(mac=f'00:00:00:00:01:{index:02d}')
        if index % 2:
            make_line(device_id, number=str(1100 + index))
    with count_queries() as many:
        assert len(api.list(F, P).get_json()) == 11
    assert many.count == few.count


@pytest.mark.parametrize(
    'term,found',
    [
        ('00:0e:50:4e:57:b7', ['polycom']),  # the seed document's example: exact MAC
        ('10.34.1.28', ['aastra']),  # exact IP
        ('00:0E:50', ['polycom']),  # case-insensitive substring
        ('10.34.1', ['aastra', 'polycom']),
        ('aastra', ['aastra']),
        ('6731', ['aastra']),
        ('SERIAL', ['polycom']),
        ('front desk', ['polycom']),
        ('%', []),
        ('_', []),
        ('nothing', []),
    ],
)
def test_search(api, term, found):
    make_device()
    make_device(
        mac='00:0e:50:4e:57:b7',
        ip='10.34.1.29',
        vendor='Polycom',
        model='SPIP331',
        plugin='xivo-polycom-4.0.4',
        sn='serial-9',
        description='Front desk',
    )
    response = api.search(F, P, term)
    if not found:
        assert response.status_code == 204 and response.data == b''
    else:
        assert sorted(item['vendor'].lower() for item in response.get_json()) == found


@pytest.mark.parametrize('params', [{}, {'search': ''}, {'search': '   '}])
def test_search_without_a_term_is_204(api, params):
    make_device()
    assert api.request(F, P, 'search', **params).status_code == 204


def test_search_items_have_the_list_shape(api, dial_plan):
    make_line(make_device())
    [item] = api.search(F, P, 'aastra').get_json()
    assert set(item) == ITEM_KEYS and item['number'] == '1001'


def test_view(api, dial_plan):
    device_id = make_device()
    response = api.view(F, P, device_id)
    assert response.status_code == 200
    view = response.get_json()
    assert set(view) == VIEW_KEYS
    assert view['id'] == device_id and view['status'] == 'autoprov'
    make_line(device_id)
    assert api.view(F, P, device_id).get_json()['status'] == 'configured'


def test_view_of_unknown_ids(api):
    device_id = make_device()
    check_unknown_ids(
        api, F, P, acts=('view',), ids=('0' * 32, device_id.upper() + 'x', 'abc', '', "'; --", '%')
    )


@pytest.mark.parametrize('act', ['add', 'edit', 'delete', 'deleteall', 'bogus'])
def test_read_only(api, act):
    device_id = make_device()
    with unchanged_store():
        response = api.request(F, P, act, id=device_id, body={'mac': '00:00:00:00:00:01'})
        assert_refused(response, 400)
    assert Device.get_by_id(device_id)


def test_private_mode(api):
    make_device()
    response = api.request(F, P, 'list', mode='private')
    assert response.status_code == 200


def test_acl(api):
    check_acl(api, F, P, 'service/ipbx/pbx_settings/devices')


def test_xivo_ws_reads_every_key_it_needs(api, dial_plan):
    """xivo-ws Device reads these keys (with .get) from list and view."""
    device_id = make_device()
    make_line(device_id)
    wanted = {'id', 'ip', 'mac', 'plugin', 'vendor', 'model', 'version', 'status', 'template_id'}
    assert wanted <= set(api.list(F, P).get_json()[0])
    assert wanted <= set(api.view(F, P, device_id).get_json())


def test_view_body_sum_gives_304(api):
    import hashlib

    device_id = make_device()
    body = api.view(F, P, device_id).data
    response = api.view(F, P, device_id, sum=hashlib.md5(body).hexdigest())
    assert response.status_code == 304
