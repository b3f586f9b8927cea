"""/service/ipbx/json.php/<mode>/call_management/schedule: the acts, and the
add document (`schedule`, `dialaction.schedule_fallback`, `opened`, `closed`)
read into a ScheduleInput. The original had no search (it answered the list);
the seed document lists one: a substring of the name or the description."""

from xivows.errors import InvalidInput
from xivows.jsonphp import crud, documents
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.schedule import items, schedule_view
from xivows.resources.schedule import queries, service
from xivows.resources.schedule.inputs import ScheduleInput

PERIOD_KEYS = ('hours', 'weekdays', 'monthdays', 'months')


def _from_columns(action, actionid, actionargs):
    """Stored action columns (a view row sent back) -> a dial-action entry."""
    if not isinstance(action, str):
        return action  # the service refuses it with a reason
    actiontype, _, sub = action.partition(':')
    entry = {'actiontype': actiontype, 'actionarg1': actionid, 'actionarg2': actionargs}
    if sub:
        entry['action'] = sub
    return entry


def _fallback(document, section):
    entries = document.get('dialaction')
    entry = None
    if isinstance(entries, dict):
        entry = entries.get('schedule_fallback')
    elif entries not in (None, False, '', []):
        raise InvalidInput('dialaction: must be an object')
    if entry is None and section.get('fallback_action') is not None:
        # a view's `schedule` row sent back
        entry = _from_columns(
            section['fallback_action'],
            section.get('fallback_actionid'),
            section.get('fallback_actionargs'),
        )
    return entry


def _periods(document, mode):
    """A list of periods (absent, null, false or empty: none); a closed
    period's destination is its `dialaction`, or its columns (a view's row)."""
    value = document.get(mode)
    if value in (None, False, '') or value == [] or value == {}:
        return []
    if not isinstance(value, list):
        raise InvalidInput(f'{mode}: must be a list of periods')
    if mode == 'opened':
        return value
    periods = []
    for period in value:
        if isinstance(period, dict):
            entry = period.get('dialaction')
            if entry is None and period.get('action') is not None:
                entry = _from_columns(
                    period['action'], period.get('actionid'), period.get('actionargs')
                )
            period = {
                **{key: period[key] for key in PERIOD_KEYS if key in period},
                'dialaction': entry,
            }
        periods.append(period)
    return periods


def schedule_input(document):
    documents.body_object(document)
    section = document.get('schedule')
    if not isinstance(section, dict):
        raise InvalidInput(
            'schedule: is required' if section is None else 'schedule: must be an object'
        )
    return ScheduleInput(
        fields=section,
        fallback=_fallback(document, section),
        opened=_periods(document, 'opened'),
        closed=_periods(document, 'closed'),
    )


register(
    JsonService(
        'ipbx',
        'call_management/schedule',
        acts=crud.acts(
            'schedule',
            rows=lambda term: items(queries.listed(term)),
            view=lambda schedule_id: schedule_view(service.get(schedule_id)),
            create=lambda document: service.create(schedule_input(document)),
            delete=service.delete,
        ),
    )
)  # ids are integers on the wire
