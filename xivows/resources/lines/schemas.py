"""Lines: the rules of a line's protocol row (SIP peer, SCCP line, custom
interface) and of its own fields."""

from marshmallow import pre_load

from xivows.models.line import UserSIP
from xivows.schemas import LegacySchema
from xivows.schemas.fields import CodecList, ContextName, Flag, Integer, Text
from xivows.schemas.generated import model_schema

PROTOCOLS = ('sip', 'sccp', 'custom')
SIP_NAME = r'[a-z0-9#*./_@:-]+'
CUSTOM_INTERFACE = r'[a-zA-Z0-9#*./_@:${}-]+'
NUMBER = r'[0-9*#]*'


def _join_allow(data):
    """`allow` may be a list of codecs: stored comma-joined."""
    if isinstance(data, dict) and isinstance(data.get('allow'), list):
        codecs = data['allow']
        if all(isinstance(codec, str) for codec in codecs):
            data = {**data, 'allow': ','.join(codec.strip() for codec in codecs if codec.strip())}
    return data


class _AllowList:
    @pre_load
    def allow_list(self, data, **kwargs):
        return _join_allow(data)


SipOptions = model_schema(
    UserSIP,
    'SipOptions',
    exclude=('category', 'protocol', 'fullcontact', 'regseconds', 'ipaddr', 'lastms', 'regserver'),
    name=Text(max_length=40, pattern=SIP_NAME, lower=True),
    context=ContextName(required=True),
    type=Text(choices=('friend', 'peer', 'user')),
    secret=Text(max_length=80, one_line=True),
    # A codec Asterisk does not know makes the endpoint fail to load.
    allow=CodecList(max_length=1000),
    disallow=CodecList(max_length=100),
)


class SipProtocolSchema(_AllowList, SipOptions):
    pass


class SccpProtocolSchema(_AllowList, LegacySchema):
    name = Text(max_length=80, pattern=NUMBER)
    context = ContextName(required=True)
    cid_name = Text(max_length=80, printable=True)
    cid_num = Text(max_length=80, pattern=NUMBER)
    disallow = Text(max_length=100, printable=True)
    allow = Text(max_length=1000, printable=True)
    commented = Flag()


class CustomProtocolSchema(LegacySchema):
    name = Text(max_length=40, pattern=r'[a-zA-Z0-9_.-]+')
    context = ContextName(required=True)
    interface = Text(required=True, min_length=1, max_length=128, pattern=CUSTOM_INTERFACE)
    intfsuffix = Text(max_length=32, printable=True)
    commented = Flag()


PROTOCOL_SCHEMAS = {
    'sip': SipProtocolSchema(),
    'sccp': SccpProtocolSchema(),
    'custom': CustomProtocolSchema(),
}


class LineFeaturesSchema(LegacySchema):
    number = Text(max_length=40, pattern=NUMBER)
    device = Text(max_length=32, pattern=r'[0-9a-zA-Z]*')
    num = Integer(minimum=1, maximum=128)
    configregistrar = Text(max_length=128, pattern=r'[a-zA-Z0-9_.-]+')
    description = Text(max_length=1000, strip=False)
    secret = Text(max_length=80, one_line=True)
    callerid = Text(max_length=160, printable=True)
    commented = Flag()


line_features_schema = LineFeaturesSchema()
