"""/service/ipbx/json.php/restricted/pbx_settings/groups"""

import json
import uuid

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
from xivows.models.dialaction import Callerid, Dialaction, Rightcall, RightcallMember, SchedulePath
from xivows.models.entity import Entity
from xivows.models.extension import Extension
from xivows.models.line import LineFeatures, SCCPLine, UserCustom, UserLine
from xivows.models.pickup import Pickup, PickupMember
from xivows.models.queue import GroupFeatures, Queue, QueueFeatures, QueueMember
from xivows.models.schedule import Schedule
from xivows.models.user import UserFeatures

F, P = 'ipbx', 'pbx_settings/groups'
EVENTS = ('noanswer', 'busy', 'congestion', 'chanunavail')


@pytest.fixture
def entity_id(app):
    make_default_context()
    return Entity.get(Entity.name == 'acme').id


def body(name='huge', number='2034', users=(), **changes):
    """What xivo-ws HEAD sends for Group(name, number, context='default', user_ids)."""
    document = {
        'groupfeatures': {'name': name, 'context': 'default', 'timeout': '0'},
        'queue': {},
        'user': list(users),
    }
    if number is not None:
        document['groupfeatures']['number'] = number
    for key, value in changes.items():
        if key in ('groupfeatures', 'queue'):
            document[key].update(value)
        else:
            document[key] = value
    return document


def add(api, name='huge', number='2034', users=(), **changes):
    return added_id(api.add(F, P, body(name, number, users, **changes)))


def make_user(api, entity_id, number=None, firstname='Jack'):
    document = {'userfeatures': {'firstname': firstname, 'entityid': entity_id}}
    if number:
        document['linefeatures'] = {
            'protocol': ['sip'],
            'context': ['default'],
            'number': [number],
        }
    return added_id(api.add('ipbx', 'pbx_settings/users', document))


def make_lined_user(protocol, name, interface=None):
    """A user with an SCCP or custom line, built with the models."""
    user = UserFeatures.create(uuid=str(uuid.uuid4()), firstname=name)
    if protocol == 'sccp':
        row = SCCPLine.create(name=name, context='default')
    else:
        row = UserCustom.create(name=name, context='default', interface=interface)
    line = LineFeatures.create(protocol=protocol, protocolid=row.id, name=name, context='default')
    UserLine.create(user_id=user.id, line_id=line.id)
    return user.id


def view(api, group_id):
    response = api.view(F, P, group_id)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def members_of(name='huge'):
    return [
        (m.userid, m.interface, m.channel, m.usertype, m.category, m.position, m.penalty)
        for m in QueueMember.select()
        .where(QueueMember.queue_name == name)
        .order_by(QueueMember.position)
    ]


# -- add ------------------------------------------------------------------------


def test_add_as_xivo_ws_sends_it(api, entity_id):
    first = make_user(api, entity_id, '1001')
    second = make_user(api, entity_id, '1002', 'Jill')
    response = api.add(F, P, body(users=[first, second]))
    assert response.status_code == 200
    group_id = json.loads(response.data)
    assert isinstance(group_id, str)
    features = GroupFeatures.get_by_id(int(group_id))
    assert (
        features.name,
        features.number,
        features.context,
        features.timeout,
        features.deleted,
    ) == ('huge', '2034', 'default', 0, False)
    options = Queue.get(Queue.name == 'huge')
    assert (
        options.category,
        options.timeoutpriority,
        options.autopause,
        options.min_announce_frequency,
        options.announce_position,
        options.announce_position_limit,
        options.strategy,
    ) == ('group', 'app', 'no', 60, 'no', 5, 'ringall')
    extension = Extension.get((Extension.exten == '2034') & (Extension.context == 'default'))
    assert (extension.type, extension.typeval) == ('group', group_id)
    interfaces = {
        user_id: LineFeatures.get_by_id(UserLine.get(UserLine.user_id == user_id).line_id).name
        for user_id in (first, second)
    }
    assert members_of() == [
        (first, f'SIP/{interfaces[first]}', 'SIP', 'user', 'group', 1, 0),
        (second, f'SIP/{interfaces[second]}', 'SIP', 'user', 'group', 2, 0),
    ]


