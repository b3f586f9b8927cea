"""/callcenter/json.php/restricted/settings/queues"""

import copy
import json

import pytest
from playhouse.test_utils import count_queries

from tests.helpers.api import added_id
from tests.helpers.asterisk import pbx  # noqa: F401 (fixture)
from tests.helpers.fixtures import make_context, make_default_context
from tests.helpers.scenarios import (
    assert_refused,
    check_acl,
    check_bad_documents,
    check_malformed_bodies,
    check_unknown_ids,
    unchanged_store,
)
from xivows.models.agent import AgentFeatures
from xivows.models.agent_status import AgentLoginStatus
from xivows.models.context import ContextMember
from xivows.models.dialaction import Callerid, Dialaction, SchedulePath
from xivows.models.entity import Entity
from xivows.models.extension import Extension
from xivows.models.queue import GroupFeatures, Queue, QueueFeatures, QueueMember
from xivows.models.schedule import Schedule
from xivows.models.statsconf import StatsConf, StatsConfQueue
from xivows.resources.agent_status import service as agent_status

F, P = 'callcenter', 'settings/queues'
EVENTS = ('noanswer', 'busy', 'congestion', 'chanunavail', 'qwaittime', 'qwaitratio')

# What xivo-ws HEAD sends for Queue(name='foo', display_name='Foo bar', number=...,
# context='default') (its tests' _QUEUE_OBJ_DICT_TO_WS).
XIVO_WS_BODY = {
    'queuefeatures': {
        'timeout': '0',
        'hitting_caller': True,
        'transfer_user': True,
        'name': 'foo',
        'displayname': 'Foo bar',
        'number': '3555',
        'context': 'default',
        'waittime': None,
        'waitratio': None,
    },
    'queue': {
        'musicclass': 'default',
        'min-announce-frequency': '60',
        'announce-position': 'yes',
        'announce-position-limit': '5',
        'timeoutpriority': 'app',
        'ringinuse': True,
        'autofill': True,
        'setqueueentryvar': True,
        'setqueuevar': True,
        'strategy': 'ringall',
        'maxlen': 0,
        'joinempty': None,
        'leavewhenempty': None,
        'autopause': True,
        'wrapuptime': 0,
    },
    'dialaction': {event: {'actiontype': 'none'} for event in EVENTS},
    'agent': [],
    'user': [],
}


@pytest.fixture
def entity_id(app):
    make_default_context()
    return Entity.get(Entity.name == 'acme').id


def body(name='foo', number='3555', **changes):
    document = copy.deepcopy(XIVO_WS_BODY)
    document['queuefeatures'].update(name=name, number=number)
    for key, value in changes.items():
        if key in ('queuefeatures', 'queue'):
            document[key].update(value)
        else:
            document[key] = value
    return document


def add(api, name='foo', number='3555', **changes):
    return added_id(api.add(F, P, body(name, number, **changes)))


def make_agent(number, firstname='Agent'):
    return AgentFeatures.create(
        number=number, context='default', firstname=firstname, lastname=number, autologoff=0
    )


def make_user(api, entity_id, number=None, firstname='Jack'):
    document = {'userfeatures': {'firstname': firstname, 'entityid': entity_id}}
    if number:
        document['linefeatures'] = {
            'protocol': ['sip'],
            'context': ['default'],
            'number': [number],
        }
    return added_id(api.add('ipbx', 'pbx_settings/users', document))


def view(api, queue_id):
    response = api.view(F, P, queue_id)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


# -- add ------------------------------------------------------------------------


def test_add_as_xivo_ws_sends_it(api, entity_id):
    response = api.add(F, P, body())
    assert response.status_code == 200
    queue_id = json.loads(response.data)
    assert isinstance(queue_id, str)
    features = QueueFeatures.get_by_id(int(queue_id))
    assert (
        features.name,
        features.displayname,
        features.number,
        features.context,
        features.hitting_caller,
        features.transfer_user,
        features.timeout,
    ) == ('foo', 'Foo bar', '3555', 'default', True, True, 0)
    options = Queue.get(Queue.name == 'foo')
    assert (
        options.category,
        options.autopause,
        options.strategy,
        options.timeout,
        options.ringinuse,
        options.autofill,
        options.musicclass,
        options.retry,
    ) == ('queue', 'yes', 'ringall', 15, True, True, 'default', 5)
    extension = Extension.get((Extension.exten == '3555') & (Extension.context == 'default'))
    assert (extension.type, extension.typeval) == ('queue', queue_id)
    assert (
        ContextMember.get(
            (ContextMember.type == 'queue') & (ContextMember.typeval == 'foo')
        ).context
        == 'default'
    )
    assert (
        Dialaction.select()
        .where((Dialaction.category == 'queue') & (Dialaction.categoryval == queue_id))
        .count()
        == 6
    )


