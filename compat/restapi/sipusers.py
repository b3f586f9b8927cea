"""/api/SIPUsers, /api/SIPUser/<UserID>: a user with a SIP line. `UserID` is the
SIP account (the line's name; xivows stores SIP names lower-case and finds them
whatever the case), `DisplayName` the user's caller name, `Password` the user's
client (CTI) password, `SIPPassword` the line's secret, the phone fields those
of the device the line is on. Every value is a string, as the seed shows them.
Creating one (POST, an addition to the seed) also takes `Extension` (required)
and `Context` (default `default`)."""

from flask import Response, jsonify
from marshmallow import Schema, fields, validate

from compat.restapi.common import document, renamed
from xivows.errors import InvalidInput
from xivows.models.context import Context
from xivows.models.entity import Entity
from xivows.resources.devices import service as devices
from xivows.resources.devices.inputs import DeviceInput
from xivows.resources.lines.inputs import LineInput
from xivows.resources.users import service as users
from xivows.resources.users import sip_accounts
from xivows.resources.users.inputs import UserInput

SECTION = 'api/sipusers'


class SipUserSchema(Schema):
    UserID = fields.String(required=True, metadata={'description': 'The SIP account'})
    DisplayName = fields.String(required=True)
    Password = fields.String(required=True, metadata={'description': 'Client password'})
    SIPPassword = fields.String(required=True)
    PhoneVendor = fields.String(required=True)
    PhoneModel = fields.String(required=True)
    PhoneMAC = fields.String(required=True)


_TEXT = validate.Length(max=128)


class SipUserChangeSchema(Schema):
    UserID = fields.String()
    DisplayName = fields.String(validate=validate.Length(min=1, max=128))
    Password = fields.String(validate=_TEXT)
    SIPPassword = fields.String(validate=validate.Length(max=80))
    PhoneVendor = fields.String(validate=validate.Length(max=64))
    PhoneModel = fields.String(validate=validate.Length(max=64))
    PhoneMAC = fields.String()


class SipUserCreationSchema(SipUserChangeSchema):
    # Not empty: the domain would name an empty SIP name itself.
    UserID = fields.String(required=True, validate=validate.Length(min=1))
    DisplayName = fields.String(required=True, validate=validate.Length(min=1, max=128))
    Extension = fields.String(
        required=True,
        validate=validate.Length(min=1),
        metadata={'description': 'The user\'s number'},
    )
    Context = fields.String(load_default='default')


_change = SipUserChangeSchema()
_creation = SipUserCreationSchema()
# domain fields -> this dialect's names, in refusals
_NAMES = {
    'userfeatures.firstname': 'DisplayName',
    'userfeatures.passwdclient': 'Password',
    'userfeatures.loginclient': 'UserID',
    'protocol.name': 'UserID',
    'protocol.secret': 'SIPPassword',
    'linefeatures.number': 'Extension',
    'protocol.context': 'Context',
    'linefeatures.context': 'Context',
    'vendor': 'PhoneVendor',
    'model': 'PhoneModel',
    'linefeatures.device': 'PhoneMAC',
    'linefeatures.num': 'PhoneMAC',  # line N of device D is already used
}


def _shown(account):
    return {
        'UserID': account.name,
        'DisplayName': account.display_name,
        'Password': account.client_password,
        'SIPPassword': account.secret,
        'PhoneVendor': account.vendor,
        'PhoneModel': account.model,
        'PhoneMAC': account.mac,
    }


def list_sipusers():
    return jsonify([_shown(account) for account in sip_accounts.listed()])


def get_sipuser(user_id):
    return jsonify(_shown(sip_accounts.get(user_id)))


def _client_features(given, login):
    """The client (CTI) login: the password needs one; it is the SIP account."""
    if 'Password' not in given:
        return {}
    password = given['Password']
    if not password:
        return {'enableclient': False, 'passwdclient': ''}
    return {'enableclient': True, 'loginclient': login, 'passwdclient': password}


def _device_changes(given, device_id):
    """The device of the line (by PhoneMAC) and its vendor/model changes. With
    no phone, an empty PhoneVendor/PhoneModel is what GET shows: no change (a
    body read from GET can be sent back)."""
    changes = DeviceInput(vendor=given.get('PhoneVendor'), model=given.get('PhoneModel'))
    if 'PhoneMAC' in given:
        device_id = devices.by_mac(given['PhoneMAC'], 'PhoneMAC').id if given['PhoneMAC'] else ''
    if not device_id:
        for field in ('PhoneVendor', 'PhoneModel'):
            if given.get(field):
                raise InvalidInput(f'{field}: the SIP user has no phone (give its PhoneMAC)')
    elif changes.given():
        renamed(_NAMES, devices.edit, device_id, changes)
    return device_id


def _entity_of(context_name):
    row = (
        Entity.select(Entity.id)
        .join(Context, on=(Context.entity == Entity.name))
        .where(Context.name == context_name)
        .first()
    )
    if row is None:
        raise InvalidInput(f'Context: no such context: {context_name}')
    return row.id


def post_sipusers():
    given = document(_creation)
    name = given['UserID']
    if sip_accounts.find(name) is not None:
        raise InvalidInput(f'UserID: already used: {name}')
    device_id = _device_changes(given, '')
    features = {
        'firstname': given['DisplayName'],
        'lastname': '',
        'entityid': _entity_of(given['Context']),
        **_client_features(given, name),
    }
    line = LineInput(
        protocol='sip',
        context=given['Context'],
        number=given['Extension'],
        name=name,
        secret=given.get('SIPPassword') or None,
        device_id=device_id or None,
    )
    renamed(_NAMES, users.create, UserInput(features=features, line=line))
    response = jsonify(_shown(sip_accounts.get(name)))
    response.status_code = 201
    return response


def put_sipuser(user_id):
    account = sip_accounts.get(user_id)
    given = document(_change)
    if 'UserID' in given and given['UserID'].lower() != account.name.lower():
        raise InvalidInput('UserID: cannot be changed')
    device_id = _device_changes(given, account.device_id)
    features = {}
    # The password GET shows, sent back, changes nothing (a disabled client stays so).
    if given.get('Password') != account.client_password:
        features = _client_features(given, account.client_login or account.name)
    # The name GET shows, sent back, keeps the user's first/last name split.
    if 'DisplayName' in given and given['DisplayName'].strip() != account.display_name:
        features.update(firstname=given['DisplayName'], lastname='')
    line = None
    if 'SIPPassword' in given or device_id != account.device_id:
        line = LineInput(
            id=account.line_id,
            secret=given.get('SIPPassword'),
            device_id=device_id if device_id != account.device_id else None,
        )
        if device_id == '' and account.device_id:
            line.features['device'] = ''  # the line leaves its phone
    renamed(_NAMES, users.edit, account.user_id, UserInput(features=features, line=line))
    return jsonify(_shown(sip_accounts.get(account.name)))


def delete_sipuser(user_id):
    users.delete(sip_accounts.get(user_id).user_id)
    return Response(status=204)
