"""/service/ipbx/json.php/<mode>/trunk_management/{sip,iax,custom}: one
implementation, one service per protocol."""
from functools import partial

from xivows.jsonphp import crud
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.trunks import queries, service
from xivows.resources.trunks.schemas import (FEATURES_VIEW, list_item, protocol_view,
                                             register_row)


def _items(protocol, term):
    return [list_item(protocol, features, row, register)
            for features, row, register in queries.listed(protocol, term)]


def _view(protocol, trunk_id):
    features = service.get(protocol, trunk_id)
    shown = {'trunkfeatures': FEATURES_VIEW(features),
             'protocol': protocol_view(protocol, service.protocol_of(features))}
    if protocol != 'custom':
        shown['register'] = register_row(queries.register_of(features))
    return shown


for _protocol in ('sip', 'iax', 'custom'):
    register(JsonService('ipbx', f'trunk_management/{_protocol}', acts=crud.acts(
        f'{_protocol} trunk', rows=partial(_items, _protocol), view=partial(_view, _protocol),
        create=partial(service.create, _protocol), edit=partial(service.edit, _protocol),
        delete=partial(service.delete, _protocol),
        delete_all=partial(service.delete_all, _protocol))))  # the original's ids: integers