def test_add_full_xivo_ws_body(api, entity_id):
    # xivo-ws test_to_obj_dict_full, with agents, a schedule and autopause False.
    agents = [make_agent('2001').id, make_agent('2002').id]
    schedule = Schedule.create(name='office')
    queue_id = add(
        api,
        queuefeatures={'waittime': 5, 'waitratio': 1, 'timeout': '10'},
        queue={
            'autopause': False,
            'leavewhenempty': 'unavailable, pause',
            'joinempty': 'unavailable',
            'maxlen': 1,
            'strategy': 'linear',
            'timeout': 30,
            'wrapuptime': 15,
        },
        agent=agents,
        schedule_id=schedule.id,
    )
    features = QueueFeatures.get_by_id(queue_id)
    assert (features.waittime, features.waitratio, features.timeout) == (5, 1.0, 10)
    options = Queue.get(Queue.name == 'foo')
    assert (
        options.autopause,
        options.strategy,
        options.timeout,
        options.wrapuptime,
        options.maxlen,
        options.joinempty,
        options.leavewhenempty,
    ) == ('no', 'linear', 30, 15, 1, 'unavailable', 'unavailable, pause')
    members = list(QueueMember.select().order_by(QueueMember.position))
    assert [
        (m.userid, m.interface, m.channel, m.usertype, m.category, m.position, m.penalty)
        for m in members
    ] == [
        (agents[0], 'Agent/2001', 'Agent', 'agent', 'queue', 1, 0),
        (agents[1], 'Agent/2002', 'Agent', 'agent', 'queue', 2, 0),
    ]
    assert SchedulePath.get(SchedulePath.pathid == queue_id).schedule_id == schedule.id
    assert view(api, queue_id)['schedule_id'] == schedule.id


@pytest.mark.parametrize(
    'given,stored',
    [
        (True, 'yes'),
        (False, 'no'),
        ('no', 'no'),
        ('yes', 'yes'),
        ('all', 'all'),
        ('ALL', 'all'),
        ('1', 'yes'),
        ('0', 'no'),
        (1, 'yes'),
        (0, 'no'),
        (None, 'no'),
    ],
)
def test_autopause_accepts_booleans_and_words(api, entity_id, given, stored):
    add(api, queue={'autopause': given})
    assert Queue.get(Queue.name == 'foo').autopause == stored


def test_minimal_body_takes_defaults(api, entity_id):
    queue_id = added_id(
        api.add(F, P, {'queuefeatures': {'name': 'bare', 'context': 'default'}, 'queue': {}})
    )
    features = QueueFeatures.get_by_id(queue_id)
    assert (features.displayname, features.number, features.timeout) == ('bare', '', None)
    options = view(api, queue_id)['queue']
    assert (
        options['timeoutpriority'],
        options['autopause'],
        options['min-announce-frequency'],
        options['announce-position'],
        options['announce-position-limit'],
    ) == ('app', 'no', '60', 'yes', '5')
    assert options['queue-youarenext'] == 'queue-youarenext'
    assert options['periodic-announce'] == 'queue-periodic-announce'
    assert not Extension.select().where(Extension.type == 'queue').exists()


def test_periodic_announce_list_is_comma_joined(api, entity_id):
    add(api, queue={'periodic-announce': ['one', 'two']})
    assert Queue.get(Queue.name == 'foo').periodic_announce == 'one,two'


def test_empty_sounds_are_the_default_sounds(api, entity_id):
    add(
        api, queue={'queue-thankyou': '', 'queue-holdtime': 'my-holdtime', 'periodic-announce': ''}
    )
    options = Queue.get(Queue.name == 'foo')
    assert (options.queue_thankyou, options.queue_holdtime, options.periodic_announce) == (
        'queue-thankyou',
        'my-holdtime',
        'queue-periodic-announce',
    )


