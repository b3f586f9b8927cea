"""Trunks: the add/edit input (`protocol`, `trunkfeatures`, `register`) of each
protocol, and the wire shapes of list items and views."""
from xivows import wire
from xivows.models.line import UserCustom, UserSIP
from xivows.models.trunk import TrunkFeatures, TrunkRegister, UserIAX
from xivows.resources.lines.schemas import CUSTOM_INTERFACE, SipOptions, _AllowList
from xivows.schemas import LegacySchema
from xivows.schemas.fields import ContextName, Flag, Integer, Text
from xivows.schemas.generated import model_schema

SIP_TRANSPORTS = ('udp', 'tcp', 'tls', 'udp,tcp', 'tcp,tls', 'udp,tcp,tls')
PEER_TYPES = ('peer', 'user', 'friend')
HOST = r'[a-zA-Z0-9._:\[\]-]+'


class SipTrunkSchema(_AllowList, SipOptions):
    name = Text(required=True, min_length=1, max_length=40, pattern=r'[a-z0-9@+._-]+')
    context = ContextName()
    type = Text(choices=PEER_TYPES, load_default='peer')
    transport = Text(required=True, choices=SIP_TRANSPORTS)
    host = Text(max_length=255, pattern=HOST)


IaxOptions = model_schema(
    UserIAX, 'IaxOptions',
    exclude=('category', 'protocol', 'ipaddr', 'regseconds'),
    secret=Text(max_length=80, printable=True),
    trunk=Flag(),
    port=Integer(minimum=1, maximum=65535),
)


class IaxTrunkSchema(_AllowList, IaxOptions):
    name = Text(required=True, min_length=1, max_length=40, pattern=r'[a-z0-9_-]+')
    context = ContextName()
    type = Text(choices=PEER_TYPES, load_default='peer')
    requirecalltoken = Text(required=True, choices=('yes', 'no', 'auto'))
    host = Text(max_length=255, pattern=HOST)
    # The original cleared names missing from its zonemessages; we keep names of
    # the tz database's shape and refuse the rest.
    timezone = Text(max_length=80, pattern=r'[a-zA-Z0-9_.+/-]*')


class CustomTrunkSchema(LegacySchema):
    name = Text(required=True, min_length=1, max_length=40, pattern=r'[a-z0-9_-]+')
    context = ContextName()
    interface = Text(required=True, min_length=1, max_length=128, pattern=CUSTOM_INTERFACE)
    intfsuffix = Text(max_length=32, pattern=r'[a-zA-Z0-9#*./_@:${}-]*', load_default='')
    commented = Flag()


class TrunkFeaturesSchema(LegacySchema):
    description = Text(max_length=1000, strip=False, printable=True)


class SipRegisterSchema(LegacySchema):
    transport = Text(choices=('', 'udp', 'tcp', 'tls'), load_default='')
    username = Text(max_length=80, pattern=r'[^\s@:/~]*', load_default='')
    password = Text(max_length=80, pattern=r'[^\s@:/~]*', load_default='')
    authuser = Text(max_length=80, pattern=r'[^\s@:/~]*', load_default='')
    host = Text(max_length=255, pattern=HOST, load_default='')
    port = Text(max_length=5, pattern=r'[0-9]*', load_default='')
    contact = Text(max_length=80, pattern=r'[^\s@:/~]*', load_default='')
    expiry = Text(max_length=6, pattern=r'[0-9]*', load_default='')


class IaxRegisterSchema(LegacySchema):
    username = Text(max_length=80, pattern=r'[^\s@:/~]*', load_default='')
    password = Text(max_length=80, pattern=r'[^\s@:/~]*', load_default='')
    host = Text(max_length=255, pattern=HOST, load_default='')
    port = Text(max_length=5, pattern=r'[0-9]*', load_default='')
    contact = Text(max_length=80, pattern=r'[^\s@:/~]*', load_default='')


trunk_features_schema = TrunkFeaturesSchema()

# -- wire shapes ---------------------------------------------------------------

FEATURES_VIEW = wire.RowFormat(TrunkFeatures, ints=('id', 'protocolid', 'registerid'),
                               bools=('registercommented',))
FEATURES_ITEM = wire.RowFormat(TrunkFeatures, exclude=('registercommented',))
PROTOCOL_ROWS = {
    'sip': wire.RowFormat(UserSIP, ints=('id',), bools=('commented',)),
    'iax': wire.RowFormat(UserIAX, ints=('id',), bools=('commented',)),
    'custom': wire.RowFormat(UserCustom, ints=('id',), bools=('commented',)),
}
PROTOCOL_ITEMS = {
    'sip': wire.RowFormat(UserSIP, bools=('commented',)),
    'iax': wire.RowFormat(UserIAX, bools=('commented',)),
    'custom': wire.RowFormat(UserCustom, bools=('commented',)),
}
_REGISTER = wire.RowFormat(TrunkRegister, bools=('commented',), exclude=('id', 'protocol'))


def identity(protocol, row):
    if protocol == 'sip':
        return f'{row["name"]} (SIP)'
    if protocol == 'iax':
        return f'{row["name"]} (IAX2)'
    interface = row['interface']
    if row.get('intfsuffix'):
        interface = f'{interface}|{row["intfsuffix"]}'
    return f'{row["name"]} ({interface})'


def register_row(register):
    """The parsed register line, or False."""
    if register is None:
        return False
    return _REGISTER(register)


def protocol_view(protocol, row):
    """The view's prepared protocol row."""
    data = PROTOCOL_ROWS[protocol](row)
    data['identity'] = identity(protocol, data)
    return data


def list_item(protocol, features, row, register):
    """A list/search item: the protocol row merged with the trunkfeatures row
    (trunkfeatures keys win), every value text but `commented`."""
    item = PROTOCOL_ITEMS[protocol](row)
    if protocol == 'sip' and item.get('call-limit') == '0':
        item['call-limit'] = ''
    item['identity'] = identity(protocol, item)
    item.update(FEATURES_ITEM(features))
    if protocol != 'custom':
        item['register'] = register_row(register)
    return item
