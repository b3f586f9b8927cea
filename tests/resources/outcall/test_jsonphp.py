"""/service/ipbx/json.php/restricted/call_management/outcall"""

import pytest
from playhouse.test_utils import count_queries

from tests.helpers.api import added_id
from tests.helpers.fixtures import make_context, make_default_context
from tests.helpers.scenarios import (
    assert_refused,
    check_acl,
    check_bad_documents,
    check_malformed_bodies,
    check_unknown_ids,
    unchanged_store,
)
from xivows.models.dialaction import Dialaction, Rightcall, RightcallMember, SchedulePath
from xivows.models.extension import Extension
from xivows.models.outcall import DialPattern, Outcall, OutcallTrunk
from xivows.models.schedule import Schedule
from xivows.resources.outcall import service

F, P = 'ipbx', 'call_management/outcall'
LIST_KEYS = {
    'id',
    'name',
    'context',
    'useenum',
    'internal',
    'preprocess_subroutine',
    'hangupringtime',
    'commented',
    'description',
    'identity',
}


@pytest.fixture
def trunks(api):
    """Two custom trunks, through their service."""
    make_default_context()
    ids = []
    for name in ('t1', 't2'):
        response = api.add(
            F,
            'trunk_management/custom',
            {'protocol': {'name': name, 'interface': f'dahdi/{name}'}},
        )
        ids.append(added_id(response))
    return ids


def xivo_ws_body(name, trunk_ids, extens=(), context='to-extern'):
    """What xivo-ws HEAD sends (objects/outcall.py): patterns in reverse order
    of the client's list, one trailing '' on every array."""
    body = {'outcall': {'name': name, 'context': context}, 'outcalltrunk': list(trunk_ids)}
    if extens:
        rows = [
            {
                'id': '0',
                'externprefix': '',
                'prefix': '',
                'exten': exten,
                'stripnum': stripnum,
                'callerid': callerid,
            }
            for exten, stripnum, callerid in reversed(extens)
        ]
        body['dialpattern'] = {key: [row[key] for row in rows] + [''] for key in rows[0]}
    return body


def add(api, name, trunk_ids, extens=(), **extra):
    return added_id(api.add(F, P, {**xivo_ws_body(name, trunk_ids, extens), **extra}))


# -- add ---------------------------------------------------------------------------


def test_add_as_xivo_ws_sends_it(api, trunks):
    body = xivo_ws_body('foobar', trunks, [('123', 1, 'Foo'), ('456', 0, 'Bar')])
    assert body['dialpattern']['exten'] == ['456', '123', '']  # the client's own test
    response = api.add(F, P, body)
    assert response.status_code == 200
    assert response.data.startswith(b'"')  # the id, as a JSON string
    outcall = Outcall.get_by_id(added_id(response))
    assert (outcall.name, outcall.context) == ('foobar', 'to-extern')
    patterns = list(
        DialPattern.select().where(DialPattern.typeid == outcall.id).order_by(DialPattern.id)
    )
    assert [(p.exten, p.stripnum, p.callerid, p.type) for p in patterns] == [
        ('456', 0, 'Bar', 'outcall'),
        ('123', 1, 'Foo', 'outcall'),
    ]
    extensions = {
        (e.context, e.exten, e.type, e.typeval)
        for e in Extension.select().where(Extension.type == 'outcall')
    }
    assert extensions == {('to-extern', p.exten, 'outcall', str(p.id)) for p in patterns}
    links = list(
        OutcallTrunk.select()
        .where(OutcallTrunk.outcallid == outcall.id)
        .order_by(OutcallTrunk.priority)
    )
    assert [(link.trunkfeaturesid, link.priority) for link in links] == [
        (trunks[0], 0),
        (trunks[1], 1),
    ]


