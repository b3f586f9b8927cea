"""/service/ipbx/json.php/<mode>/trunk_management/{sip,iax,custom}: one
implementation, one service per protocol."""
from xivows.jsonphp import answers
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.trunks import queries, service
from xivows.resources.trunks.schemas import (FEATURES_VIEW, list_item, protocol_view,
                                             register_row)


def _items(protocol, rows):
    return [list_item(protocol, features, row, register) for features, row, register in rows]


def _acts(protocol):
    def list_(call):
        return answers.rows(call, _items(protocol, queries.listed(protocol)))

    def search(call):
        term = call.param('search')
        if not term:
            return answers.rows(call, [])
        return answers.rows(call, _items(protocol, queries.listed(protocol, term)))

    def view(call):
        features = service.get(protocol, call.int_id(f'{protocol} trunk'))
        shown = {'trunkfeatures': FEATURES_VIEW(features),
                 'protocol': protocol_view(protocol, service.protocol_of(features))}
        if protocol != 'custom':
            shown['register'] = register_row(queries.register_of(features))
        return answers.json(call, shown)

    def add(call):
        # The original answered the new trunkfeatures id as a JSON integer.
        return answers.json(call, service.create(protocol, call.object()))

    def edit(call):
        service.edit(protocol, call.int_id(f'{protocol} trunk'), call.object())
        return answers.empty()

    def delete(call):
        service.delete(protocol, call.int_id(f'{protocol} trunk'))
        return answers.empty()

    def delete_all(call):
        if service.delete_all(protocol) is None:
            return answers.empty(204)
        return answers.empty()

    return {'list': list_, 'search': search, 'view': view, 'add': add, 'edit': edit,
            'delete': delete, 'deleteall': delete_all}


for _protocol in ('sip', 'iax', 'custom'):
    register(JsonService('ipbx', f'trunk_management/{_protocol}', acts=_acts(_protocol)))