def test_add_without_number_holds_no_extension(api, entity_id):
    group_id = add(api, number=None)
    assert GroupFeatures.get_by_id(group_id).number == ''
    assert not Extension.select().where(Extension.type == 'group').exists()
    assert view(api, group_id)['groupfeatures']['identity'] == 'huge (default)'


def test_name_is_stored_in_lower_case(api, entity_id):
    group_id = add(api, 'Sales.Team-1')
    assert GroupFeatures.get_by_id(group_id).name == 'sales.team-1'
    assert Queue.get(Queue.category == 'group').name == 'sales.team-1'


def test_forced_options_are_kept_and_other_values_refused(api, entity_id):
    # Every group has these options (the original forced them whatever the input
    # said); another value is now refused rather than silently dropped (issue 9).
    forced = {
        'timeoutpriority': 'app',
        'autopause': 'no',
        'category': 'group',
        'min-announce-frequency': '60',
        'announce-position': 'no',
        'announce-position-limit': 5,
    }
    add(
        api,
        queue={
            **forced,
            'strategy': 'rrmemory',
            'timeout': 20,
            'retry': 3,
            'ringinuse': True,
            'maxlen': 4,
        },
    )
    options = Queue.get(Queue.name == 'huge')
    assert (
        options.category,
        options.timeoutpriority,
        options.autopause,
        options.min_announce_frequency,
        options.announce_position,
        options.announce_position_limit,
    ) == ('group', 'app', 'no', 60, 'no', 5)
    assert (
        options.strategy,
        options.timeout,
        options.retry,
        options.ringinuse,
        options.maxlen,
    ) == ('rrmemory', 20, 3, True, 4)
    for key, value in (
        ('timeoutpriority', 'conf'),
        ('autopause', 'yes'),
        ('category', 'queue'),
        ('min-announce-frequency', 30),
        ('announce-position', 'yes'),
        ('announce-position-limit', 10),
        ('autopause', True),
    ):
        with unchanged_store():
            response = api.add(F, P, body('other', '2035', queue={key: value}))
            assert_refused(response, 400)
            assert response.get_json()['error'].startswith(f'queue.{key}: cannot be changed')


@pytest.mark.parametrize(
    'strategy',
    ['ringall', 'leastrecent', 'fewestcalls', 'rrmemory', 'random', 'linear', 'wrandom'],
)
def test_every_strategy_is_accepted_on_add(api, entity_id, strategy):
    add(api, queue={'strategy': strategy})
    assert Queue.get(Queue.name == 'huge').strategy == strategy


@pytest.mark.parametrize(
    'given,stored', [('default', 'default'), ('nosuchclass', None), ('', None)]
)
def test_music_class_must_exist_else_it_is_cleared(api, entity_id, given, stored):
    add(api, queue={'musicclass': given})
    assert Queue.get(Queue.name == 'huge').musicclass == stored


def test_members_follow_the_list_order_and_duplicates_are_dropped(api, entity_id):
    first = make_user(api, entity_id, '1001')
    second = make_user(api, entity_id, '1002', 'Jill')
    add(api, users=[second, str(first), second, first])
    assert [(row[0], row[5]) for row in members_of()] == [(second, 1), (first, 2)]


def test_member_interfaces_of_sccp_and_custom_lines(api, entity_id):
    sccp = make_lined_user('sccp', 'sccp1')
    custom = make_lined_user('custom', 'custom1', 'DAHDI/g1/123')
    local = make_lined_user('custom', 'custom2', 'Local/123@default')
    add(api, users=[sccp, custom, local])
    assert [(row[1], row[2]) for row in members_of()] == [
        ('SCCP/sccp1', 'SCCP'),
        ('DAHDI/g1/123', 'Custom'),
        ('Local/123@default', 'Local'),
    ]


def test_member_objects_of_the_view_are_accepted(api, entity_id):
    user_id = make_user(api, entity_id, '1001')
    add(api, users=[{'userid': user_id, 'interface': 'ignored'}])
    assert [row[0] for row in members_of()] == [user_id]


