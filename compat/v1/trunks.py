"""/v1/manager/trunks[/<name>]: the SIP trunks of the store, through the trunks
service json.php uses. A trunk is {"name", "description", "data": {its SIP
options by their column names}, "register": {its registration} or null}; the
secrets (`secret`, `md5secret`, the registration's `password`) are write-only."""

from marshmallow import fields

from compat.v1 import envelope
from compat.v1.common import StrictSchema, loaded, page
from compat.v1.configs import conf_value, renamed
from xivows.errors import InvalidInput
from xivows.resources.trunks import service
from xivows.resources.trunks.inputs import TrunkInput

PROTOCOL = 'sip'
SECRETS = ('secret', 'md5secret', 'remotesecret', 'password')
OPTIONS = {
    field.data_key or name: name
    for name, field in service.PROTOCOL_SCHEMAS[PROTOCOL].fields.items()
}
REGISTER = tuple(service.REGISTER_SCHEMAS[PROTOCOL].fields)
# the name is this dialect's top-level `name`, the other protocol fields its `data`
NAMES = {'protocol.name': 'name', 'protocol': 'data', 'trunkfeatures': '', 'register': 'register'}
SHAPE = {'name': str, 'description': str, 'data': dict, 'register': dict}
ITEM, ONE, MANY = envelope.schemas('Trunk', SHAPE)


class TrunkSchema(StrictSchema):
    name = fields.String()
    description = fields.String()
    data = fields.Dict(keys=fields.String())
    register = fields.Dict(keys=fields.String(), allow_none=True)


_trunk = TrunkSchema()


def _shown(trunk):
    features, row, register = trunk
    data = {}
    for key, name in OPTIONS.items():
        value = row.get(name)
        if name in SECRETS or name == 'name' or value in (None, ''):
            continue
        data[key] = conf_value(value)
    shown_register = None
    if register is not None:
        shown_register = {
            key: register[key] for key in REGISTER if key not in SECRETS and key in register
        }
    return {
        'name': row['name'],
        'description': features['description'],
        'data': data,
        'register': shown_register,
    }


def _input(given, adding):
    data = dict(given.get('data') or {})
    unknown = sorted(key for key in data if key not in OPTIONS or OPTIONS[key] == 'name')
    if unknown:
        raise InvalidInput(f'data.{unknown[0]}: not a SIP trunk option')
    options = {OPTIONS[key]: value for key, value in data.items()}
    if 'name' in given:
        options['name'] = given['name']
    features = {'description': given['description']} if 'description' in given else {}
    register = given.get('register', {} if adding else None)
    if register:
        unknown = sorted(key for key in register if key not in REGISTER)
        if unknown:
            raise InvalidInput(f'register.{unknown[0]}: not a registration field')
    return TrunkInput(options=options, features=features, register=register)


def list_trunks():
    limit, offset = page()
    trunks = sorted(service.listed(PROTOCOL), key=lambda trunk: trunk[1]['name'])
    trunks = trunks[offset:] if limit is None else trunks[offset : offset + limit]
    return envelope.listed([_shown(trunk) for trunk in trunks])


def get_trunk(name):
    return envelope.answer(_shown(service.get_by_name(PROTOCOL, name)))


def post_trunk():
    given = loaded(_trunk)
    if not given.get('name'):
        raise InvalidInput('name: is required')
    renamed(NAMES, service.create, PROTOCOL, _input(given, adding=True))
    return envelope.answer()


def put_trunk(name):
    features, _, stored_register = service.get_by_name(PROTOCOL, name)
    parts = _input(loaded(_trunk), adding=False)
    if parts.register and 'password' not in parts.register and stored_register:
        # The password is never shown: a registration sent back as read keeps
        # it (an edit replaces the whole register line); "" clears it.
        parts.register['password'] = stored_register.get('password') or ''
    renamed(NAMES, service.edit, PROTOCOL, features['id'], parts)
    return envelope.answer()


def delete_trunk(name):
    service.delete(PROTOCOL, service.get_by_name(PROTOCOL, name)[0]['id'])
    return envelope.answer()
