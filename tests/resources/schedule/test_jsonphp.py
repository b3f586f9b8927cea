"""/service/ipbx/json.php/restricted/call_management/schedule"""

import uuid

import pytest
from playhouse.test_utils import count_queries

from tests.helpers.api import added_id
from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import (
    assert_refused,
    check_acl,
    check_bad_documents,
    check_malformed_bodies,
    check_unknown_ids,
    unchanged_store,
)
from xivows.models.dialaction import Dialaction, SchedulePath
from xivows.models.entity import Entity
from xivows.models.schedule import Schedule, ScheduleTime
from xivows.models.user import UserFeatures

F, P = 'ipbx', 'call_management/schedule'
SCHEDULE_KEYS = {
    'id',
    'entity_id',
    'name',
    'timezone',
    'fallback_action',
    'fallback_actionid',
    'fallback_actionargs',
    'description',
    'commented',
}
PERIOD_KEYS = {
    'id',
    'schedule_id',
    'mode',
    'hours',
    'weekdays',
    'monthdays',
    'months',
    'action',
    'actionid',
    'actionargs',
    'commented',
}
OFFICE_HOURS = {'hours': '08:00-12:00', 'weekdays': '1-5', 'monthdays': '1-31', 'months': '1-12'}


@pytest.fixture
def entity_id(app):
    make_default_context()
    return Entity.get(Entity.name == 'acme').id


@pytest.fixture
def user_id(entity_id):
    return UserFeatures.create(
        uuid=str(uuid.uuid4()), firstname='Ann', lastname='Lee', entityid=entity_id
    ).id


def xivo_ws_body(entity_id, name='huit_a_midi', fallback=None, opened=(OFFICE_HOURS,), closed=()):
    """What xivo-ws HEAD sends (objects/schedule.py)."""
    return {
        'schedule': {
            'entity_id': entity_id,
            'name': name,
            'timezone': 'America/Montreal',
            'description': '',
        },
        'dialaction': {'schedule_fallback': fallback or {'actiontype': 'none'}},
        'opened': list(opened),
        'closed': list(closed),
    }


def add(api, entity_id, **kwargs):
    return added_id(api.add(F, P, xivo_ws_body(entity_id, **kwargs)))


def test_add_as_xivo_ws_sends_it_answers_an_integer_id(api, entity_id):
    body = xivo_ws_body(entity_id, fallback={'actiontype': 'endcall', 'action': 'hangup'})
    response = api.add(F, P, body)
    assert response.status_code == 200
    assert response.data.isdigit()  # a JSON integer
    schedule = Schedule.get_by_id(int(response.data))
    assert (schedule.name, schedule.entity_id, schedule.timezone) == (
        'huit_a_midi',
        entity_id,
        'America/Montreal',
    )
    assert (schedule.fallback_action, schedule.fallback_actionid) == ('endcall:hangup', None)
    [period] = ScheduleTime.select()
    assert (
        period.schedule_id,
        period.mode,
        period.hours,
        period.weekdays,
        period.monthdays,
        period.months,
    ) == (schedule.id, 'opened', '08:00-12:00', '1-5', '1-31', '1-12')


def test_add_the_seed_document_example(api, entity_id):
    body = {
        'schedule': {'name': 'huit_a_midi', 'timezone': 'America/Montreal', 'description': ''},
        'dialaction': {'schedule_fallback': {'actiontype': 'endcall', 'action': 'hangup'}},
        'opened': [
            {'hours': '08: 00-12: 00', 'weekdays': '1-5', 'monthdays': '1-31', 'months': '1-12'}
        ],
    }
    schedule = Schedule.get_by_id(added_id(api.add(F, P, body)))
    assert schedule.entity_id is None  # no entity given
    assert ScheduleTime.get(ScheduleTime.schedule_id == schedule.id).hours == '08:00-12:00'


def test_null_or_zero_entity_means_none(api, entity_id):
    first = add(api, None)
    second = add(api, 0, name='other')
    assert Schedule.get_by_id(first).entity_id is None
    assert Schedule.get_by_id(second).entity_id is None


def test_minimal_add(api, entity_id):
    schedule = Schedule.get_by_id(added_id(api.add(F, P, {'schedule': {'name': 'always'}})))
    assert (schedule.fallback_action, schedule.timezone, schedule.description) == ('none', '', '')
    assert not ScheduleTime.select().exists()


