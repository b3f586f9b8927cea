"""/service/ipbx/json.php/<mode>/pbx_settings/lines"""
from xivows import numbering
from xivows.errors import InvalidInput
from xivows.jsonphp import answers
from xivows.ids import parse_int
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.entity import entity_item
from xivows.resources.lines import queries, service
from xivows.resources.lines.schemas import extension_row, line_row, list_item, protocol_view

FAMILY, PATH = 'ipbx', 'pbx_settings/lines'


def _filters(call):
    free = call.param('free')
    if free:
        value = parse_int(free)
        if value is None:
            raise InvalidInput('free: must be 0 or 1')
        free = bool(value)
    else:
        free = None
    return {'free': free, 'protocol': call.param('protocol') or None,
            'context': call.param('context') or None}


def items(rows):
    """List items of line rows, with a constant number of queries."""
    rows = list(rows)
    ids_by_protocol = {}
    for row in rows:
        ids_by_protocol.setdefault(row['protocol'], set()).add(row['protocolid'])
    protocol_rows = {protocol: queries.protocol_rows(protocol, ids)
                     for protocol, ids in ids_by_protocol.items()}
    users = queries.users_by_id({row['user_id'] for row in rows if row['user_id']})
    entities = {name: entity_item(row) for name, row in queries.entities_by_context().items()} \
        if rows else {}
    return [list_item(row, protocol_rows[row['protocol']].get(row['protocolid']),
                      users.get(row['user_id']), entities.get(row['context']))
            for row in rows]


def list_(call):
    return answers.rows(call, items(queries.lines(**_filters(call))))


def search(call):
    term = call.param('search')
    if not term:
        return answers.rows(call, [])
    return answers.rows(call, items(queries.lines(search=term, **_filters(call))))


def view(call):
    line = service.get(call.int_id('line'))
    user_id = service.user_id_of(line)
    extension = numbering.extension_of('user', user_id) if user_id else None
    return answers.json(call, {
        'linefeatures': line_row(line, user_id),
        'protocol': protocol_view(line.protocol, service.protocol_of(line).__data__),
        'exten': extension_row(extension),
    })


def add(call):
    return answers.json(call, service.create_from_document(call.object()).id)


def edit(call):
    service.edit_from_document(call.int_id('line'), call.object())
    return answers.empty()


def delete(call):
    service.delete(service.get(call.int_id('line')))
    return answers.empty()


def delete_all(call):
    lines = list(queries.LineFeatures.select())
    if not lines:
        return answers.empty(204)
    for line in lines:
        service.delete(line)
    return answers.empty()


register(JsonService(FAMILY, PATH, acts={
    'list': list_, 'search': search, 'view': view, 'add': add, 'edit': edit,
    'delete': delete, 'deleteall': delete_all}))