def test_patterns_as_a_list_of_objects(api, trunks):
    outcall_id = add(
        api,
        'out',
        trunks[:1],
        dialpattern=[
            {'exten': '_0XXXXXXXXX', 'prefix': '+33', 'externprefix': '0', 'stripnum': '1'},
            {'exten': '_00.', 'stripnum': 2},
        ],
    )
    assert [
        (p.exten, p.prefix, p.stripnum)
        for p in DialPattern.select()
        .where(DialPattern.typeid == outcall_id)
        .order_by(DialPattern.id)
    ] == [('_0XXXXXXXXX', '+33', 1), ('_00.', '', 2)]


def test_a_pattern_row_without_the_sentinel_is_kept(api, trunks):
    # The original dropped the last row whatever it held; only blank rows are dropped here.
    add(api, 'out', trunks, dialpattern={'exten': ['100', '200'], 'stripnum': [0, 0]})
    assert sorted(p.exten for p in DialPattern.select()) == ['100', '200']


def test_add_with_call_permissions_and_schedule(api, trunks):
    rightcall = Rightcall.create(
        name='intl', passwd='', authorization=True, commented=False, description=''
    )
    schedule = Schedule.create(name='office', timezone='Europe/Paris')
    outcall_id = add(api, 'out', trunks, rightcall=[rightcall.id], schedule_id=schedule.id)
    assert [
        row.rightcallid
        for row in RightcallMember.select().where(RightcallMember.type == 'outcall')
    ] == [rightcall.id]
    view = api.view(F, P, outcall_id).json
    assert view['schedule_id'] == schedule.id
    assert view['rightcall'][0]['rightcallid'] == str(rightcall.id)


def test_add_refusals_leave_the_store_unchanged(api, trunks):
    add(api, 'taken', trunks, [('999', 0, '')])
    good = xivo_ws_body('out', trunks, [('123', 0, '')])
    check_bad_documents(
        api,
        F,
        P,
        'add',
        [
            {},
            [],
            {'outcall': 'x', 'outcalltrunk': trunks},
            {'outcalltrunk': trunks},
            {**good, 'outcall': {'context': 'to-extern'}},
            {**good, 'outcall': {'name': 'out'}},
            {**good, 'outcall': {'name': 'Out', 'context': 'to-extern'}},
            {**good, 'outcall': {'name': 'a b', 'context': 'to-extern'}},
            {**good, 'outcall': {'name': 'x' * 129, 'context': 'to-extern'}},
            {**good, 'outcall': {'name': 'taken', 'context': 'to-extern'}},
            {**good, 'outcall': {'name': 'out', 'context': 'nowhere'}},
            {**good, 'outcall': {'name': 'out', 'context': 'to-extern', 'hangupringtime': 'x'}},
            {**good, 'outcall': {'name': 'out', 'context': 'to-extern', 'internal': 'maybe'}},
            {**good, 'outcalltrunk': []},
            {**good, 'outcalltrunk': None},
            {**good, 'outcalltrunk': 'x'},
            {**good, 'outcalltrunk': [999999]},
            {**good, 'outcalltrunk': ['1; drop table outcall']},
            {**good, 'dialpattern': 'x'},
            {**good, 'dialpattern': {'exten': '123'}},
            {**good, 'dialpattern': {'exten': ['12 3', '']}},
            {**good, 'dialpattern': {'exten': ["'; --", '']}},
            {**good, 'dialpattern': {'exten': ['', ''], 'stripnum': [3, '']}},
            {**good, 'dialpattern': {'exten': ['123', ''], 'stripnum': [21, '']}},
            {**good, 'dialpattern': {'exten': ['123', ''], 'prefix': ['++1', '']}},
            {**good, 'dialpattern': {'exten': ['123', '123', '']}},
            {**good, 'dialpattern': {'exten': ['999', '']}},  # held by another outcall
            {**good, 'dialpattern': {'exten': [['123'], '']}},
            {**good, 'dialpattern': {'exten': [str(n) for n in range(1002)]}},
            {**good, 'dialpattern': [5]},
            {**good, 'rightcall': [424242]},
            {**good, 'schedule_id': 424242},
        ],
    )
    check_malformed_bodies(api, F, P, 'add')