def test_closed_periods_keep_their_destination(api, entity_id, user_id):
    closed = [
        {
            'hours': '00:00-23:59',
            'weekdays': '1-7',
            'monthdays': '25',
            'months': '12',
            'dialaction': {'actiontype': 'user', 'actionarg1': str(user_id)},
        },
        {
            'hours': '12:00-13:30',
            'weekdays': '1-5',
            'dialaction': {'actiontype': 'endcall', 'action': 'busy'},
        },
        {'hours': '7:05'},
    ]
    schedule_id = add(api, entity_id, closed=closed)
    rows = list(
        ScheduleTime.select().where(ScheduleTime.mode == 'closed').order_by(ScheduleTime.id)
    )
    assert [(row.action, row.actionid) for row in rows] == [
        ('user', str(user_id)),
        ('endcall:busy', None),
        ('none', None),
    ]
    assert (rows[1].monthdays, rows[1].months) == ('1-31', '1-12')  # absent: all
    assert rows[2].hours == '07:05'
    assert all(row.schedule_id == schedule_id for row in rows)


def test_list_item_format(api, entity_id):
    assert api.list(F, P).status_code == 204
    schedule_id = add(api, entity_id, fallback={'actiontype': 'endcall', 'action': 'hangup'})
    add(api, None, name='no entity')
    response = api.list(F, P)
    assert response.status_code == 200
    first, second = response.get_json()
    assert set(first) == SCHEDULE_KEYS | {'entity'}
    assert first['id'] == schedule_id
    assert first['entity_id'] == str(entity_id)
    assert (first['name'], first['timezone'], first['description']) == (
        'huit_a_midi',
        'America/Montreal',
        '',
    )
    assert (
        first['fallback_action'],
        first['fallback_actionid'],
        first['fallback_actionargs'],
    ) == ('endcall:hangup', None, '')
    assert first['commented'] is False
    assert first['entity']['name'] == 'acme' and first['entity']['id'] == str(entity_id)
    assert set(second) == SCHEDULE_KEYS
    assert second['entity_id'] is None
    assert api.request(F, P).get_json() == [first, second]  # list is the default act


def test_list_runs_a_constant_number_of_queries(api, entity_id):
    add(api, entity_id)
    with count_queries() as few:
        api.list(F, P)
    for index in range(10):
        add(api, entity_id if index % 2 else None, name=f'schedule {index}')
    with count_queries() as many:
        assert len(api.list(F, P).get_json()) == 11
    assert many.count == few.count


@pytest.mark.parametrize(
    'term,found',
    [
        ('huit', ['huit_a_midi']),
        ('HUIT', ['huit_a_midi']),
        ('week', ['weekend']),
        ('closed on', ['weekend']),
        ('_', ['huit_a_midi']),
        ('%', []),
        ('nothing', []),
    ],
)
def test_search(api, entity_id, term, found):
    add(api, entity_id)
    body = xivo_ws_body(entity_id, name='weekend')
    body['schedule']['description'] = 'Closed on sundays'
    added_id(api.add(F, P, body))
    response = api.search(F, P, term)
    if found:
        assert [item['name'] for item in response.get_json()] == found
    else:
        assert response.status_code == 204


def test_search_without_term_is_204(api, entity_id):
    add(api, entity_id)
    assert api.request(F, P, 'search').status_code == 204
    assert api.search(F, P, '').status_code == 204


def test_view_format(api, entity_id, user_id):
    closed = [
        {
            **OFFICE_HOURS,
            'hours': '12:00-13:00',
            'dialaction': {'actiontype': 'user', 'actionarg1': user_id, 'actionarg2': '20'},
        },
        {
            **OFFICE_HOURS,
            'hours': '18:00-19:00',
            'dialaction': {'actiontype': 'endcall', 'action': 'busy'},
        },
    ]
    schedule_id = add(
        api, entity_id, fallback={'actiontype': 'endcall', 'action': 'hangup'}, closed=closed
    )
    response = api.view(F, P, schedule_id)
    assert response.status_code == 200
    view = response.get_json()
    assert set(view) == {'schedule', 'dialaction', 'opened', 'closed'}
    assert set(view['schedule']) == SCHEDULE_KEYS
    assert view['schedule']['id'] == schedule_id
    assert view['schedule']['entity_id'] == str(entity_id)
    assert view['schedule']['commented'] is False
    assert set(view['dialaction']) == {'schedule_fallback', '1', '2'}
    hangup = {'action': 'endcall:hangup', 'actionarg1': None, 'actionarg2': ''}
    assert view['dialaction']['schedule_fallback'] == {
        'actiontype': 'endcall',
        'action': 'hangup',
        'actionarg1': None,
        'actionarg2': '',
        'endcall': hangup,
        'hangup': hangup,
    }
    to_user = {'action': 'user', 'actionarg1': str(user_id), 'actionarg2': '20'}
    assert view['dialaction']['1'] == {
        'actiontype': 'user',
        'action': 'user',
        'actionarg1': str(user_id),
        'actionarg2': '20',
        'user': to_user,
    }
    assert view['dialaction']['2']['action'] == 'busy'
    [opened] = view['opened']
    assert set(opened) == PERIOD_KEYS
    assert opened['id'] > 0 and opened['schedule_id'] == schedule_id
    assert (opened['mode'], opened['hours'], opened['action'], opened['commented']) == (
        'opened',
        '08:00-12:00',
        None,
        False,
    )
    assert [
        (row['mode'], row['hours'], row['action'], row['actionid']) for row in view['closed']
    ] == [
        ('closed', '12:00-13:00', 'user', str(user_id)),
        ('closed', '18:00-19:00', 'endcall:busy', None),
    ]
    # the seed document's URL: extra path segments are ignored
    assert api.view(F, 'call_management/schedule/users', schedule_id).get_json() == view


