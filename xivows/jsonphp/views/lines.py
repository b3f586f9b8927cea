"""The legacy wire shapes of lines: list items, the view and the `exten` row
(also the users' view's)."""

from xivows import wire
from xivows.models.line import LineFeatures, SCCPLine, UserCustom, UserSIP

LINE_ROW = wire.RowFormat(
    LineFeatures,
    ints=('id', 'protocolid', 'num', 'provisioningid'),
    bools=('commented', 'encryption'),
)
SIP_ROW = wire.RowFormat(UserSIP, ints=('id',), bools=('commented',))
SCCP_ROW = wire.RowFormat(SCCPLine, ints=('id',), bools=('commented',))
CUSTOM_ROW = wire.RowFormat(UserCustom, ints=('id',), bools=('commented',))
PROTOCOL_ROWS = {'sip': SIP_ROW, 'sccp': SCCP_ROW, 'custom': CUSTOM_ROW}
# Keys the 2013 server added to every line row (clients of that era read them).
LEGACY_LINE_KEYS = {
    'internal': False,
    'rules_type': '',
    'rules_time': '30',
    'rules_order': 1,
    'rules_group': '',
    'line_num': 0,
    'config': '',
}


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
    item['useridentity'] = (
        (f'{user["firstname"]} {user["lastname"]}'.strip() or '-') if user else '-'
    )
    item['initialized'] = initialized(protocol, protocol_data or {})
    item['identity'] = identity(
        protocol, protocol_data or {'name': line_data['name'], 'interface': line_data['name']}
    )
    item['entity'] = entity_item or False
    return item


def extension_row(extension):
    """The `exten` key of line and user views."""
    if extension is None:
        return False
    return {
        'id': extension.id,
        'commented': bool(extension.commented),
        'context': extension.context,
        'exten': extension.exten,
        'type': extension.type,
        'typeval': extension.typeval,
        'extenbrut': extension.exten,
    }
