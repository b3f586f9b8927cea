"""/api/SIPUsers, /api/SIPUser/<UserID>: users with SIP lines, as json.php sees them."""

import pytest

from tests.helpers.api import added_id
from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import unchanged_store
from xivows.models.device import Device
from xivows.models.entity import Entity
from xivows.models.line import LineFeatures, UserSIP
from xivows.models.user import UserFeatures
from xivows.resources.devices import service as devices
from xivows.resources.devices.inputs import DeviceInput


@pytest.fixture
def office(api):
    make_default_context()
    entity_id = Entity.get(Entity.name == 'acme').id
    phone = devices.create(DeviceInput(mac='00:08:5D:23:74:29', vendor='Aastra', model='6757i'))
    devices.create(DeviceInput(mac='00:15:65:aa:bb:cc', vendor='Yealink', model='T46S'))
    user_id = added_id(
        api.add(
            'ipbx',
            'pbx_settings/users',
            {
                'userfeatures': {
                    'firstname': 'John',
                    'entityid': entity_id,
                    'enableclient': True,
                    'loginclient': 'john',
                    'passwdclient': '123123',
                },
                'linefeatures': {
                    'protocol': ['sip'],
                    'context': ['default'],
                    'number': ['1001'],
                    'name': ['john'],
                    'secret': ['123456'],
                    'device': [phone],
                },
            },
        )
    )
    return {'user': user_id, 'phone': phone}


JOHN = {
    'UserID': 'john',
    'DisplayName': 'John',
    'Password': '123123',
    'SIPPassword': '123456',
    'PhoneVendor': 'Aastra',
    'PhoneModel': '6757i',
    'PhoneMAC': '00:08:5d:23:74:29',
}


def test_list_and_get_as_the_seed_shows_them(rest, office):
    response = rest('GET', '/SIPUsers')
    assert response.status_code == 200
    assert response.get_json() == [JOHN]
    assert rest('GET', '/SIPUser/john').get_json() == JOHN
    assert rest('GET', '/SIPUser/JOHN').get_json() == JOHN  # SIP names ignore case
    assert rest('GET', '/SIPUser/nobody').status_code == 404


def test_put_with_the_seeds_trailing_comma(rest, api, office):
    response = rest('PUT', '/SIPUser/john', raw=b'{"DisplayName":"Johnny",}')
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json() == dict(JOHN, DisplayName='Johnny')
    view = api.view('ipbx', 'pbx_settings/users', office['user']).get_json()
    assert view['userfeatures']['firstname'] == 'Johnny'


