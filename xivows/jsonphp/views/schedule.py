"""The legacy wire shapes of schedules: list items and the `view` object."""

from xivows import wire
from xivows.jsonphp.views.entity import entity_item
from xivows.models.schedule import Schedule, ScheduleTime
from xivows.resources.schedule import queries

_SCHEDULE_ROW = wire.RowFormat(Schedule, ints=('id',), bools=('commented',))
_PERIOD_ROW = wire.RowFormat(ScheduleTime, ints=('id', 'schedule_id'), bools=('commented',))


def _args_view(args):
    # The original turned `a;b` argument lists into objects of flags.
    if isinstance(args, str) and ';' in args:
        return {flag: 1 for flag in args.split(';') if flag}
    return args


def action_view(action, actionid, actionargs):
    """A stored fallback or closed-period action: {actiontype, action,
    actionarg1, actionarg2, <actiontype>: {...}, <action>: {...}}, the
    sub-objects being {action, actionarg1, actionarg2}."""
    action = action or 'none'
    actiontype, _, sub = action.partition(':')
    sub = sub or actiontype
    detail = {'action': action, 'actionarg1': actionid, 'actionarg2': _args_view(actionargs)}
    return {
        'actiontype': actiontype,
        'action': sub,
        'actionarg1': actionid,
        'actionarg2': _args_view(actionargs),
        actiontype: detail,
        sub: dict(detail),
    }


def _periods_view(periods):
    """Period rows of one mode, or False when there are none."""
    return [_PERIOD_ROW(period) for period in periods] or False


def items(schedules):
    """List/search items: the schedule row plus its `entity` when it exists."""
    if not schedules:
        return []
    entities = queries.entities_by_id()
    found = []
    for schedule in schedules:
        item = _SCHEDULE_ROW(schedule)
        entity = entities.get(schedule.entity_id)
        if entity is not None:
            item['entity'] = entity_item(entity)
        found.append(item)
    return found


def schedule_view(schedule):
    periods = queries.periods_of(schedule.id)
    opened = [period for period in periods if period.mode == 'opened']
    closed = [period for period in periods if period.mode == 'closed']
    dialaction = {
        'schedule_fallback': action_view(
            schedule.fallback_action, schedule.fallback_actionid, schedule.fallback_actionargs
        )
    }
    for number, period in enumerate(closed, start=1):
        dialaction[str(number)] = action_view(period.action, period.actionid, period.actionargs)
    return {
        'schedule': _SCHEDULE_ROW(schedule),
        'dialaction': dialaction,
        'opened': _periods_view(opened),
        'closed': _periods_view(closed),
    }
