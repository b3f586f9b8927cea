"""List items and the `view` object of a schedule."""
from xivows.jsonphp.views.entity import entity_item
from xivows.resources.schedule import actions, queries
from xivows.resources.schedule.schemas import periods_view, schedule_row


def items(schedules):
    """List/search items: the schedule row plus its `entity` when it exists."""
    if not schedules:
        return []
    entities = queries.entities_by_id()
    found = []
    for schedule in schedules:
        item = schedule_row(schedule)
        entity = entities.get(schedule.entity_id)
        if entity is not None:
            item['entity'] = entity_item(entity)
        found.append(item)
    return found


def schedule_view(schedule):
    periods = queries.periods_of(schedule.id)
    opened = [period for period in periods if period.mode == 'opened']
    closed = [period for period in periods if period.mode == 'closed']
    dialaction = {'schedule_fallback': actions.view(schedule.fallback_action,
                                                    schedule.fallback_actionid,
                                                    schedule.fallback_actionargs)}
    for number, period in enumerate(closed, start=1):
        dialaction[str(number)] = actions.view(period.action, period.actionid,
                                               period.actionargs)
    return {
        'schedule': schedule_row(schedule),
        'dialaction': dialaction,
        'opened': periods_view(opened),
        'closed': periods_view(closed),
    }