def test_rightcall_dialaction_callerid_and_schedule(api, entity_id):
    permission = Rightcall.create(name='international')
    schedule = Schedule.create(name='office')
    user_id = make_user(api, entity_id, '1001')
    group_id = add(
        api,
        rightcall=[str(permission.id)],
        schedule_id=schedule.id,
        callerid={'mode': 'prepend', 'callerdisplay': 'Sales'},
        dialaction={
            'noanswer': {'actiontype': 'user', 'actionarg1': str(user_id), 'actionarg2': '20'},
            'busy': {'actiontype': 'endcall', 'action': 'busy'},
            'qwaittime': {'actiontype': 'none'},
        },
    )
    result = view(api, group_id)
    assert result['rightcall'] == [
        {
            'id': str(RightcallMember.get().id),
            'rightcallid': str(permission.id),
            'type': 'group',
            'typeval': str(group_id),
        }
    ]
    assert result['schedule_id'] == schedule.id
    assert result['callerid'] == {
        'mode': 'prepend',
        'callerdisplay': 'Sales',
        'type': 'group',
        'typeval': str(group_id),
    }
    assert set(result['dialaction']) == {'noanswer', 'busy'}  # qwaittime: not a group event
    noanswer = result['dialaction']['noanswer']
    assert (
        noanswer['category'],
        noanswer['categoryval'],
        noanswer['actiontype'],
        noanswer['actionarg1'],
        noanswer['actionarg2'],
        noanswer['linked'],
    ) == ('group', str(group_id), 'user', str(user_id), '20', True)
    assert result['dialaction']['busy']['action'] == 'busy'


def test_group_is_a_dial_action_destination(api, entity_id):
    target = add(api, 'target', '2001')
    other = add(
        api,
        'other',
        '2002',
        dialaction={'noanswer': {'actiontype': 'group', 'actionarg1': str(target)}},
    )
    dialaction = view(api, other)['dialaction']['noanswer']
    assert (dialaction['actiontype'], dialaction['actionarg1'], dialaction['linked']) == (
        'group',
        str(target),
        True,
    )
    with unchanged_store():
        assert_refused(
            api.add(
                F,
                P,
                body(
                    'third',
                    '2003',
                    dialaction={'busy': {'actiontype': 'group', 'actionarg1': '999999'}},
                ),
            ),
            400,
        )


# -- refusals -------------------------------------------------------------------


@pytest.mark.parametrize('number', ['999', '1001', '3000', '4000', '20a4', '2034', '2*1'])
def test_number_out_of_range_or_taken_is_refused(api, entity_id, number):
    add(api, 'first', '2034')
    with unchanged_store():
        assert_refused(api.add(F, P, body('second', number)), 400)


def test_number_refusals_name_the_field(api, entity_id):
    add(api, 'first', '2034')
    for number, reason in [
        ('999', 'number 999 is outside the group ranges of context default'),
        ('2034', 'number 2034 is already used in context default'),
    ]:
        response = api.add(F, P, body('second', number))
        assert response.get_json() == {'error': f'groupfeatures.number: {reason}'}


@pytest.mark.parametrize('name', ['huge', 'HUGE', 'support', 'supportq', 'general', 'General'])
def test_name_taken_by_a_group_or_queue_or_reserved(api, entity_id, name):
    add(api, 'huge', '2034')
    QueueFeatures.create(name='support', displayname='Support', context='default')
    Queue.create(name='supportq', category='queue')
    with unchanged_store():
        assert_refused(api.add(F, P, body(name, '2035')), 400)


def test_members_that_cannot_be_refuse_the_whole_add(api, entity_id):
    lineless = make_user(api, entity_id)
    documents = [
        body(users=[999999]),
        body(users=[lineless]),
        body(user='1'),
        body(user=['x']),
        body(user={'a': 1}),
        body(user=[2**40]),
        body(user=[{'id': 1}]),
        body(user=[True]),
        body(user=[None]),
        body(users=[lineless] * 1001),
    ]
    check_bad_documents(api, F, P, 'add', documents)


def test_a_failure_after_valid_parts_leaves_nothing(api, entity_id):
    user_id = make_user(api, entity_id, '1001')
    document = body(
        users=[user_id],
        callerid={'mode': 'prepend', 'callerdisplay': 'x'},
        dialaction={'busy': {'actiontype': 'user', 'actionarg1': '999999'}},
    )
    with unchanged_store():
        assert_refused(api.add(F, P, document), 400)


