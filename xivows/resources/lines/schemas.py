"""Lines: the add/edit input (a protocol object and a flat linefeatures object)
and the wire shapes of list items and views."""
from marshmallow import pre_load

from xivows import wire
from xivows.models.line import LineFeatures, SCCPLine, UserCustom, UserSIP
from xivows.schemas import LegacySchema
from xivows.schemas.fields import ContextName, Flag, Integer, Text
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
    UserSIP, 'SipOptions',
    exclude=('category', 'protocol', 'fullcontact', 'regseconds', 'ipaddr', 'lastms',
             'regserver'),
    name=Text(max_length=40, pattern=SIP_NAME, lower=True),
    context=ContextName(required=True),
    type=Text(choices=('friend', 'peer', 'user')),
    secret=Text(max_length=80, printable=True),
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


PROTOCOL_SCHEMAS = {'sip': SipProtocolSchema(), 'sccp': SccpProtocolSchema(),
                    'custom': CustomProtocolSchema()}


class LineFeaturesSchema(LegacySchema):
    number = Text(max_length=40, pattern=NUMBER)
    device = Text(max_length=32, pattern=r'[0-9a-zA-Z]*')
    num = Integer(minimum=1, maximum=128)
    configregistrar = Text(max_length=128, pattern=r'[a-zA-Z0-9_.-]+')
    description = Text(max_length=1000, strip=False)
    secret = Text(max_length=80, printable=True)
    callerid = Text(max_length=160, printable=True)
    commented = Flag()


line_features_schema = LineFeaturesSchema()

# -- wire shapes ---------------------------------------------------------------

LINE_ROW = wire.RowFormat(LineFeatures, ints=('id', 'protocolid', 'num', 'provisioningid'),
                          bools=('commented', 'encryption'))
SIP_ROW = wire.RowFormat(UserSIP, ints=('id',), bools=('commented',))
SCCP_ROW = wire.RowFormat(SCCPLine, ints=('id',), bools=('commented',))
CUSTOM_ROW = wire.RowFormat(UserCustom, ints=('id',), bools=('commented',))
PROTOCOL_ROWS = {'sip': SIP_ROW, 'sccp': SCCP_ROW, 'custom': CUSTOM_ROW}
# Keys the 2013 server added to every line row (clients of that era read them).
LEGACY_LINE_KEYS = {'internal': False, 'rules_type': '', 'rules_time': '30', 'rules_order': 1,
                    'rules_group': '', 'line_num': 0, 'config': ''}


def identity(protocol, protocol_row):
    if protocol == 'sip':
        return f'SIP/{protocol_row["name"]}'
    if protocol == 'sccp':
        return f'SCCP/{protocol_row["name"]}'
    suffix = protocol_row.get('intfsuffix')
    return protocol_row['interface'] + (f'|{suffix}' if suffix else '')


def initialized(protocol, protocol_row):
    if protocol == 'sip':
        return bool(protocol_row.get('fullcontact'))
    return True


def line_row(line, user_id=None):
    """The prepared linefeatures row (view, and users' `linefeatures`)."""
    row = LINE_ROW(line)
    row['device'] = row['device'] or ''
    row['iduserfeatures'] = user_id or 0
    row.update(LEGACY_LINE_KEYS)
    return row


def protocol_view(protocol, protocol_row_data):
    """The prepared protocol row of a line view."""
    row = PROTOCOL_ROWS[protocol](protocol_row_data)
    row.pop('fullcontact', None)
    if protocol in ('sip', 'custom'):
        row['initialized'] = initialized(protocol, protocol_row_data)
        row['identity'] = identity(protocol, row)
    return row


def list_item(line_data, protocol_data, user, entity_item):
    """A list/search item: the protocol row merged with the line row (line keys win)."""
    protocol = line_data['protocol']
    item = protocol_view(protocol, protocol_data) if protocol_data else {}
    item.update(line_row(line_data, user['id'] if user else 0))
    item['useridentity'] = (f'{user["firstname"]} {user["lastname"]}'.strip() or '-') \
        if user else '-'
    item['initialized'] = initialized(protocol, protocol_data or {})
    item['identity'] = identity(protocol, protocol_data or {'name': line_data['name'],
                                                           'interface': line_data['name']})
    item['entity'] = entity_item or False
    return item


def extension_row(extension):
    """The `exten` key of line and user views."""
    if extension is None:
        return False
    return {'id': extension.id, 'commented': bool(extension.commented),
            'context': extension.context, 'exten': extension.exten, 'type': extension.type,
            'typeval': extension.typeval, 'extenbrut': extension.exten}
