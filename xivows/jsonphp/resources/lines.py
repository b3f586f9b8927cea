"""/service/ipbx/json.php/<mode>/pbx_settings/lines: the acts, and the add/edit
document (`protocol` object, flat `linefeatures` object) read into a LineInput."""

from xivows import numbering
from xivows.errors import InvalidInput
from xivows.ids import parse_int
from xivows.jsonphp import answers, documents
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.entity import entity_item
from xivows.jsonphp.views.lines import extension_row, line_row, list_item, protocol_view
from xivows.resources.lines import queries, service
from xivows.resources.lines.inputs import LineInput

FAMILY, PATH = 'ipbx', 'pbx_settings/lines'


def line_input(document, adding):
    """`protocol` {protocol, context, name, secret, host-type/host-static, any
    protocol column} (required to add; merged on edit) and `linefeatures`
    {number, device, num, configregistrar, description, secret, callerid}."""
    if adding:
        if not isinstance(document, dict) or 'protocol' not in document:
            raise InvalidInput('protocol: is required')
        protocol = document['protocol']
    else:
        documents.body_object(document)
        protocol = document.get('protocol') or {}
    if not isinstance(protocol, dict):
        raise InvalidInput('protocol: must be an object')
    options = dict(documents.host_fields(protocol))
    features = document.get('linefeatures')
    if features is None or features is False:
        features = {}
    if not isinstance(features, dict):
        raise InvalidInput('linefeatures: must be an object')
    return LineInput(
        protocol=options.pop('protocol', None) or None, options=options, features=features
    )


def _filters(call):
    free = call.param('free')
    if free:
        value = parse_int(free)
        if value is None:
            raise InvalidInput('free: must be 0 or 1')
        free = bool(value)
    else:
        free = None
    return {
        'free': free,
        'protocol': call.param('protocol') or None,
        'context': call.param('context') or None,
    }


def items(rows):
    """List items of line rows (an iterator), with a constant number of queries."""
    rows = list(rows)
    ids_by_protocol = {}
    for row in rows:
        ids_by_protocol.setdefault(row['protocol'], set()).add(row['protocolid'])
    protocol_rows = {
        protocol: queries.protocol_rows(protocol, ids) for protocol, ids in ids_by_protocol.items()
    }
    users = queries.users_by_id({row['user_id'] for row in rows if row['user_id']})
    entities = (
        {name: entity_item(row) for name, row in queries.entities_by_context().items()}
        if rows
        else {}
    )
    # Built as the answer is written (each item's text taken in turn), not
    # all at once beside the rows.
    return (
        list_item(
            row,
            protocol_rows[row['protocol']].get(row['protocolid']),
            users.get(row['user_id']),
            entities.get(row['context']),
        )
        for row in rows
    )


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
    return answers.json(
        call,
        {
            'linefeatures': line_row(line, user_id),
            'protocol': protocol_view(line.protocol, service.protocol_of(line).__data__),
            'exten': extension_row(extension),
        },
    )


def add(call):
    return answers.json(call, service.create(line_input(call.object(), adding=True)))


def edit(call):
    line_id = call.int_id('line')
    service.edit(line_id, line_input(call.object(), adding=False))
    return answers.empty()


def delete(call):
    service.delete(call.int_id('line'))
    return answers.empty()


def delete_all(call):
    return answers.empty(204 if service.delete_all() is None else 200)


register(
    JsonService(
        FAMILY,
        PATH,
        acts={
            'list': list_,
            'search': search,
            'view': view,
            'add': add,
            'edit': edit,
            'delete': delete,
            'deleteall': delete_all,
        },
    )
)