BAD_FEATURES = [
    {'name': ''},
    {'name': 'bad name'},
    {'name': 'x' * 129},
    {'name': ['huge']},
    {'name': None},
    {'name': 'caf\u00e9'},
    {'name': 'a/b'},
    {'name': "x'; DROP TABLE queue; --"},
    {'context': None},
    {'context': 'nowhere'},
    {'context': 'xivo-features'},
    {'context': 'a' * 40},
    {'number': '12a'},
    {'number': {'a': 1}},
    {'number': 'x' * 41},
    {'timeout': -1},
    {'timeout': 'abc'},
    {'timeout': 2**40},
    {'timeout': 1.5},
    {'transfer_user': 'maybe'},
    {'write_caller': 2},
    {'preprocess_subroutine': 'bad name'},
    {'name': 'nul\x00'},
]
BAD_OPTIONS = [
    {'strategy': 'best'},
    {'strategy': 1},
    {'timeout': -5},
    {'timeout': 'x'},
    {'retry': -1},
    {'weight': 2**33},
    {'maxlen': -1},
    {'musicclass': 'x' * 129},
    {'joinempty': 'x\x00'},
    {'monitor-type': 'record'},
    {'monitor-format': 'mp3'},
    {'context': 'bad name'},
    {'context': 'nowhere'},
    {'ringinuse': 'perhaps'},
    {'autofill': [1]},
]


def test_invalid_documents(api, entity_id):
    documents = [body(groupfeatures=change) for change in BAD_FEATURES]
    documents += [body(queue=change) for change in BAD_OPTIONS]
    documents += [
        {},
        {'groupfeatures': body()['groupfeatures']},
        {'queue': {}},
        {'groupfeatures': [], 'queue': {}},
        {'groupfeatures': 'huge', 'queue': {}},
        {'groupfeatures': body()['groupfeatures'], 'queue': []},
        body(dialaction='none'),
        body(dialaction={'busy': {'actiontype': 'bogus'}}),
        body(dialaction={'busy': 'none'}),
        body(dialaction=[1]),
        body(dialaction={'busy': {'actiontype': 'endcall', 'action': 'explode'}}),
        body(callerid={'mode': 'replace'}),
        body(callerid='x'),
        body(callerid={'mode': 'prepend', 'callerdisplay': 'x' * 81}),
        body(rightcall=[999999]),
        body(rightcall='1'),
        body(rightcall=['x']),
        body(schedule_id=999999),
        body(schedule_id='abc'),
        body(schedule_id=-1),
    ]
    check_bad_documents(api, F, P, 'add', documents)


def test_malformed_bodies(api, entity_id):
    check_malformed_bodies(api, F, P, 'add')
    group_id = add(api)
    check_malformed_bodies(api, F, P, 'edit', id=group_id)
    with unchanged_store():
        assert_refused(api.request(F, P, 'add', body=['huge']), 400)


# -- list, search, view ---------------------------------------------------------------


LIST_KEYS = {
    'id',
    'name',
    'number',
    'context',
    'transfer_user',
    'transfer_call',
    'write_caller',
    'write_calling',
    'timeout',
    'preprocess_subroutine',
    'deleted',
    'commented',
    'category',
    'nb_qmember',
    'entity_displayname',
    'identity',
}


def test_list_items(api, entity_id):
    assert api.list(F, P).status_code == 204
    users = [make_user(api, entity_id, '1001'), make_user(api, entity_id, '1002', 'Jill')]
    group_id = add(api, users=users, groupfeatures={'timeout': 25, 'transfer_user': True})
    add(api, 'bare', None)
    items = api.list(F, P).get_json()
    assert [item['name'] for item in items] == ['huge', 'bare']
    item = items[0]
    assert set(item) == LIST_KEYS
    assert item == {
        'id': str(group_id),
        'name': 'huge',
        'number': '2034',
        'context': 'default',
        'transfer_user': '1',
        'transfer_call': '0',
        'write_caller': '0',
        'write_calling': '0',
        'timeout': '25',
        'preprocess_subroutine': None,
        'deleted': False,
        'commented': False,
        'category': 'group',
        'nb_qmember': '2',
        'entity_displayname': 'Acme',
        'identity': 'huge (2034@default)',
    }
    assert (items[1]['number'], items[1]['nb_qmember'], items[1]['identity']) == (
        '',
        '0',
        'bare (default)',
    )
    assert api.request(F, P).get_json() == items  # default act