def test_a_pattern_may_not_take_a_number_of_another_object(api, trunks):
    make_context('to-extern-2', contexttype='outcall')
    Extension.create(context='to-extern-2', exten='1234', type='user', typeval='1')
    with unchanged_store():
        assert_refused(
            api.add(F, P, xivo_ws_body('out', trunks, [('1234', 0, '')], context='to-extern-2'))
        )


# -- list, search, view ------------------------------------------------------------


def test_list_item(api, trunks):
    outcall_id = add(api, 'out-testload', trunks)
    response = api.list(F, P)
    assert response.status_code == 200
    [item] = response.json
    assert set(item) == LIST_KEYS
    assert item == {
        'id': str(outcall_id),
        'name': 'out-testload',
        'context': 'to-extern',
        'useenum': '0',
        'internal': '0',
        'preprocess_subroutine': None,
        'hangupringtime': '0',
        'commented': False,
        'description': '',
        'identity': 'out-testload (to-extern)',
    }


def test_list_runs_a_constant_number_of_queries(api, trunks):
    def queries_for_list():
        with count_queries() as counter:
            assert api.list(F, P).status_code == 200
        return counter.count

    add(api, 'first', trunks, [('100', 0, '')])
    few = queries_for_list()
    for index in range(10):
        add(api, f'more{index}', trunks, [(str(200 + index), 0, '')])
    assert queries_for_list() == few


def test_search_on_name_or_description(api, trunks):
    add(
        api,
        'alpha',
        trunks,
        outcall={'name': 'alpha', 'context': 'to-extern', 'description': 'Night Route'},
    )
    add(api, 'beta', trunks)
    assert [item['name'] for item in api.search(F, P, 'ALPH').json] == ['alpha']
    assert [item['name'] for item in api.search(F, P, 'night').json] == ['alpha']
    assert api.search(F, P, '%').status_code == 204
    assert api.search(F, P, '').status_code == 204
    assert api.list(F, P).status_code == 200


def test_empty_list_is_204(api):
    response = api.list(F, P)
    assert (response.status_code, response.data) == (204, b'')


def test_view(api, trunks):
    outcall_id = add(api, 'out', trunks, [('_0XXX.', 1, 'Foo')])
    response = api.view(F, P, outcall_id)
    assert response.status_code == 200
    view = response.json
    assert set(view) == {'outcall', 'dialpattern', 'outcalltrunk', 'rightcall'}
    assert view['outcall']['id'] == outcall_id
    assert view['outcall']['commented'] is False
    assert view['outcall']['identity'] == 'out (to-extern)'
    [pattern] = view['dialpattern']
    assert pattern == {
        'id': pattern['id'],
        'type': 'outcall',
        'typeid': outcall_id,
        'externprefix': '',
        'prefix': '',
        'exten': '_0XXX.',
        'stripnum': 1,
        'callerid': 'Foo',
    }
    assert isinstance(pattern['id'], int)
    assert view['outcalltrunk'] == [
        {'outcallid': outcall_id, 'trunkfeaturesid': trunks[0], 'priority': '0'},
        {'outcallid': outcall_id, 'trunkfeaturesid': trunks[1], 'priority': '1'},
    ]
    assert view['rightcall'] is False


def test_view_without_patterns(api, trunks):
    view = api.view(F, P, add(api, 'out', trunks)).json
    assert view['dialpattern'] is False


def test_unknown_ids(api, trunks):
    check_unknown_ids(api, F, P, body={'outcall': {'description': 'x'}})


# -- edit --------------------------------------------------------------------------


def test_edit_merges(api, trunks):
    outcall_id = add(api, 'out', trunks, [('100', 0, '')])
    assert api.edit(F, P, outcall_id, {'outcall': {'description': 'new'}}).status_code == 200
    view = api.view(F, P, outcall_id).json
    assert view['outcall']['description'] == 'new'
    assert [p['exten'] for p in view['dialpattern']] == ['100']
    assert len(view['outcalltrunk']) == 2