def test_user_members_use_their_line(api, entity_id):
    user_id = make_user(api, entity_id, '1001')
    queue_id = add(api, user=[user_id])
    member = QueueMember.get(QueueMember.usertype == 'user')
    assert member.interface.startswith('SIP/') and member.channel == 'SIP'
    members = view(api, queue_id)['user']
    assert members[0]['userid'] == user_id
    assert members[0]['id'] == user_id  # what xivo-ws Queue.from_obj_dict reads


def test_custom_line_interface(api, entity_id):
    from xivows.models.line import LineFeatures, UserCustom, UserLine

    user_id = make_user(api, entity_id)
    custom = UserCustom.create(name='c1', context='default', interface='DAHDI/g1/123')
    line = LineFeatures.create(
        protocol='custom', protocolid=custom.id, name='c1', context='default'
    )
    UserLine.create(user_id=user_id, line_id=line.id)
    add(api, user=[user_id])
    member = QueueMember.get(QueueMember.usertype == 'user')
    assert (member.interface, member.channel) == ('DAHDI/g1/123', 'Custom')


def test_queue_is_a_dial_action_destination(api, entity_id):
    target = add(api, 'target', '3001')
    other = add(
        api,
        'other',
        '3002',
        dialaction={'noanswer': {'actiontype': 'queue', 'actionarg1': str(target)}},
    )
    dialaction = view(api, other)['dialaction']['noanswer']
    assert (dialaction['actiontype'], dialaction['actionarg1'], dialaction['linked']) == (
        'queue',
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
                    '3003',
                    dialaction={'busy': {'actiontype': 'queue', 'actionarg1': '999999'}},
                ),
            ),
            400,
        )


def test_callerid(api, entity_id):
    queue_id = add(api, callerid={'mode': 'prepend', 'callerdisplay': 'Support'})
    assert view(api, queue_id)['callerid'] == {
        'mode': 'prepend',
        'callerdisplay': 'Support',
        'type': 'queue',
        'typeval': str(queue_id),
    }


# -- refusals -------------------------------------------------------------------


@pytest.mark.parametrize('number', ['999', '1001', '2000', '35a5', '3555'])
def test_number_out_of_range_or_taken_is_refused(api, entity_id, number):
    add(api, 'first', '3555')
    with unchanged_store():
        response = api.add(F, P, body('second', number))
        assert_refused(response, 400)
        assert response.get_json()['error'].startswith('queuefeatures.number: ')


@pytest.mark.parametrize('value', ['x,${SHELL(id)}', '../sounds', 'a b', 'a;b'])
def test_announce_override_is_a_sound_file_name(api, entity_id, value):
    # It is Queue()'s announceoverride argument: a sound, as `announce` is
    with unchanged_store():
        response = api.add(F, P, body(queuefeatures={'announceoverride': value}))
        assert_refused(response, 400)
        assert response.get_json()['error'].startswith('queuefeatures.announceoverride: ')
    queue_id = add(api, queuefeatures={'announceoverride': 'custom/intro'})
    assert view(api, queue_id)['queuefeatures']['announceoverride'] == 'custom/intro'


def test_number_refusals_name_the_field(api, entity_id):
    queue_id = add(api, 'first', '3555')
    add(api, 'second', '3556')
    for number, reason in (
        ('3556', 'number 3556 is already used in context default'),
        ('999', 'number 999 is outside the queue ranges of context default'),
    ):
        with unchanged_store():
            response = api.edit(F, P, queue_id, {'queuefeatures': {'number': number}})
            assert_refused(response, 400)
            assert response.get_json()['error'] == f'queuefeatures.number: {reason}'


@pytest.mark.parametrize('name', ['foo', 'sales', 'general', 'GENERAL'])
def test_name_taken_by_a_queue_or_group_or_reserved(api, entity_id, name):
    add(api, 'foo', '3555')
    GroupFeatures.create(name='sales', context='default')
    with unchanged_store():
        assert_refused(api.add(F, P, body(name, '3556')), 400)