def test_xivo_ws_parses_list_items(api, entity_id):
    add(api)
    item = api.list(F, P).get_json()[0]
    # Group.from_list_obj_dict
    assert int(item['id']) > 0
    assert (item['name'], item['number'], item['context']) == ('huge', '2034', 'default')


def test_groups_not_listed(api, entity_id):
    make_context('orphan', entity=None, ranges={'group': [('5000', '5999')]})
    lost = add(api, 'lost', '5000', groupfeatures={'context': 'orphan'})
    gone = add(api, 'gone', '2001')
    GroupFeatures.update(deleted=True).where(GroupFeatures.id == gone).execute()
    assert api.list(F, P).status_code == 204
    assert api.search(F, P, 'o').status_code == 204
    assert view(api, lost)['groupfeatures']['name'] == 'lost'  # still reachable by view


def test_list_runs_a_constant_number_of_queries(api, entity_id):
    add(api, 'g0', '2000', users=[make_user(api, entity_id, '1000')])
    with count_queries() as few:
        api.list(F, P)
    for index in range(1, 8):
        add(
            api,
            f'g{index}',
            str(2000 + index),
            users=[make_user(api, entity_id, str(1000 + index))],
        )
    with count_queries() as many:
        items = api.list(F, P).get_json()
    assert len(items) == 8 and {item['nb_qmember'] for item in items} == {'1'}
    assert many.count == few.count
    with count_queries() as searched:
        assert len(api.search(F, P, 'g').get_json()) == 8
    assert searched.count == few.count


@pytest.mark.parametrize(
    'term,found',
    [
        ('sales', ['sales']),
        ('SAL', ['sales']),
        ('2001', ['sales']),
        ('200', ['sales', 'hotline']),
        ('line', ['hotline']),
        ('default', []),
        ('%', []),
        ('_', []),
        ('nothing', []),
    ],
)
def test_search_on_name_and_number(api, entity_id, term, found):
    add(api, 'sales', '2001')
    add(api, 'hotline', '2002')
    response = api.search(F, P, term)
    if found:
        assert [item['name'] for item in response.get_json()] == found
    else:
        assert response.status_code == 204


def test_search_without_term_is_204(api, entity_id):
    add(api)
    assert api.request(F, P, 'search').status_code == 204
    assert api.search(F, P, '').status_code == 204


def test_view_format(api, entity_id):
    user_id = make_user(api, entity_id, '1001')
    group_id = add(
        api,
        users=[user_id],
        groupfeatures={'timeout': 25},
        dialaction={event: {'actiontype': 'none'} for event in EVENTS},
    )
    result = view(api, group_id)
    assert set(result) == {'groupfeatures', 'queue', 'user', 'rightcall', 'dialaction', 'callerid'}
    assert result['groupfeatures'] == {
        'id': group_id,
        'name': 'huge',
        'number': '2034',
        'context': 'default',
        'transfer_user': '0',
        'transfer_call': '0',
        'write_caller': '0',
        'write_calling': '0',
        'timeout': '25',
        'preprocess_subroutine': None,
        'deleted': False,
        'identity': 'huge (2034@default)',
    }
    options = result['queue']
    assert options['commented'] is False
    assert (
        options['name'],
        options['category'],
        options['strategy'],
        options['autopause'],
        options['timeoutpriority'],
        options['announce-position'],
        options['min-announce-frequency'],
        options['timeout'],
        options['ringinuse'],
    ) == ('huge', 'group', 'ringall', 'no', 'app', 'no', '60', '15', '0')
    for key in (
        'musicclass',
        'announce',
        'context',
        'retry',
        'weight',
        'wrapuptime',
        'maxlen',
        'servicelevel',
        'joinempty',
        'leavewhenempty',
        'reportholdtime',
        'memberdelay',
        'timeoutrestart',
        'autofill',
        'setinterfacevar',
        'setqueueentryvar',
        'setqueuevar',
        'membermacro',
        'random-periodic-announce',
        'announce-position-limit',
        'defaultrule',
        'queue-youarenext',
        'periodic-announce',
        'monitor-type',
        'monitor-format',
    ):
        assert key in options
    line = LineFeatures.get_by_id(UserLine.get(UserLine.user_id == user_id).line_id)
    assert result['user'] == [
        {
            'queue_name': 'huge',
            'interface': f'SIP/{line.name}',
            'penalty': '0',
            'commented': False,
            'usertype': 'user',
            'userid': user_id,
            'channel': 'SIP',
            'category': 'group',
            'position': 1,
        }
    ]
    assert set(result['dialaction']) == set(EVENTS)
    busy = result['dialaction']['busy']
    assert (
        busy['event'],
        busy['category'],
        busy['categoryval'],
        busy['actiontype'],
        busy['action'],
        busy['linked'],
    ) == ('busy', 'group', str(group_id), 'none', None, True)
    assert (result['rightcall'], result['callerid']) == (False, False)