def test_edit_round_trip_from_the_view(api, trunks):
    outcall_id = add(api, 'out', trunks, [('100', 0, 'A'), ('200', 2, 'B')])
    before = api.view(F, P, outcall_id).json
    document = {
        'outcall': dict(before['outcall'], hangupringtime='30'),
        'outcalltrunk': list(reversed(before['outcalltrunk'])),
        'dialpattern': before['dialpattern'] + [{'exten': '300'}],
    }
    assert api.edit(F, P, outcall_id, document).status_code == 200
    after = api.view(F, P, outcall_id).json
    assert after['outcall']['hangupringtime'] == '30'
    assert [link['trunkfeaturesid'] for link in after['outcalltrunk']] == trunks[::-1]
    assert [(p['exten'], p['stripnum'], p['callerid']) for p in after['dialpattern']] == [
        ('200', 2, 'B'),
        ('100', 0, 'A'),
        ('300', 0, ''),
    ]
    assert sorted(e.exten for e in Extension.select().where(Extension.type == 'outcall')) == [
        '100',
        '200',
        '300',
    ]


def test_edit_moving_to_another_context_moves_the_patterns(api, trunks):
    make_context('to-extern-2', contexttype='outcall')
    outcall_id = add(api, 'out', trunks, [('100', 0, '')])
    assert api.edit(F, P, outcall_id, {'outcall': {'context': 'to-extern-2'}}).status_code == 200
    assert [
        (e.context, e.exten) for e in Extension.select().where(Extension.type == 'outcall')
    ] == [('to-extern-2', '100')]


def test_edit_refusals_leave_the_store_unchanged(api, trunks):
    outcall_id = add(api, 'out', trunks, [('100', 0, '')])
    add(api, 'other', trunks, [('200', 0, '')])
    check_bad_documents(
        api,
        F,
        P,
        'edit',
        [
            {'outcall': {'name': 'other'}},
            {'outcall': {'context': 'nowhere'}},
            {'outcalltrunk': []},
            {'outcalltrunk': [999999]},
            {'dialpattern': {'exten': ['200', '']}},
            {'dialpattern': [{'exten': 'bad exten'}]},
            {'outcall': []},
        ],
        id=outcall_id,
    )
    check_malformed_bodies(api, F, P, 'edit', id=outcall_id)


# -- delete ------------------------------------------------------------------------


def test_delete_removes_every_part(api, trunks):
    rightcall = Rightcall.create(
        name='intl', passwd='', authorization=True, commented=False, description=''
    )
    schedule = Schedule.create(name='office', timezone='Europe/Paris')
    outcall_id = add(
        api, 'out', trunks, [('100', 0, '')], rightcall=[rightcall.id], schedule_id=schedule.id
    )
    assert api.delete(F, P, outcall_id).status_code == 200
    assert Outcall.select().count() == 0
    assert DialPattern.select().count() == 0
    assert OutcallTrunk.select().count() == 0
    assert Extension.select().where(Extension.type == 'outcall').count() == 0
    assert RightcallMember.select().where(RightcallMember.type == 'outcall').count() == 0
    assert SchedulePath.select().where(SchedulePath.path == 'outcall').count() == 0
    assert api.delete(F, P, outcall_id).status_code == 404
    # its trunks can go now
    assert api.delete(F, 'trunk_management/custom', trunks[0]).status_code == 200


def test_deleting_an_outcall_unlinks_dial_actions_to_it(api, trunks):
    outcall_id = add(api, 'out', trunks)
    response = api.add(
        F,
        'call_management/incall',
        {
            'incall': {'exten': '1500', 'context': 'from-extern'},
            'dialaction': {
                'answer': {
                    'actiontype': 'outcall',
                    'actionarg1': str(outcall_id),
                    'actionarg2': '0123',
                }
            },
        },
    )
    assert response.status_code == 200, response.json
    assert api.delete(F, P, outcall_id).status_code == 200
    action = Dialaction.get((Dialaction.category == 'incall') & (Dialaction.event == 'answer'))
    assert action.linked is False


