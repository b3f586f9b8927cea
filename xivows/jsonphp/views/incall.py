"""The legacy wire shapes of incalls: list items (with the details of their
answer's destination) and the `view` object."""

from xivows import wire
from xivows.jsonphp.views import ownerlinks
from xivows.models.incall import Incall
from xivows.resources.incall import destinations

_VIEW_ROW = wire.RowFormat(Incall, ints=('id',), bools=('commented',))
_LIST_ROW = wire.RowFormat(Incall, bools=('commented',))

# Every list item carries these keys (null unless the destination has that
# type); voicemenu* only ever null, as in the 2013 list xivo-ws was tested on.
DETAIL_KEYS = (
    'userfirstname',
    'userlastname',
    'groupname',
    'groupnumber',
    'groupcontext',
    'queuename',
    'queuenumber',
    'queuecontext',
    'meetmename',
    'meetmenumber',
    'meetmecontext',
    'voicemailfullname',
    'voicemailmailbox',
    'voicemailcontext',
    'voicemenuname',
    'voicemenunumber',
    'voicemenucontext',
)


def _name_at(name, number, context):
    return lambda row: f'{row[name]} ({row[number]}@{row[context]})'


def _fullname(row):
    return f'{row["firstname"] or ""} {row["lastname"] or ""}'.strip() or '-'


# actiontype -> ({detail key: column}, destidentity of a destination row)
_DESCRIBED = {
    'user': ({'userfirstname': 'firstname', 'userlastname': 'lastname'}, _fullname),
    'group': (
        {'groupname': 'name', 'groupnumber': 'number', 'groupcontext': 'context'},
        _name_at('name', 'number', 'context'),
    ),
    'queue': (
        {'queuename': 'name', 'queuenumber': 'number', 'queuecontext': 'context'},
        _name_at('name', 'number', 'context'),
    ),
    'meetme': (
        {'meetmename': 'name', 'meetmenumber': 'confno', 'meetmecontext': 'context'},
        _name_at('name', 'confno', 'context'),
    ),
    'voicemail': (
        {
            'voicemailfullname': 'fullname',
            'voicemailmailbox': 'mailbox',
            'voicemailcontext': 'context',
        },
        _name_at('fullname', 'mailbox', 'context'),
    ),
    'schedule': ({}, lambda row: row['name']),
    'outcall': ({}, lambda row: row['name']),
}


def identity(exten, context):
    return f'{exten} ({context})'


def _describe(actiontype, row):
    """(detail keys, label) of a found destination."""
    keys, label = _DESCRIBED[actiontype]
    return {key: row[column] for key, column in keys.items()}, label(row)


def _label(action, arg1, arg2):
    """destidentity of a destination that is not a row of another table."""
    actiontype, _, sub = action.partition(':')
    if sub:
        return sub
    if actiontype == 'sound' and arg1:
        return arg1.rsplit('/', 1)[-1]
    if actiontype == 'extension' and arg1:
        return f'{arg1}@{arg2}' if arg2 else arg1
    if actiontype == 'custom' and arg1:
        return arg1
    return '-'


def items(rows):
    """List/search items from `queries.listed` rows; one more query per
    destination type present, whatever the number of rows."""
    kinds = {(row['action'] or '').partition(':')[0] for row in rows}
    found = {
        kind: destinations.details(kind) for kind in kinds if kind in destinations.BY_ACTIONTYPE
    }
    result = []
    for row in rows:
        item = _LIST_ROW(row)
        action = row['action'] or ''
        actiontype = action.partition(':')[0]
        item.update(
            {
                'linked': bool(row['linked']),
                'action': row['action'],
                'actionarg1': row['actionarg1'],
                'actionarg2': row['actionarg2'],
            }
        )
        item.update(dict.fromkeys(DETAIL_KEYS))
        label = _label(action, row['actionarg1'], row['actionarg2'])
        known = found.get(actiontype)
        if known is not None:
            # An unlinked action's destination was deleted: never show another
            # object that happens to have its id.
            destination = known.get(row['actionarg1'] or '') if row['linked'] else None
            if destination is None:
                item['linked'] = False  # the destination is gone
                label = '-'
            else:
                keys, label = _describe(actiontype, destination)
                item.update(keys)
        item['destination'] = actiontype or None
        item['destidentity'] = label
        item['identity'] = identity(row['exten'], row['context'])
        item['entity_displayname'] = row['entity_displayname']
        result.append(item)
    return result


def incall_view(incall):
    row = _VIEW_ROW(incall)
    row['identity'] = identity(incall.exten, incall.context)
    view = {
        'incall': row,
        'dialaction': ownerlinks.dialaction_view('incall', incall.id),
        'rightcall': ownerlinks.rightcall_view('incall', incall.id),
        'callerid': ownerlinks.callerid_view('incall', incall.id),
    }
    return ownerlinks.with_schedule(view, 'incall', incall.id)