def test_members_that_cannot_be_refuse_the_whole_add(api, entity_id):
    lineless = make_user(api, entity_id)
    star = make_agent('*20')
    documents = [
        body(agent=[999999]),
        body(user=[999999]),
        body(user=[lineless]),
        body(agent=[star.id]),
        body(agent='1'),
        body(agent=['x']),
        body(user={'a': 1}),
        body(agent=[2**40]),
    ]
    check_bad_documents(api, F, P, 'add', documents)


def test_a_failure_after_valid_parts_leaves_nothing(api, entity_id):
    agent = make_agent('2001')
    document = body(agent=[agent.id])
    document['dialaction']['busy'] = {'actiontype': 'user', 'actionarg1': '999999'}
    with unchanged_store():
        assert_refused(api.add(F, P, document), 400)


BAD_FEATURES = [
    {'name': ''},
    {'name': 'bad name'},
    {'name': 'x' * 129},
    {'name': ['foo']},
    {'name': None},
    {'context': None},
    {'context': 'nowhere'},
    {'context': 'xivo-features'},
    {'displayname': 'x' * 129},
    {'displayname': 'a\x01'},
    {'number': '12a'},
    {'number': {'a': 1}},
    {'hitting_caller': 'maybe'},
    {'hitting_caller': 2},
    {'timeout': -1},
    {'timeout': 'abc'},
    {'timeout': 2**40},
    {'waittime': 7},
    {'waitratio': -1},
    {'waitratio': 'abc'},
    {'waitratio': 1e300},
    {'waitratio': True},
    {'url': 'x' * 256},
    {'preprocess_subroutine': 'bad name'},
    {'name': "foo'; DROP TABLE queue; --"},
]
BAD_OPTIONS = [
    {'autopause': 'maybe'},
    {'autopause': 2},
    {'autopause': ['yes']},
    {'timeoutpriority': 'x'},
    {'min-announce-frequency': 5},
    {'min-announce-frequency': 610},
    {'announce-position': 'x'},
    {'announce-position-limit': 0},
    {'announce-position-limit': 51},
    {'timeout': 7},
    {'timeout': 65},
    {'strategy': 'best'},
    {'retry': 0},
    {'retry': 3},
    {'weight': 11},
    {'wrapuptime': 3},
    {'maxlen': -1},
    {'maxlen': 65536},
    {'memberdelay': 61},
    {'musicclass': 'x' * 21},
    {'announce-frequency': 20},
    {'announce-holdtime': 'always'},
    {'announce-round-seconds': 7},
    {'monitor-type': 'record'},
    {'monitor-format': 'mp3'},
    {'periodic-announce': ['s'] * 11},
    {'periodic-announce': {'a': 1}},
    {'periodic-announce': ['a,b']},
    {'joinempty': 'x\x00'},
    {'context': 'bad name'},
    {'ringinuse': 'perhaps'},
    {'servicelevel': -5},
    {'queue-youarenext': 'x' * 129},
]


def test_invalid_documents(api, entity_id):
    documents = [body(queuefeatures=change) for change in BAD_FEATURES]
    documents += [body(queue=change) for change in BAD_OPTIONS]
    documents += [
        {},
        {'queuefeatures': body()['queuefeatures']},
        {'queue': body()['queue']},
        {'queuefeatures': [], 'queue': {}},
        {'queuefeatures': 'foo', 'queue': {}},
        body(dialaction='none'),
        body(dialaction={'busy': {'actiontype': 'bogus'}}),
        body(dialaction={'busy': 'none'}),
        body(callerid={'mode': 'replace'}),
        body(callerid='x'),
        body(callerid={'mode': 'prepend', 'callerdisplay': 'x' * 81}),
        body(schedule_id=999999),
        body(schedule_id='abc'),
        body(schedule_id=-1),
        [],
        ['foo'],
    ]
    check_bad_documents(api, F, P, 'add', documents)


def test_malformed_bodies(api, entity_id):
    check_malformed_bodies(api, F, P, 'add')
    queue_id = add(api)
    check_malformed_bodies(api, F, P, 'edit', id=queue_id)


# -- list, search, view ---------------------------------------------------------------


