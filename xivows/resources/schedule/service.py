"""Schedules: opening hours with periods, a fallback destination and closed
periods with their own destinations. A schedule is itself a dial-action
destination; deleting one detaches every object linked to it (links.py)."""
from xivows import cascade
from xivows.errors import InvalidInput, NotFound
from xivows.models.schedule import Schedule, ScheduleTime
from xivows.resources.dialaction import service as dialactions
from xivows.resources.schedule import actions, links, periods, queries
from xivows.resources.schedule.schemas import schedule_schema
from xivows.schemas import load
from xivows.jsonphp.documents import body_object

def exists(schedule_id):
    return queries.find(schedule_id) is not None


def get(schedule_id):
    schedule = queries.find(schedule_id)
    if schedule is None:
        raise NotFound.of('schedule', schedule_id)
    return schedule


def _schedule(document):
    section = document.get('schedule')
    if not isinstance(section, dict):
        raise InvalidInput('schedule: is required' if section is None
                           else 'schedule: must be an object')
    values = load(schedule_schema, section, 'schedule')
    values['entity_id'] = values['entity_id'] or None
    if values['entity_id'] and not queries.entity_exists(values['entity_id']):
        raise InvalidInput(f'schedule.entity_id: no such entity: {values["entity_id"]}')
    if queries.name_taken(values['name']):
        raise InvalidInput(f'schedule.name: already used: {values["name"]}')
    entry = None
    if isinstance(document.get('dialaction'), dict):
        entry = document['dialaction'].get('schedule_fallback')
    elif document.get('dialaction') not in (None, False, '', []):
        raise InvalidInput('dialaction: must be an object')
    if entry is None and section.get('fallback_action') is not None:
        # a view's `schedule` row sent back
        entry = actions.from_columns(section['fallback_action'],
                                     section.get('fallback_actionid'),
                                     section.get('fallback_actionargs'))
    action, actionid, actionargs = actions.parse(entry, 'dialaction.schedule_fallback')
    values.update(fallback_action=action, fallback_actionid=actionid,
                  fallback_actionargs=actionargs)
    return values


def _closed_action(period, where):
    entry = period.get('dialaction')
    if entry is None and period.get('action') is not None:
        # a view's `closed` row sent back
        entry = actions.from_columns(period['action'], period.get('actionid'),
                                     period.get('actionargs'))
    return actions.parse(entry, f'{where}.dialaction')


def _periods(document):
    rows = []
    for mode in ('opened', 'closed'):
        for index, period in enumerate(periods.parse_list(document.get(mode), mode)):
            where = f'{mode}.{index}'
            row = {'mode': mode, **periods.parse_period(period, where)}
            if mode == 'closed':
                row['action'], row['actionid'], row['actionargs'] = \
                    _closed_action(period, where)
            rows.append(row)
    return rows


def create(document):
    """Everything is validated before the first write."""
    body_object(document)
    values = _schedule(document)
    rows = _periods(document)
    schedule = Schedule.create(**values)
    for row in rows:
        ScheduleTime.create(schedule_id=schedule.id, **row)
    return schedule.id


def delete(schedule_id):
    schedule = get(schedule_id)
    queries.delete_periods(schedule.id)
    links.detach_all(schedule.id)
    dialactions.unlink('schedule', schedule.id)
    cascade.deleted('schedule', schedule.id)
    schedule.delete_instance()