def test_view_without_members(api, entity_id):
    group_id = add(api)
    result = view(api, group_id)
    assert (result['user'], result['rightcall'], result['dialaction'], result['callerid']) == (
        False,
        False,
        False,
        False,
    )
    assert 'schedule_id' not in result
    assert api.request(F, P, 'view', id=group_id, sum='x').status_code == 200


def test_xivo_ws_parses_the_view(api, entity_id):
    users = [make_user(api, entity_id, '1001'), make_user(api, entity_id, '1002', 'Jill')]
    group_id = add(api, users=users)
    result = view(api, group_id)
    # Group.from_obj_dict
    features = result['groupfeatures']
    assert int(features['id']) == group_id
    assert (features['name'], features['number'], features['context']) == (
        'huge',
        '2034',
        'default',
    )
    assert [member['userid'] for member in result['user']] == users


# -- edit --------------------------------------------------------------------------


def view_to_edit(result):
    """What a client sends back after reading a view."""
    return {
        'groupfeatures': result['groupfeatures'],
        'queue': result['queue'],
        'user': [member['userid'] for member in result['user'] or []],
        'rightcall': [row['rightcallid'] for row in result['rightcall'] or []],
        'dialaction': {
            event: {
                key: entry[key] for key in ('actiontype', 'action', 'actionarg1', 'actionarg2')
            }
            for event, entry in (result['dialaction'] or {}).items()
        },
        'callerid': result['callerid'] or {},
        'schedule_id': result.get('schedule_id', 0),
    }


def test_edit_round_trip_of_the_view(api, entity_id):
    users = [make_user(api, entity_id, '1001'), make_user(api, entity_id, '1002', 'Jill')]
    permission = Rightcall.create(name='international')
    schedule = Schedule.create(name='office')
    group_id = add(
        api,
        users=users,
        rightcall=[permission.id],
        schedule_id=schedule.id,
        callerid={'mode': 'append', 'callerdisplay': 'G'},
        groupfeatures={'timeout': 30, 'write_caller': True, 'preprocess_subroutine': 'sub-x'},
        queue={
            'strategy': 'rrmemory',
            'musicclass': 'default',
            'retry': 10,
            'joinempty': 'unavailable',
            'monitor-type': 'mixmonitor',
        },
        dialaction={'busy': {'actiontype': 'endcall', 'action': 'hangup'}},
    )
    before = view(api, group_id)
    assert api.edit(F, P, group_id, view_to_edit(before)).status_code == 200
    assert view(api, group_id) == before
    # the view itself sent back as is (member objects, rightcall rows) works too
    assert api.edit(F, P, group_id, before).status_code == 200
    assert view(api, group_id) == before


def test_edit_merges_and_keeps_the_members(api, entity_id):
    # The original replaced the whole group: omitting `user` removed the members.
    user_id = make_user(api, entity_id, '1001')
    permission = Rightcall.create(name='international')
    group_id = add(
        api,
        users=[user_id],
        rightcall=[permission.id],
        queue={'maxlen': 7},
        callerid={'mode': 'prepend', 'callerdisplay': 'G'},
        dialaction={'busy': {'actiontype': 'endcall', 'action': 'busy'}},
    )
    QueueMember.update(penalty=3).execute()
    before = view(api, group_id)
    assert api.edit(F, P, group_id, {'groupfeatures': {'timeout': 40}}).status_code == 200
    after = view(api, group_id)
    assert after['groupfeatures']['timeout'] == '40'
    after['groupfeatures']['timeout'] = before['groupfeatures']['timeout']
    assert after == before
    assert api.edit(F, P, group_id, {'queue': {'strategy': 'random'}}).status_code == 200
    options = Queue.get(Queue.name == 'huge')
    assert (options.strategy, options.maxlen) == ('random', 7)