LIST_KEYS = {
    'id',
    'name',
    'displayname',
    'number',
    'context',
    'data_quality',
    'hitting_callee',
    'hitting_caller',
    'retries',
    'ring',
    'transfer_user',
    'transfer_call',
    'write_caller',
    'write_calling',
    'url',
    'announceoverride',
    'timeout',
    'preprocess_subroutine',
    'announce_holdtime',
    'waittime',
    'waitratio',
    'commented',
    'category',
    'nb_qmember',
    'entity_displayname',
    'identity',
}


def test_list_items(api, entity_id):
    assert api.list(F, P).status_code == 204
    agents = [make_agent('2001').id, make_agent('2002').id]
    queue_id = add(
        api, queuefeatures={'waittime': 5, 'waitratio': 0.5, 'timeout': 10}, agent=agents
    )
    add(api, 'bare', '', queuefeatures={'displayname': 'Bare'})
    items = api.list(F, P).get_json()
    assert [item['name'] for item in items] == ['foo', 'bare']
    item = items[0]
    assert set(item) == LIST_KEYS
    assert item['id'] == str(queue_id)
    assert (item['waittime'], item['waitratio'], item['timeout']) == ('5', '0.5', '10')
    assert (item['hitting_caller'], item['data_quality']) == ('1', '0')
    assert item['commented'] is False and item['category'] == 'queue'
    assert item['nb_qmember'] == '2'
    assert item['entity_displayname'] == 'Acme'
    assert item['identity'] == 'Foo bar (3555@default)'
    assert items[1]['nb_qmember'] == '0'
    assert items[1]['identity'] == 'Bare (default)'
    assert api.request(F, P).get_json() == items  # default act


def test_xivo_ws_parses_list_items(api, entity_id):
    add(api, queuefeatures={'timeout': 10, 'waittime': 5, 'waitratio': 1})
    item = api.list(F, P).get_json()[0]
    # Queue.from_list_obj_dict
    assert int(item['id']) > 0
    assert (int(item['timeout']) if item['timeout'] else 0) == 10
    assert (item['name'], item['displayname'], item['number'], item['context']) == (
        'foo',
        'Foo bar',
        '3555',
        'default',
    )


def test_queues_of_a_context_without_entity_are_not_listed(api, entity_id):
    make_context('orphan', entity=None, ranges={'queue': [('5000', '5999')]})
    add(api, 'lost', '5000', queuefeatures={'context': 'orphan'})
    assert api.list(F, P).status_code == 204


def test_list_runs_a_constant_number_of_queries(api, entity_id):
    add(api, 'q0', '3000', agent=[make_agent('2000').id])
    with count_queries() as few:
        api.list(F, P)
    for index in range(1, 8):
        add(api, f'q{index}', str(3000 + index), agent=[make_agent(str(2000 + index)).id])
    with count_queries() as many:
        assert len(api.list(F, P).get_json()) == 8
    assert many.count == few.count


@pytest.mark.parametrize(
    'term,found',
    [
        ('support', ['sup']),
        ('SUPP', ['sup']),
        ('3001', ['sup']),
        ('300', ['sup', 'salesq']),
        ('sup', ['sup']),
        ('salesq', []),
        ('%', []),
        ('nothing', []),
    ],
)
def test_search_on_displayname_and_number(api, entity_id, term, found):
    add(api, 'sup', '3001', queuefeatures={'displayname': 'Support'})
    add(api, 'salesq', '3002', queuefeatures={'displayname': 'Sales'})
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
    agent = make_agent('2001')
    user_id = make_user(api, entity_id, '1001')
    queue_id = add(api, agent=[agent.id], user=[user_id])
    result = view(api, queue_id)
    assert set(result) == {'queuefeatures', 'queue', 'agent', 'user', 'dialaction', 'callerid'}
    features = result['queuefeatures']
    assert features['id'] == queue_id
    assert features['identity'] == 'foo (3555@default)'
    assert features['hitting_caller'] == '1' and features['waittime'] is None
    assert set(features) == LIST_KEYS - {
        'commented',
        'category',
        'nb_qmember',
        'entity_displayname',
    }
    options = result['queue']
    assert options['commented'] is False
    assert (
        options['name'],
        options['category'],
        options['autopause'],
        options['timeout'],
        options['ringinuse'],
        options['maxlen'],
    ) == ('foo', 'queue', 'yes', '15', '1', '0')
    for key in (
        'min-announce-frequency',
        'announce-position',
        'queue-youarenext',
        'periodic-announce',
        'monitor-type',
        'random-periodic-announce',
    ):
        assert key in options
    member = result['agent'][0]
    assert member == {
        'queue_name': 'foo',
        'interface': 'Agent/2001',
        'penalty': '0',
        'commented': False,
        'usertype': 'agent',
        'userid': agent.id,
        'channel': 'Agent',
        'category': 'queue',
        'position': 1,
        'id': agent.id,
    }
    assert result['user'][0]['usertype'] == 'user'
    assert set(result['dialaction']) == set(EVENTS)
    busy = result['dialaction']['busy']
    assert (
        busy['event'],
        busy['category'],
        busy['categoryval'],
        busy['actiontype'],
        busy['action'],
        busy['linked'],
    ) == ('busy', 'queue', str(queue_id), 'none', None, True)
    assert result['callerid'] is False


