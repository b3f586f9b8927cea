"""Schedules: opening hours with periods, a fallback destination and closed
periods with their own destinations. A schedule is itself a dial-action
destination; deleting one detaches every object linked to it (links.py)."""

from xivows import cascade
from xivows.errors import InvalidInput
from xivows.models.schedule import Schedule, ScheduleTime
from xivows.resources import lookup
from xivows.resources.dialaction import service as dialactions
from xivows.resources.schedule import actions, links, periods, queries
from xivows.resources.schedule.inputs import ScheduleInput
from xivows.resources.schedule.schemas import schedule_schema
from xivows.schemas import load


def exists(schedule_id: int) -> bool:
    return queries.find(schedule_id) is not None


def get(schedule_id: int) -> Schedule:
    return lookup.found(queries.find(schedule_id), 'schedule', schedule_id)


def _schedule(given: ScheduleInput) -> dict:
    values = load(schedule_schema, given.fields, 'schedule')
    values['entity_id'] = values['entity_id'] or None
    if values['entity_id'] and not queries.entity_exists(values['entity_id']):
        raise InvalidInput(f'schedule.entity_id: no such entity: {values["entity_id"]}')
    if queries.name_taken(values['name']):
        raise InvalidInput(f'schedule.name: already used: {values["name"]}')
    action, actionid, actionargs = actions.parse(given.fallback, 'dialaction.schedule_fallback')
    values.update(
        fallback_action=action, fallback_actionid=actionid, fallback_actionargs=actionargs
    )
    return values


def _periods(given: ScheduleInput) -> list[dict]:
    rows = []
    for mode, listed in (('opened', given.opened), ('closed', given.closed)):
        for index, period in enumerate(listed):
            where = f'{mode}.{index}'
            row = {'mode': mode, **periods.parse_period(period, where)}
            if mode == 'closed':
                row['action'], row['actionid'], row['actionargs'] = actions.parse(
                    period.get('dialaction'), f'{where}.dialaction'
                )
            rows.append(row)
    return rows


def create(given: ScheduleInput) -> int:
    """Everything is validated before the first write."""
    values = _schedule(given)
    rows = _periods(given)
    schedule = Schedule.create(**values)
    for row in rows:
        ScheduleTime.create(schedule_id=schedule.id, **row)
    return schedule.id


def delete(schedule_id: int) -> None:
    schedule = get(schedule_id)
    queries.delete_periods(schedule.id)
    links.detach_all(schedule.id)
    dialactions.unlink('schedule', schedule.id)
    cascade.deleted('schedule', schedule.id)
    schedule.delete_instance()
