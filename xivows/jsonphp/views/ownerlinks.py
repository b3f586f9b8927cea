"""The legacy shapes of what hangs on an owner (user, group, queue, incall,
outcall): its dial actions ("prepared" rows), call permissions, caller id rule
and schedule."""

from xivows.resources.callerid import service as callerids
from xivows.resources.dialaction import service as dialactions
from xivows.resources.rightcall import service as rightcalls
from xivows.resources.schedule import links as schedules


def prepared(row):
    """A stored dial action in the legacy view shape."""
    actiontype, _, sub = row.action.partition(':')
    item = {
        'event': row.event,
        'category': row.category,
        'categoryval': row.categoryval,
        'action': sub or None,
        'actionarg1': row.actionarg1,
        'actionarg2': row.actionarg2,
        'linked': bool(row.linked),
        'actiontype': actiontype,
    }
    for kind in dialactions.ACTIONTYPES + ('voicemenu',):  # voicemenu: shown by 2012-2013 servers
        item[kind] = {'action': '', 'actionarg1': '', 'actionarg2': ''}
    active = {'action': row.action, 'actionarg1': row.actionarg1, 'actionarg2': row.actionarg2}
    item[actiontype] = active
    if sub:
        item[sub] = dict(active)
    return item


def dialaction_view(category, categoryval):
    """{event: prepared} of an owner, or False when it has none."""
    rows = dialactions.rows_for(category, categoryval)
    return {row.event: prepared(row) for row in rows} or False


def rightcall_view(kind, owner_id):
    rows = rightcalls.rows_for(kind, owner_id)
    return [
        {
            'id': str(row.id),
            'rightcallid': str(row.rightcallid),
            'type': row.type,
            'typeval': row.typeval,
        }
        for row in rows
    ] or False


def callerid_view(kind, owner_id):
    row = callerids.row_for(kind, owner_id)
    if row is None:
        return False
    return {
        'mode': row.mode,
        'callerdisplay': row.callerdisplay,
        'type': row.type,
        'typeval': str(row.typeval),
    }


def with_schedule(view, kind, owner_id):
    """`view` with `schedule_id` when the owner has a schedule (groups, queues,
    incalls and outcalls show it only then)."""
    schedule_id = schedules.schedule_of(kind, owner_id)
    if schedule_id:
        view['schedule_id'] = schedule_id
    return view