def test_view_without_members_or_dial_actions(api, entity_id):
    queue_id = added_id(
        api.add(F, P, {'queuefeatures': {'name': 'bare', 'context': 'default'}, 'queue': {}})
    )
    result = view(api, queue_id)
    assert (result['agent'], result['user'], result['dialaction'], result['callerid']) == (
        False,
        False,
        False,
        False,
    )
    assert 'schedule_id' not in result


def test_xivo_ws_parses_the_view(api, entity_id):
    agents = [make_agent('2001').id, make_agent('2002').id]
    user_id = make_user(api, entity_id, '1001')
    queue_id = add(
        api,
        queuefeatures={'timeout': '10', 'waittime': 5, 'waitratio': 1},
        agent=agents,
        user=[user_id],
    )
    result = view(api, queue_id)
    # Queue.from_obj_dict
    features, options = result['queuefeatures'], result['queue']
    assert int(features['id']) == queue_id
    assert (
        features['name'],
        features['displayname'],
        features['number'],
        features['context'],
    ) == ('foo', 'Foo bar', '3555', 'default')
    assert (int(features['timeout']) if features['timeout'] else 0) == 10
    assert (options['maxlen'], options['joinempty'], options['wrapuptime']) == ('0', '', '0')
    assert [member['userid'] for member in result['agent']] == agents
    assert [member['id'] for member in result['user']] == [user_id]


# -- edit --------------------------------------------------------------------------


def view_to_edit(result):
    """What a client sends back after reading a view."""
    return {
        'queuefeatures': result['queuefeatures'],
        'queue': result['queue'],
        'agent': [member['userid'] for member in result['agent'] or []],
        'user': [member['userid'] for member in result['user'] or []],
        'dialaction': {
            event: {
                key: entry[key] for key in ('actiontype', 'action', 'actionarg1', 'actionarg2')
            }
            for event, entry in (result['dialaction'] or {}).items()
        },
        'callerid': result['callerid'] or None,
        'schedule_id': result.get('schedule_id', 0),
    }


def test_edit_round_trip_of_the_view(api, entity_id):
    agent = make_agent('2001')
    user_id = make_user(api, entity_id, '1001')
    queue_id = add(
        api,
        queuefeatures={'waittime': 5, 'waitratio': 0.5},
        agent=[agent.id],
        user=[user_id],
        callerid={'mode': 'append', 'callerdisplay': 'Q'},
        queue={'periodic-announce': ['a', 'b'], 'monitor-type': 'mixmonitor'},
    )
    before = view(api, queue_id)
    assert api.edit(F, P, queue_id, view_to_edit(before)).status_code == 200
    assert view(api, queue_id) == before
    # the view itself sent back as is (member objects, as groups take them) works too
    response = api.edit(F, P, queue_id, before)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert view(api, queue_id) == before


def test_members_given_as_view_objects_keep_their_order(api, entity_id):
    first, second = make_agent('2001'), make_agent('2002')
    queue_id = add(api, agent=[first.id, second.id])
    members = view(api, queue_id)['agent']
    response = api.edit(F, P, queue_id, {'agent': [members[1], members[0]]})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert [m['userid'] for m in view(api, queue_id)['agent']] == [second.id, first.id]
    for bad in ([{'interface': 'Agent/2001'}], [{'userid': 'x'}], [{'userid': 999999}]):
        with unchanged_store():
            assert_refused(api.edit(F, P, queue_id, {'agent': bad}), 400)