def test_put_secrets_and_phone(rest, office):
    response = rest(
        'PUT',
        '/SIPUser/john',
        {
            'Password': 'pw-new',
            'SIPPassword': 'sip-new',
            'PhoneMAC': '00-15-65-AA-BB-CC',
            'PhoneModel': 'T48S',
        },
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json() == dict(
        JOHN,
        Password='pw-new',
        SIPPassword='sip-new',
        PhoneVendor='Yealink',
        PhoneModel='T48S',
        PhoneMAC='00:15:65:aa:bb:cc',
    )
    assert UserSIP.get(UserSIP.name == 'john').secret == 'sip-new'
    assert UserFeatures.get_by_id(office['user']).passwdclient == 'pw-new'
    assert Device.get(Device.mac == '00:15:65:aa:bb:cc').model == 'T48S'


@pytest.mark.parametrize(
    'body, reason',
    [
        ({'UserID': 'other'}, 'UserID: cannot be changed'),
        ({'PhoneMAC': '00:00:00:00:00:01'}, 'PhoneMAC: no such device: 00:00:00:00:00:01'),
        ({'PhoneMAC': 'nope'}, 'PhoneMAC: must be a MAC address such as aa:bb:cc:dd:ee:ff'),
        ({'DisplayName': ''}, 'DisplayName: Length must be between 1 and 128.'),
        ({'Extension': '1005'}, 'Extension: Unknown field.'),
        ({'SIPPassword': 5}, 'SIPPassword: Not a valid string.'),
        (
            {'SIPPassword': 'a\nb'},
            'SIPPassword: must be one line, without tabs or control characters',
        ),
    ],
)
def test_put_refusals(rest, office, body, reason):
    with unchanged_store():
        response = rest('PUT', '/SIPUser/john', body)
    assert response.status_code == 400
    assert response.get_json() == {'error': reason}


def test_post_creates_a_user_with_a_sip_line(rest, api, office):
    response = rest(
        'POST',
        '/SIPUsers',
        {
            'UserID': 'mary',
            'DisplayName': 'Mary',
            'Password': 'pw-mary',
            'SIPPassword': 's3cr3t',
            'PhoneMAC': '00:15:65:aa:bb:cc',
            'Extension': '1002',
        },
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    assert response.get_json() == {
        'UserID': 'mary',
        'DisplayName': 'Mary',
        'Password': 'pw-mary',
        'SIPPassword': 's3cr3t',
        'PhoneVendor': 'Yealink',
        'PhoneModel': 'T46S',
        'PhoneMAC': '00:15:65:aa:bb:cc',
    }
    line = LineFeatures.get(LineFeatures.name == 'mary')
    assert (line.number, line.context, line.protocol) == ('1002', 'default', 'sip')
    names = [item['firstname'] for item in api.list('ipbx', 'pbx_settings/users').get_json()]
    assert 'Mary' in names


@pytest.mark.parametrize(
    'body, reason',
    [
        ({'DisplayName': 'X', 'Extension': '1003'}, 'UserID: Missing data for required field.'),
        (
            {'UserID': 'john', 'DisplayName': 'X', 'Extension': '1003'},
            'UserID: already used: john',
        ),
        (
            {'UserID': 'zed', 'DisplayName': 'Zed', 'Extension': '1001'},
            'Extension: number 1001 is already used in context default',
        ),
        (
            {'UserID': 'zed', 'DisplayName': 'Zed', 'Extension': '9999'},
            'Extension: number 9999 is outside the user ranges of context default',
        ),
        (
            {'UserID': 'zed', 'DisplayName': 'Zed', 'Extension': '1003', 'Context': 'nowhere'},
            'Context: no such context: nowhere',
        ),
        # required keys may not be empty either
        (
            {'UserID': '', 'DisplayName': 'X', 'Extension': '1003'},
            'UserID: Shorter than minimum length 1.',
        ),
        (
            {'UserID': 'zed', 'DisplayName': 'Zed', 'Extension': ''},
            'Extension: Shorter than minimum length 1.',
        ),
    ],
)
def test_post_refusals(rest, office, body, reason):
    with unchanged_store():
        response = rest('POST', '/SIPUsers', body)
    assert response.status_code == 400
    assert response.get_json() == {'error': reason}


def test_delete_removes_the_user_and_its_line(rest, api, office):
    assert rest('DELETE', '/SIPUser/john').status_code == 204
    assert api.view('ipbx', 'pbx_settings/users', office['user']).status_code == 404
    assert not LineFeatures.select().where(LineFeatures.name == 'john').exists()
    assert rest('DELETE', '/SIPUser/john').status_code == 404


def test_a_sip_user_without_a_phone_is_sent_back_as_get_shows_it(rest, office):
    # the seed's shape: every key, the phone fields empty
    seed_shape = {
        'UserID': 'mary',
        'DisplayName': 'Mary',
        'Password': '123123',
        'SIPPassword': '123456',
        'PhoneVendor': '',
        'PhoneModel': '',
        'PhoneMAC': '',
    }
    response = rest('POST', '/SIPUsers', dict(seed_shape, Extension='1002'))
    assert response.status_code == 201, response.get_data(as_text=True)
    assert response.get_json() == seed_shape
    shown = rest('GET', '/SIPUser/mary').get_json()
    response = rest('PUT', '/SIPUser/mary', dict(shown, DisplayName='Mary Ann'))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json() == dict(seed_shape, DisplayName='Mary Ann')
    assert LineFeatures.get(LineFeatures.name == 'mary').device == ''


def test_a_phone_field_without_a_phone_is_still_refused(rest, office):
    rest('POST', '/SIPUsers', {'UserID': 'mary', 'DisplayName': 'Mary', 'Extension': '1002'})
    with unchanged_store():
        response = rest('PUT', '/SIPUser/mary', {'PhoneVendor': '', 'PhoneModel': 'T46S'})
    assert response.status_code == 400
    assert response.get_json() == {
        'error': 'PhoneModel: the SIP user has no phone (give its PhoneMAC)'
    }


def test_a_phone_used_by_another_line_is_refused_naming_phonemac(rest, office):
    body = {'UserID': 'zed', 'DisplayName': 'Zed', 'Extension': '1003'}
    with unchanged_store():
        response = rest('POST', '/SIPUsers', dict(body, PhoneMAC='00:08:5d:23:74:29'))
    assert response.status_code == 400
    assert response.get_json() == {
        'error': f'PhoneMAC: line 1 of device {office["phone"]} is already used'
    }
    rest('POST', '/SIPUsers', body)
    with unchanged_store():
        response = rest('PUT', '/SIPUser/zed', {'PhoneMAC': '00:08:5d:23:74:29'})
    assert response.status_code == 400
    assert response.get_json()['error'].startswith('PhoneMAC: line 1 of device ')


def test_the_display_name_sent_back_keeps_first_and_last_names(rest, api, office):
    edited = api.edit(
        'ipbx', 'pbx_settings/users', office['user'], {'userfeatures': {'lastname': 'Smith'}}
    )
    assert edited.status_code == 200, edited.get_data(as_text=True)
    shown = rest('GET', '/SIPUser/john').get_json()
    assert shown['DisplayName'] == 'John Smith'
    with unchanged_store():
        response = rest('PUT', '/SIPUser/john', shown)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json() == shown
    response = rest('PUT', '/SIPUser/john', {'DisplayName': 'Johnny Smith'})
    assert response.get_json()['DisplayName'] == 'Johnny Smith'
    view = api.view('ipbx', 'pbx_settings/users', office['user']).get_json()['userfeatures']
    assert (view['firstname'], view['lastname']) == ('Johnny Smith', '')


def test_the_password_sent_back_keeps_a_disabled_client_disabled(rest, api, office):
    edited = api.edit(
        'ipbx', 'pbx_settings/users', office['user'], {'userfeatures': {'enableclient': False}}
    )
    assert edited.status_code == 200, edited.get_data(as_text=True)
    shown = rest('GET', '/SIPUser/john').get_json()
    with unchanged_store():
        response = rest('PUT', '/SIPUser/john', shown)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json() == shown
    assert UserFeatures.get_by_id(office['user']).enableclient is False
    rest('PUT', '/SIPUser/john', {'Password': 'pw-new'})  # a new one enables it
    user = UserFeatures.get_by_id(office['user'])
    assert (user.enableclient, user.loginclient, user.passwdclient) == (True, 'john', 'pw-new')


def test_a_sip_name_held_by_a_line_without_a_user_is_refused_naming_userid(rest, api, office):
    added = api.add(
        'ipbx',
        'pbx_settings/lines',
        {'protocol': {'protocol': 'sip', 'name': 'spare', 'context': 'default'}},
    )
    assert added.status_code == 200, added.get_data(as_text=True)
    with unchanged_store():
        response = rest(
            'POST', '/SIPUsers', {'UserID': 'Spare', 'DisplayName': 'S', 'Extension': '1003'}
        )
    assert response.status_code == 400
    assert response.get_json() == {'error': 'UserID: SIP name already used: spare'}