def test_view_without_periods(api, entity_id):
    schedule_id = add(api, entity_id, opened=())
    view = api.view(F, P, schedule_id).get_json()
    assert view['opened'] is False and view['closed'] is False
    assert view['dialaction'] == {
        'schedule_fallback': {
            'actiontype': 'none',
            'action': 'none',
            'actionarg1': None,
            'actionarg2': '',
            'none': {'action': 'none', 'actionarg1': None, 'actionarg2': ''},
        }
    }


def test_a_view_sent_back_as_an_add_copies_the_schedule(api, entity_id, user_id):
    closed = [{**OFFICE_HOURS, 'dialaction': {'actiontype': 'user', 'actionarg1': user_id}}]
    schedule_id = add(
        api, entity_id, fallback={'actiontype': 'endcall', 'action': 'hangup'}, closed=closed
    )
    view = api.view(F, P, schedule_id).get_json()
    view['schedule']['name'] = 'copy'
    del view['dialaction']
    copy = api.view(F, P, added_id(api.add(F, P, view))).get_json()
    for part in ('schedule', 'opened', 'closed'):
        rows = copy[part] if part != 'schedule' else [copy[part]]
        originals = view[part] if part != 'schedule' else [view[part]]
        assert [{**row, 'id': 0, 'schedule_id': 0} for row in rows] == [
            {**row, 'id': 0, 'schedule_id': 0} for row in originals
        ]


def test_a_schedule_is_a_dial_action_destination(api, entity_id):
    schedule_id = add(api, entity_id)
    other_id = add(
        api,
        entity_id,
        name='other',
        fallback={'actiontype': 'schedule', 'actionarg1': schedule_id},
    )
    assert Schedule.get_by_id(other_id).fallback_actionid == str(schedule_id)
    check_bad_documents(
        api,
        F,
        P,
        'add',
        [
            xivo_ws_body(
                entity_id, name='third', fallback={'actiontype': 'schedule', 'actionarg1': 999999}
            )
        ],
    )


def test_delete_removes_periods_links_and_unlinks_dial_actions(api, entity_id, user_id):
    closed = [{**OFFICE_HOURS, 'dialaction': {'actiontype': 'endcall', 'action': 'busy'}}]
    schedule_id = add(api, entity_id, closed=closed)
    other_id = add(
        api,
        entity_id,
        name='other',
        fallback={'actiontype': 'schedule', 'actionarg1': schedule_id},
    )
    SchedulePath.create(schedule_id=schedule_id, path='user', pathid=user_id)
    SchedulePath.create(schedule_id=other_id, path='incall', pathid=1)
    Dialaction.create(
        event='noanswer',
        category='user',
        categoryval=str(user_id),
        action='schedule',
        actionarg1=str(schedule_id),
        linked=True,
    )
    assert api.delete(F, P, schedule_id).status_code == 200
    assert not Schedule.select().where(Schedule.id == schedule_id).exists()
    assert not ScheduleTime.select().where(ScheduleTime.schedule_id == schedule_id).exists()
    assert [row.schedule_id for row in SchedulePath.select()] == [other_id]
    assert Dialaction.get(Dialaction.event == 'noanswer').linked is False
    other = Schedule.get_by_id(other_id)
    assert (other.fallback_action, other.fallback_actionid) == ('none', None)
    assert api.delete(F, P, schedule_id).status_code == 404


def test_deleting_a_destination_clears_fallbacks_and_closed_periods(api, entity_id, user_id):
    to_user = {'actiontype': 'user', 'actionarg1': user_id}
    schedule_id = add(
        api, entity_id, fallback=to_user, closed=[{**OFFICE_HOURS, 'dialaction': to_user}]
    )
    assert api.delete('ipbx', 'pbx_settings/users', user_id).status_code == 200
    schedule = Schedule.get_by_id(schedule_id)
    assert (schedule.fallback_action, schedule.fallback_actionid) == ('none', None)
    period = ScheduleTime.get(ScheduleTime.mode == 'closed')
    assert (period.action, period.actionid) == ('none', None)