def test_edit_merges(api, entity_id):
    agent = make_agent('2001')
    queue_id = add(
        api,
        agent=[agent.id],
        queue={'maxlen': 7},
        callerid={'mode': 'prepend', 'callerdisplay': 'Q'},
    )
    QueueMember.update(penalty=3).execute()
    before = view(api, queue_id)
    assert (
        api.edit(F, P, queue_id, {'queuefeatures': {'displayname': 'Renamed'}}).status_code == 200
    )
    after = view(api, queue_id)
    assert after['queuefeatures']['displayname'] == 'Renamed'
    after['queuefeatures']['displayname'] = before['queuefeatures']['displayname']
    assert after == before
    assert api.edit(F, P, queue_id, {'queue': {'strategy': 'rrmemory'}}).status_code == 200
    assert Queue.get(Queue.name == 'foo').maxlen == 7


def test_edit_refuses_another_name_and_moves_the_number(api, entity_id):
    # The original kept the stored name whatever the edit said; a client is now
    # told (issue 9): the name is the queue's Asterisk name, it cannot change.
    queue_id = add(api)
    with unchanged_store():
        response = api.edit(F, P, queue_id, {'queuefeatures': {'name': 'other', 'number': '3600'}})
        assert_refused(response, 400)
        assert response.get_json()['error'] == 'queuefeatures.name: cannot be changed'
    for name in (['foo'], {'a': 1}, 42):
        with unchanged_store():
            response = api.edit(F, P, queue_id, {'queuefeatures': {'name': name}})
            assert_refused(response, 400)
            assert response.get_json()['error'].startswith('queuefeatures.name: ')
    # The view's name sent back, or none at all, is accepted.
    assert (
        api.edit(F, P, queue_id, {'queuefeatures': {'name': 'foo', 'number': '3600'}}).status_code
        == 200
    )
    assert api.edit(F, P, queue_id, {'queuefeatures': {'name': None}}).status_code == 200
    features = QueueFeatures.get_by_id(queue_id)
    assert (features.name, features.number) == ('foo', '3600')
    assert Extension.get(Extension.type == 'queue').exten == '3600'
    assert api.edit(F, P, queue_id, {'queuefeatures': {'number': ''}}).status_code == 200
    assert not Extension.select().where(Extension.type == 'queue').exists()


def test_edit_members_keeps_penalties_and_follows_the_order(api, entity_id):
    first, second, third = make_agent('2001'), make_agent('2002'), make_agent('2003')
    queue_id = add(api, agent=[first.id, second.id])
    QueueMember.update(penalty=4).where(QueueMember.userid == second.id).execute()
    assert api.edit(F, P, queue_id, {'agent': [third.id, second.id]}).status_code == 200
    rows = [
        (m.userid, m.position, m.penalty)
        for m in QueueMember.select().order_by(QueueMember.position)
    ]
    assert rows == [(third.id, 1, 0), (second.id, 2, 4)]
    assert api.edit(F, P, queue_id, {'agent': []}).status_code == 200
    assert not QueueMember.select().exists()


def test_edit_other_queue_number_is_refused(api, entity_id):
    add(api, 'first', '3001')
    queue_id = add(api, 'second', '3002')
    check_bad_documents(
        api,
        F,
        P,
        'edit',
        [
            {'queuefeatures': {'number': '3001'}},
            {'queuefeatures': {'number': '999'}},
            {'queuefeatures': {'context': 'nowhere'}},
            {'queue': {'autopause': 'maybe'}},
            {'queuefeatures': []},
            {'queue': 'x'},
            {'agent': [999999]},
            {'dialaction': {'busy': {'actiontype': 'queue', 'actionarg1': '999999'}}},
        ],
        id=queue_id,
    )


def test_switching_to_linear_is_refused(api, entity_id):
    queue_id = add(api)
    with unchanged_store():
        assert_refused(api.edit(F, P, queue_id, {'queue': {'strategy': 'linear'}}), 400)
    linear = add(api, 'lin', '3600', queue={'strategy': 'linear'})
    assert (
        api.edit(F, P, linear, {'queue': {'strategy': 'linear', 'maxlen': 3}}).status_code == 200
    )


