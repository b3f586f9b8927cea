"""Trunks: the rules of the protocol row of each protocol, of the trunk's own
fields and of register lines."""

from xivows.models.trunk import UserIAX
from xivows.resources.lines.schemas import CUSTOM_INTERFACE, SipOptions, _AllowList
from xivows.schemas import LegacySchema
from xivows.schemas.fields import CodecList, ContextName, Flag, Integer, Text
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
    port = Text(max_length=5, pattern=r'[0-9]*')


IaxOptions = model_schema(
    UserIAX,
    'IaxOptions',
    exclude=('category', 'protocol', 'ipaddr', 'regseconds'),
    secret=Text(max_length=80, one_line=True),
    trunk=Flag(),
    port=Integer(minimum=1, maximum=65535),
    allow=CodecList(max_length=1000),
    disallow=CodecList(max_length=100),
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