def test_edit_replaces_members_when_given(api, entity_id):
    first, second, third = (make_user(api, entity_id, str(1001 + i), f'U{i}') for i in range(3))
    group_id = add(api, users=[first, second])
    QueueMember.update(penalty=4).where(QueueMember.userid == second).execute()
    assert api.edit(F, P, group_id, {'user': [third, second]}).status_code == 200
    assert [(row[0], row[5], row[6]) for row in members_of()] == [(third, 1, 0), (second, 2, 4)]
    assert api.edit(F, P, group_id, {'user': None}).status_code == 200
    assert len(members_of()) == 2
    assert api.edit(F, P, group_id, {'user': []}).status_code == 200
    assert members_of() == []
    assert api.edit(F, P, group_id, {'user': [first]}).status_code == 200
    assert api.edit(F, P, group_id, {'user': False}).status_code == 200
    assert members_of() == []


def test_edit_renames_options_and_members(api, entity_id):
    user_id = make_user(api, entity_id, '1001')
    group_id = add(api, users=[user_id])
    assert api.edit(F, P, group_id, {'groupfeatures': {'name': 'Renamed'}}).status_code == 200
    assert GroupFeatures.get_by_id(group_id).name == 'renamed'
    assert [q.name for q in Queue.select()] == ['renamed']
    assert [m.queue_name for m in QueueMember.select()] == ['renamed']
    result = view(api, group_id)
    assert result['queue']['name'] == 'renamed'
    assert result['user'][0]['userid'] == user_id
    user = api.view('ipbx', 'pbx_settings/users', user_id).get_json()
    assert [m['queue_name'] for m in user['groupmember']] == ['renamed']


def test_edit_moves_and_clears_the_number(api, entity_id):
    group_id = add(api)
    assert api.edit(F, P, group_id, {'groupfeatures': {'number': '2500'}}).status_code == 200
    assert Extension.get(Extension.type == 'group').exten == '2500'
    assert api.edit(F, P, group_id, {'groupfeatures': {'number': ''}}).status_code == 200
    assert not Extension.select().where(Extension.type == 'group').exists()
    assert GroupFeatures.get_by_id(group_id).number == ''


def test_edit_refusals_leave_the_store_unchanged(api, entity_id):
    add(api, 'first', '2001')
    QueueFeatures.create(name='support', displayname='Support', context='default')
    group_id = add(api, 'second', '2002')
    check_bad_documents(
        api,
        F,
        P,
        'edit',
        [
            {'groupfeatures': {'number': '2001'}},
            {'groupfeatures': {'number': '999'}},
            {'groupfeatures': {'name': 'first'}},
            {'groupfeatures': {'name': 'support'}},
            {'groupfeatures': {'name': 'general'}},
            {'groupfeatures': {'context': 'nowhere'}},
            {'groupfeatures': []},
            {'queue': 'x'},
            {'queue': {'strategy': 'best'}},
            {'user': [999999]},
            {'user': 'x'},
            {'rightcall': [999999]},
            {'schedule_id': 999999},
            {'dialaction': {'busy': {'actiontype': 'group', 'actionarg1': '999999'}}},
            {'callerid': {'mode': 'bogus'}},
            [],
        ],
        id=group_id,
    )


def test_switching_to_linear_is_refused(api, entity_id):
    group_id = add(api)
    with unchanged_store():
        assert_refused(api.edit(F, P, group_id, {'queue': {'strategy': 'linear'}}), 400)
    linear = add(api, 'lin', '2600', queue={'strategy': 'linear'})
    assert (
        api.edit(F, P, linear, {'queue': {'strategy': 'linear', 'maxlen': 3}}).status_code == 200
    )
    assert api.edit(F, P, linear, {'groupfeatures': {'timeout': 5}}).status_code == 200