def test_a_dial_action_to_an_unknown_outcall_is_refused(api, trunks):
    with unchanged_store():
        assert_refused(
            api.add(
                F,
                'call_management/incall',
                {
                    'incall': {'exten': '1500', 'context': 'from-extern'},
                    'dialaction': {'answer': {'actiontype': 'outcall', 'actionarg1': '424242'}},
                },
            )
        )


def test_deleteall(api, trunks):
    assert api.delete_all(F, P).status_code == 204
    add(api, 'a', trunks, [('100', 0, '')])
    add(api, 'b', trunks)
    assert api.delete_all(F, P).status_code == 200
    assert api.list(F, P).status_code == 204
    assert Extension.select().where(Extension.type == 'outcall').count() == 0


def test_a_context_used_by_an_outcall_cannot_be_deleted(api, trunks):
    make_context('to-extern-2', contexttype='outcall')
    add(api, 'out', trunks, outcall={'name': 'out', 'context': 'to-extern-2'})
    with unchanged_store():
        assert_refused(api.delete(F, 'system_management/context', 'to-extern-2'))


def test_acl(api):
    check_acl(api, F, P, 'service/ipbx/call_management/outcall')


# -- more formats and inputs ------------------------------------------------------


def test_the_exact_body_of_the_xivo_ws_test(api, trunks):
    """objects/tests/test_outcall.py's expected dict, with our trunk ids."""
    body = {
        'outcall': {'name': 'foobar', 'context': 'to-extern'},
        'outcalltrunk': list(trunks),
        'dialpattern': {
            'id': ['0', '0', ''],
            'externprefix': ['', '', ''],
            'prefix': ['', '', ''],
            'exten': ['456', '123', ''],
            'stripnum': [0, 1, ''],
            'callerid': ['Bar', 'Foo', ''],
        },
    }
    outcall_id = added_id(api.add(F, P, body))
    view = api.view(F, P, outcall_id).json
    assert [(p['exten'], p['stripnum'], p['callerid']) for p in view['dialpattern']] == [
        ('456', 0, 'Bar'),
        ('123', 1, 'Foo'),
    ]
    # what from_list_obj_dict reads
    [item] = api.search(F, P, 'foobar').json
    assert (int(item['id']), item['name'], item['context']) == (outcall_id, 'foobar', 'to-extern')


def test_view_outcall_row(api, trunks):
    outcall_id = add(
        api,
        'out',
        trunks,
        outcall={
            'name': 'out',
            'context': 'to-extern',
            'internal': True,
            'hangupringtime': 45,
            'preprocess_subroutine': 'my-sub',
            'description': 'Route',
        },
    )
    assert api.view(F, P, outcall_id).json['outcall'] == {
        'id': outcall_id,
        'name': 'out',
        'context': 'to-extern',
        'useenum': '0',
        'internal': '1',
        'preprocess_subroutine': 'my-sub',
        'hangupringtime': '45',
        'commented': False,
        'description': 'Route',
        'identity': 'out (to-extern)',
    }


def test_trunk_ids_as_strings_duplicates_dropped(api, trunks):
    outcall_id = add(api, 'out', [str(trunks[1]), trunks[0], str(trunks[1]), trunks[0]])
    assert [
        (link['trunkfeaturesid'], link['priority'])
        for link in api.view(F, P, outcall_id).json['outcalltrunk']
    ] == [(trunks[1], '0'), (trunks[0], '1')]


def test_unknown_keys_of_the_column_arrays_are_ignored(api, trunks):
    outcall_id = add(
        api,
        'out',
        trunks,
        dialpattern={'exten': ['100', ''], 'comment': 'not a column', 'other': {'x': 1}},
    )
    assert [p['exten'] for p in api.view(F, P, outcall_id).json['dialpattern']] == ['100']


def test_private_mode(api, trunks):
    add(api, 'out', trunks)
    response = api.request(F, P, 'list', mode='private')
    assert response.status_code == 200
    assert [item['name'] for item in response.json] == ['out']
    assert (
        api.as_user(None, None, peer='10.0.0.9').request(F, P, 'list', mode='private').status_code
        == 403
    )


