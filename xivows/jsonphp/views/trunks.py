"""The legacy wire shapes of trunks: list items and the `view` object."""

from xivows import wire
from xivows.models.line import UserCustom, UserSIP
from xivows.models.trunk import TrunkFeatures, TrunkRegister, UserIAX
from xivows.resources.trunks import queries, service

FEATURES_VIEW = wire.RowFormat(
    TrunkFeatures, ints=('id', 'protocolid', 'registerid'), bools=('registercommented',)
)
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


def items(protocol, term):
    return [
        list_item(protocol, features, row, register)
        for features, row, register in queries.listed(protocol, term)
    ]


def trunk_view(protocol, features):
    shown = {
        'trunkfeatures': FEATURES_VIEW(features),
        'protocol': protocol_view(protocol, service.protocol_of(features)),
    }
    if protocol != 'custom':
        shown['register'] = register_row(queries.register_of(features))
    return shown