def test_edit_clears_parts_only_when_asked(api, entity_id):
    schedule = Schedule.create(name='office')
    permission = Rightcall.create(name='international')
    group_id = add(
        api,
        schedule_id=schedule.id,
        rightcall=[permission.id],
        callerid={'mode': 'prepend', 'callerdisplay': 'G'},
        dialaction={'busy': {'actiontype': 'none'}},
    )
    kept = {'callerid': None, 'schedule_id': None, 'dialaction': None, 'rightcall': None}
    assert api.edit(F, P, group_id, kept).status_code == 200
    result = view(api, group_id)
    assert result['schedule_id'] == schedule.id
    assert result['callerid'] and result['dialaction'] and result['rightcall']
    cleared = {'callerid': {}, 'schedule_id': 0, 'dialaction': {}, 'rightcall': []}
    assert api.edit(F, P, group_id, cleared).status_code == 200
    result = view(api, group_id)
    assert 'schedule_id' not in result
    assert (result['callerid'], result['dialaction'], result['rightcall']) == (False, False, False)


def test_group_can_send_calls_to_itself(api, entity_id):
    group_id = add(api)
    assert (
        api.edit(
            F,
            P,
            group_id,
            {'dialaction': {'noanswer': {'actiontype': 'group', 'actionarg1': str(group_id)}}},
        ).status_code
        == 200
    )


# -- delete ------------------------------------------------------------------------------


def test_delete_removes_everything_and_unlinks_dial_actions(api, entity_id):
    user_id = make_user(api, entity_id, '1001')
    schedule = Schedule.create(name='office')
    permission = Rightcall.create(name='international')
    group_id = add(
        api,
        users=[user_id],
        schedule_id=schedule.id,
        rightcall=[permission.id],
        callerid={'mode': 'prepend', 'callerdisplay': 'G'},
        dialaction={'busy': {'actiontype': 'endcall', 'action': 'busy'}},
    )
    other = add(
        api,
        'other',
        '2600',
        dialaction={'noanswer': {'actiontype': 'group', 'actionarg1': str(group_id)}},
    )
    fallback = Schedule.create(
        name='night', fallback_action='group', fallback_actionid=str(group_id)
    )
    pickup = Pickup.create(id=0, name='floor')
    PickupMember.create(
        pickupid=pickup.id, category='member', membertype='group', memberid=group_id
    )
    assert api.delete(F, P, group_id).status_code == 200
    assert [g.id for g in GroupFeatures.select()] == [other]
    assert [q.name for q in Queue.select()] == ['other']
    assert not QueueMember.select().exists()
    assert (
        not Dialaction.select()
        .where((Dialaction.category == 'group') & (Dialaction.categoryval == str(group_id)))
        .exists()
    )
    assert not Callerid.select().exists()
    assert not RightcallMember.select().exists()
    assert not SchedulePath.select().exists()
    assert not PickupMember.select().exists()
    assert [e.exten for e in Extension.select().where(Extension.type == 'group')] == ['2600']
    assert view(api, other)['dialaction']['noanswer']['linked'] is False
    assert Schedule.get_by_id(fallback.id).fallback_action == 'none'
    assert api.view(F, P, group_id).status_code == 404
    assert api.delete(F, P, group_id).status_code == 404


def test_a_deleted_user_leaves_the_group(api, entity_id):
    user_id = make_user(api, entity_id, '1001')
    group_id = add(api, users=[user_id])
    assert api.delete('ipbx', 'pbx_settings/users', user_id).status_code == 200
    assert view(api, group_id)['user'] is False
    assert api.list(F, P).get_json()[0]['nb_qmember'] == '0'


def test_deleteall(api, entity_id):
    assert api.delete_all(F, P).status_code == 204
    add(api, 'g1', '2001')
    add(api, 'g2', '2002')
    assert api.delete_all(F, P).status_code == 200
    assert not GroupFeatures.select().exists()
    assert not Queue.select().exists()
    assert not Extension.select().where(Extension.type == 'group').exists()
    assert api.delete_all(F, P).status_code == 204


def test_unknown_ids(api, entity_id):
    check_unknown_ids(api, F, P, body={'groupfeatures': {'timeout': 1}})


def test_acl(api, entity_id):
    check_acl(api, F, P, 'service/ipbx/pbx_settings/groups')