def test_search_runs_a_constant_number_of_queries(api, trunks):
    def queries_for_search():
        with count_queries() as counter:
            assert api.search(F, P, 'route').status_code == 200
        return counter.count

    add(api, 'route0', trunks, [('100', 0, '')])
    few = queries_for_search()
    for index in range(1, 8):
        add(api, f'route{index}', trunks, [(str(200 + index), 0, '')])
    assert queries_for_search() == few


def test_more_refusals_leave_the_store_unchanged(api, trunks):
    good = xivo_ws_body('out', trunks, [('123', 0, '')])

    def outcall(**values):
        return {**good, 'outcall': {'name': 'out', 'context': 'to-extern', **values}}

    def pattern(**values):
        return {**good, 'dialpattern': [{'exten': '123', **values}]}

    check_bad_documents(
        api,
        F,
        P,
        'add',
        [
            outcall(name='Ünïcødé'),
            outcall(name="'; DROP TABLE outcall; --"),
            outcall(name=''),
            outcall(name=12.5),
            outcall(context=''),
            outcall(context=['to-extern']),
            outcall(hangupringtime=2**40),
            outcall(hangupringtime=-1),
            outcall(hangupringtime=1e300),
            outcall(description='a\x00b'),
            outcall(description='x' * 1001),
            outcall(preprocess_subroutine='bad sub'),
            outcall(commented='sometimes'),
            {**good, 'outcalltrunk': [2**40]},
            {**good, 'outcalltrunk': [1.5]},
            {**good, 'outcalltrunk': [True]},
            {**good, 'outcalltrunk': {'1': trunks[0]}},
            {**good, 'outcalltrunk': list(range(1, 102))},  # more than 100 trunks
            pattern(stripnum=1e300),
            pattern(stripnum=-1),
            pattern(stripnum='x'),
            pattern(callerid='a\x00b'),
            pattern(callerid='x' * 81),
            pattern(externprefix='12a'),
            pattern(externprefix='1' * 65),
            pattern(prefix='1+2'),
            pattern(exten='x' * 41),
            pattern(exten='\u202e123'),
        ],
    )


def test_edit_keeps_or_replaces_permissions_and_schedule(api, trunks):
    first = Rightcall.create(
        name='intl', passwd='', authorization=True, commented=False, description=''
    )
    second = Rightcall.create(
        name='mobile', passwd='', authorization=True, commented=False, description=''
    )
    schedule = Schedule.create(name='office', timezone='Europe/Paris')
    outcall_id = add(
        api, 'out', trunks, [('100', 0, '')], rightcall=[first.id], schedule_id=schedule.id
    )

    def state():
        view = api.view(F, P, outcall_id).json
        return (
            [row['rightcallid'] for row in view['rightcall'] or []],
            view.get('schedule_id'),
            [p['exten'] for p in view['dialpattern'] or []],
        )

    assert api.edit(F, P, outcall_id, {'outcall': {'internal': 1}}).status_code == 200
    assert state() == ([str(first.id)], schedule.id, ['100'])
    assert api.edit(F, P, outcall_id, {'rightcall': [str(second.id)]}).status_code == 200
    assert state() == ([str(second.id)], schedule.id, ['100'])
    assert (
        api.edit(
            F, P, outcall_id, {'rightcall': [], 'schedule_id': 0, 'dialpattern': False}
        ).status_code
        == 200
    )
    assert state() == ([], None, [])
    assert Extension.select().where(Extension.type == 'outcall').count() == 0


def test_edit_frees_the_extens_of_replaced_patterns(api, trunks):
    outcall_id = add(api, 'out', trunks, [('100', 0, '')])
    assert api.edit(F, P, outcall_id, {'dialpattern': [{'exten': '101'}]}).status_code == 200
    # another outcall of the context may now take 100, not 101
    add(api, 'other', trunks, [('100', 0, '')])
    with unchanged_store():
        assert_refused(api.add(F, P, xivo_ws_body('third', trunks, [('101', 0, '')])))


