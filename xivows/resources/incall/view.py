"""List items and the `view` object of an incall."""
from xivows.resources.callerid import service as callerids
from xivows.resources.dialaction import service as dialactions
from xivows.resources.incall import destinations
from xivows.resources.incall.schemas import identity, incall_row, list_row
from xivows.resources.rightcall import service as rightcalls
from xivows.resources.schedule import links as schedules


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
    found = {kind: destinations.details(kind) for kind in kinds
             if kind in destinations.BY_ACTIONTYPE}
    result = []
    for row in rows:
        item = list_row(row)
        action = row['action'] or ''
        actiontype = action.partition(':')[0]
        item.update({
            'linked': bool(row['linked']),
            'action': row['action'],
            'actionarg1': row['actionarg1'],
            'actionarg2': row['actionarg2'],
        })
        item.update(dict.fromkeys(destinations.DETAIL_KEYS))
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
                keys, label = destinations.describe(actiontype, destination)
                item.update(keys)
        item['destination'] = actiontype or None
        item['destidentity'] = label
        item['identity'] = identity(row['exten'], row['context'])
        item['entity_displayname'] = row['entity_displayname']
        result.append(item)
    return result


def incall_view(incall):
    view = {
        'incall': incall_row(incall),
        'dialaction': dialactions.view_for('incall', incall.id),
        'rightcall': rightcalls.view_for('incall', incall.id),
        'callerid': callerids.view_for('incall', incall.id),
    }
    schedule_id = schedules.schedule_of('incall', incall.id)
    if schedule_id:
        view['schedule_id'] = schedule_id
    return view