def test_no_edit_and_no_deleteall(api, entity_id):
    schedule_id = add(api, entity_id)
    for act in ('edit', 'deleteall'):
        with unchanged_store():
            assert_refused(
                api.request(F, P, act, id=schedule_id, body={'schedule': {'name': 'x'}}), 400
            )


def test_unknown_ids(api, entity_id):
    check_unknown_ids(api, F, P, acts=('view', 'delete'))


def test_malformed_bodies(api, entity_id):
    check_malformed_bodies(api, F, P, 'add')


@pytest.mark.parametrize(
    'hours',
    [
        '8-12',
        '08:00-',
        '08:00-12:00-14:00',
        '24:00-25:00',
        '08:60-09:00',
        '08h00-12h00',
        'all day',
        '',
        800,
        ['08:00-12:00'],
        '١٢:٠٠-١٣:٠٠',
    ],
)
def test_bad_hours(api, entity_id, hours):
    with unchanged_store():
        assert_refused(
            api.add(F, P, xivo_ws_body(entity_id, opened=[{**OFFICE_HOURS, 'hours': hours}]))
        )


@pytest.mark.parametrize(
    'field,value',
    [
        ('weekdays', '0-5'),
        ('weekdays', '1-8'),
        ('weekdays', '5-1'),
        ('weekdays', 'mon-fri'),
        ('weekdays', '1--5'),
        ('weekdays', '1,,2'),
        ('monthdays', '32'),
        ('monthdays', '0'),
        ('months', '13'),
        ('months', '1-12,'),
        ('months', True),
        ('months', {'from': 1}),
        ('months', '1' * 200),
    ],
)
def test_bad_days(api, entity_id, field, value):
    with unchanged_store():
        assert_refused(
            api.add(F, P, xivo_ws_body(entity_id, opened=[{**OFFICE_HOURS, field: value}]))
        )


def test_days_are_normalised(api, entity_id):
    period = {
        'hours': ' 8:30 - 17:00 ',
        'weekdays': '1 - 5, 7',
        'monthdays': 15,
        'months': '1,3-4',
    }
    add(api, entity_id, opened=[period])
    row = ScheduleTime.get()
    assert (row.hours, row.weekdays, row.monthdays, row.months) == (
        '08:30-17:00',
        '1-5,7',
        '15',
        '1,3-4',
    )


def test_invalid_documents(api, entity_id, user_id):
    add(api, entity_id, name='taken')

    def body(**schedule):
        document = xivo_ws_body(entity_id)
        document['schedule'].update(schedule)
        return document

    check_bad_documents(
        api,
        F,
        P,
        'add',
        [
            {},
            {'schedule': 'huit_a_midi'},
            {'schedule': {'timezone': 'Europe/Paris'}},
            {'opened': [OFFICE_HOURS]},
            body(name=''),
            body(name='taken'),
            body(name='x' * 257),
            body(name=['a']),
            body(name='a\x07b'),
            body(entity_id=999999),
            body(entity_id='acme'),
            body(entity_id=-1),
            body(entity_id=2**40),
            body(timezone='Europe/Paris; rm -rf'),
            body(timezone='x' * 129),
            body(description='x' * 1001),
            body(commented='sometimes'),
            {**body(), 'dialaction': 'none'},
            {**body(), 'dialaction': {'schedule_fallback': 'none'}},
            {**body(), 'dialaction': {'schedule_fallback': {'actiontype': 'teleport'}}},
            {**body(), 'dialaction': {'schedule_fallback': {'actiontype': 'endcall'}}},
            {
                **body(),
                'dialaction': {'schedule_fallback': {'actiontype': 'user', 'actionarg1': 999999}},
            },
            {
                **body(),
                'dialaction': {'schedule_fallback': {'actiontype': 'user', 'actionarg1': ['1']}},
            },
            {**body(), 'opened': 'always'},
            {**body(), 'opened': [OFFICE_HOURS, 'lunch']},
            {**body(), 'opened': [{'weekdays': '1-5'}]},
            {**body(), 'closed': {'hours': '08:00-09:00'}},
            {
                **body(),
                'closed': [
                    {**OFFICE_HOURS, 'dialaction': {'actiontype': 'user', 'actionarg1': 999999}}
                ],
            },
            {**body(), 'closed': [{**OFFICE_HOURS, 'dialaction': 'hangup'}]},
            {**body(), 'closed': [{**OFFICE_HOURS, 'action': 'teleport'}]},
        ],
    )


def test_acl(api, entity_id):
    check_acl(api, F, P, 'service/ipbx/call_management/schedule')