def test_deleting_an_outcall_clears_schedules_sending_calls_to_it(api, trunks):
    outcall_id = add(api, 'out', trunks)
    schedule = Schedule.create(
        name='office',
        timezone='Europe/Paris',
        fallback_action='outcall',
        fallback_actionid=str(outcall_id),
        fallback_actionargs='0123',
    )
    assert api.delete_all(F, P).status_code == 200
    schedule = Schedule.get_by_id(schedule.id)
    assert (schedule.fallback_action, schedule.fallback_actionid) == ('none', None)


@pytest.mark.parametrize(
    'body,named',
    [
        ({'outcall': {'name': ['a']}}, 'outcall.name'),
        ({'outcall': {'name': {'a': 1}}}, 'outcall.name'),
        ({'outcall': {'context': ['to-extern']}}, 'outcall.context'),
        ({'outcall': {'hangupringtime': 'abc'}}, 'outcall.hangupringtime'),
        ({'outcall': {'internal': {'a': 1}}}, 'outcall.internal'),
        ({'outcall': {'description': ['x']}}, 'outcall.description'),
        ({'outcalltrunk': {'a': 1}}, 'outcalltrunk'),
        ({'outcalltrunk': ['abc']}, 'outcalltrunk'),
        ({'dialpattern': [{'exten': {'a': 1}}]}, 'dialpattern.0.exten'),
        ({'dialpattern': 'abc'}, 'dialpattern'),
        ({'rightcall': {'a': 1}}, 'rightcall'),
        ({'schedule_id': ['1']}, 'schedule_id'),
    ],
)
def test_edit_refuses_wrongly_typed_fields_naming_them(api, trunks, body, named):
    outcall_id = add(api, 'a', trunks, [('100', 0, '')])
    with unchanged_store():
        response = api.edit(F, P, outcall_id, body)
        assert_refused(response)
    assert response.get_json()['error'].startswith(named + ':')


def test_edit_renames_and_reorders_the_trunks(api, trunks):
    outcall_id = add(api, 'a', trunks, [('100', 0, '')])
    body = {
        'outcall': {'name': 'renamed', 'hangupringtime': 30, 'internal': True},
        'outcalltrunk': list(reversed(trunks)),
    }
    assert api.edit(F, P, outcall_id, body).status_code == 200
    outcall = Outcall.get_by_id(outcall_id)
    assert (outcall.name, outcall.hangupringtime, outcall.internal) == ('renamed', 30, True)
    assert [
        link.trunkfeaturesid for link in OutcallTrunk.select().order_by(OutcallTrunk.priority)
    ] == list(reversed(trunks))


def test_deleteall_is_set_based(api, trunks):
    permission = Rightcall.create(name='international')
    schedule = Schedule.create(name='office')

    def add_some(count):
        for index in range(count):
            outcall_id = add(
                api,
                f'o{index}',
                trunks,
                [(f'{100 + index}', 0, '')],
                rightcall=[permission.id],
                schedule_id=schedule.id,
            )
            api.add(
                F,
                'call_management/incall',
                {
                    'incall': {'exten': f'{1500 + index}', 'context': 'from-extern'},
                    'dialaction': {'answer': {'actiontype': 'outcall', 'actionarg1': outcall_id}},
                },
            )

    add_some(2)
    with count_queries() as few:
        assert service.delete_all() == 2
    add_some(12)
    with count_queries() as many:
        assert service.delete_all() == 12
    # the ids, the dial actions to outcalls, schedules sending calls to them
    # (fallbacks, periods), extensions, patterns, trunk links, the four kinds
    # of owner links and the outcalls
    assert many.count == few.count == 12
    assert api.delete_all(F, P).status_code == 204
    for model in (Outcall, DialPattern, OutcallTrunk, RightcallMember, SchedulePath):
        assert not model.select().exists()
    assert not Extension.select().where(Extension.type == 'outcall').exists()
    assert not Dialaction.select().where(Dialaction.linked == True).exists()  # noqa: E712