def test_edit_detaches_callerid_schedule_and_dial_actions_only_when_asked(api, entity_id):
    schedule = Schedule.create(name='office')
    queue_id = add(
        api, schedule_id=schedule.id, callerid={'mode': 'prepend', 'callerdisplay': 'Q'}
    )
    kept = {'callerid': None, 'schedule_id': None, 'dialaction': None}
    assert api.edit(F, P, queue_id, kept).status_code == 200
    result = view(api, queue_id)
    assert result['schedule_id'] == schedule.id and result['callerid']
    assert result['dialaction']
    cleared = {'callerid': {}, 'schedule_id': 0, 'dialaction': {}}
    assert api.edit(F, P, queue_id, cleared).status_code == 200
    result = view(api, queue_id)
    assert 'schedule_id' not in result
    assert (result['callerid'], result['dialaction']) == (False, False)


def test_queue_can_send_calls_to_itself_after_creation(api, entity_id):
    queue_id = add(api)
    assert (
        api.edit(
            F,
            P,
            queue_id,
            {'dialaction': {'noanswer': {'actiontype': 'queue', 'actionarg1': str(queue_id)}}},
        ).status_code
        == 200
    )


# -- delete ------------------------------------------------------------------------------


def test_delete_removes_everything_and_unlinks_dial_actions(api, entity_id):
    agent = make_agent('2001')
    user_id = make_user(api, entity_id, '1001')
    schedule = Schedule.create(name='office')
    queue_id = add(
        api,
        agent=[agent.id],
        user=[user_id],
        schedule_id=schedule.id,
        callerid={'mode': 'prepend', 'callerdisplay': 'Q'},
    )
    other = add(
        api,
        'other',
        '3600',
        dialaction={'noanswer': {'actiontype': 'queue', 'actionarg1': str(queue_id)}},
    )
    conf = StatsConf.create(name='conf', hour_start='08:00', hour_end='18:00', dbegcache='2015-01')
    StatsConfQueue.create(stats_conf_id=conf.id, queuefeatures_id=queue_id)
    assert api.delete(F, P, queue_id).status_code == 200
    assert list(QueueFeatures.select()) == [QueueFeatures.get_by_id(other)]
    assert [q.name for q in Queue.select()] == ['other']
    assert not QueueMember.select().exists()
    assert not Dialaction.select().where(Dialaction.categoryval == str(queue_id)).exists()
    assert not Callerid.select().exists()
    assert not SchedulePath.select().exists()
    assert not StatsConfQueue.select().exists()
    assert [e.exten for e in Extension.select().where(Extension.type == 'queue')] == ['3600']
    assert not ContextMember.select().where(ContextMember.typeval == 'foo').exists()
    dialaction = view(api, other)['dialaction']['noanswer']
    assert dialaction['linked'] is False


def test_deleting_a_queue_removes_logged_agents_from_it(api, entity_id, pbx):
    agent = make_agent('2001')
    queue_id = add(api, agent=[agent.id])
    name = QueueFeatures.get_by_id(queue_id).name
    pbx.peer.add_queue(name)
    pbx.settle()
    assert pbx.told() == []  # not logged: nothing to tell Asterisk
    AgentLoginStatus.create(
        agent_id=agent.id,
        agent_number='2001',
        extension='1001',
        context='default',
        interface=f'Local/id-{agent.id}@agentcallback',
        state_interface='PJSIP/abc',
        login_at=1,
    )
    agent_status.mark_changed(agent.id)
    pbx.settle()
    assert [a['Action'] for a in pbx.told()] == ['DBPut', 'QueueAdd']
    assert api.delete(F, P, queue_id).status_code == 200
    pbx.settle()
    assert [(a['Action'], a['Queue']) for a in pbx.told()] == [('QueueRemove', name)]


def test_deleteall(api, entity_id):
    assert api.delete_all(F, P).status_code == 204
    add(api, 'q1', '3001')
    add(api, 'q2', '3002')
    assert api.delete_all(F, P).status_code == 200
    assert not QueueFeatures.select().exists()
    assert not Queue.select().exists()


def test_unknown_ids(api, entity_id):
    check_unknown_ids(api, F, P, body={'queuefeatures': {'displayname': 'x'}})


def test_acl(api, entity_id):
    check_acl(api, F, P, 'service/callcenter/settings/queues')
