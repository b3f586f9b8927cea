"""/service/ipbx/json.php/restricted/pbx_settings/meetme"""

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
from xivows.models.dialaction import Dialaction
from xivows.models.extension import Extension
from xivows.models.meetme import MeetmeFeatures, MeetmeGuest, StaticMeetme
from xivows.models.schedule import Schedule
from xivows.models.user import UserFeatures
from xivows.resources.meetme import service
from xivows.resources.meetme.schemas import EMAILBODY

F, P = 'ipbx', 'pbx_settings/meetme'
VIEW_BOOLS = {
    'admin_announceusercount',
    'admin_moderationmode',
    'admin_initiallymuted',
    'admin_poundexit',
    'admin_quiet',
    'admin_starmenu',
    'admin_closeconflastmarkedexit',
    'admin_enableexitcontext',
    'user_announceusercount',
    'user_hiddencalls',
    'user_initiallymuted',
    'user_poundexit',
    'user_quiet',
    'user_starmenu',
    'user_enableexitcontext',
    'talkeroptimization',
    'record',
    'talkerdetection',
    'noplaymsgfirstenter',
}
COLUMNS = {
    'id',
    'meetmeid',
    'name',
    'confno',
    'context',
    'admin_typefrom',
    'admin_internalid',
    'admin_externalid',
    'admin_identification',
    'admin_mode',
    'admin_announcejoinleave',
    'admin_musiconhold',
    'admin_exitcontext',
    'user_mode',
    'user_announcejoinleave',
    'user_musiconhold',
    'user_exitcontext',
    'durationm',
    'closeconfdurationexceeded',
    'nbuserstartdeductduration',
    'timeannounceclose',
    'maxusers',
    'startdate',
    'emailfrom',
    'emailfromname',
    'emailsubject',
    'emailbody',
    'preprocess_subroutine',
    'description',
    'commented',
} | VIEW_BOOLS
LIST_KEYS = COLUMNS | {'pin', 'pinadmin', 'identity', 'entity_displayname'}


@pytest.fixture
def dialplan(app):
    make_default_context()


def body(name='blue', number='4000', context='default', room=None, **changes):
    """What xivo-ws HEAD sends for ConfRoom(name, number, context)."""
    document = {
        'meetmefeatures': {
            'name': name,
            'confno': number,
            'context': context,
            'maxusers': '0',
            'admin_typefrom': 'none',
            'user_mode': 'all',
            'user_announcejoinleave': 'no',
            'user_musiconhold': 'default',
        },
        'meetmeroom': {'confno': number, **(room or {})},
    }
    for key, value in changes.items():
        if key == 'meetmefeatures':
            document[key].update(value)
        else:
            document[key] = value
    return document


def add(api, name='blue', number='4000', **changes):
    return added_id(api.add(F, P, body(name, number, **changes)))


def view(api, meetme_id):
    response = api.view(F, P, meetme_id)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


# -- add ------------------------------------------------------------------------


def test_add_as_xivo_ws_sends_it(api, dialplan):
    response = api.add(F, P, body())
    assert response.status_code == 200
    meetme_id = json.loads(response.data)
    assert isinstance(meetme_id, str)
    features = MeetmeFeatures.get_by_id(int(meetme_id))
    assert (
        features.name,
        features.confno,
        features.context,
        features.maxusers,
        features.admin_typefrom,
        features.user_mode,
        features.user_announcejoinleave,
        features.user_musiconhold,
    ) == ('blue', '4000', 'default', 0, 'none', 'all', 'no', 'default')
    room = StaticMeetme.get_by_id(features.meetmeid)
    assert (room.filename, room.category, room.var_name, room.var_val, room.commented) == (
        'meetme.conf',
        'rooms',
        'conf',
        '4000',
        False,
    )
    extension = Extension.get((Extension.exten == '4000') & (Extension.context == 'default'))
    assert (extension.type, extension.typeval) == ('meetme', meetme_id)


def test_minimal_body_takes_defaults(api, dialplan):
    meetme_id = added_id(
        api.add(
            F,
            P,
            {
                'meetmefeatures': {'name': 'bare', 'context': 'default', 'admin_typefrom': 'none'},
                'meetmeroom': {'confno': 4001},
            },
        )
    )
    features = MeetmeFeatures.get_by_id(meetme_id)
    assert (
        features.confno,
        features.maxusers,
        features.user_mode,
        features.admin_mode,
        features.admin_identification,
        features.talkerdetection,
        features.talkeroptimization,
        features.record,
        features.user_musiconhold,
        features.emailbody,
    ) == ('4001', 0, 'all', 'all', 'pin', True, True, False, None, EMAILBODY)


@pytest.mark.parametrize(
    'room,definition',
    [
        ({'pin': '1234', 'pinadmin': '5678'}, '4000,1234,5678'),
        ({'pin': '1234'}, '4000,1234'),
        ({'pinadmin': 5678}, '4000,,5678'),
        ({'pin': '', 'pinadmin': None}, '4000'),
    ],
)
def test_pins_make_the_room_definition(api, dialplan, room, definition):
    meetme_id = add(api, room=room)
    assert StaticMeetme.get().var_val == definition
    result = view(api, meetme_id)['meetmeroom']
    pins = definition.split(',') + ['', '']
    assert (result['confno'], result['pin'], result['pinadmin'], result['var_val']) == (
        '4000',
        pins[1],
        pins[2],
        definition,
    )


@pytest.mark.parametrize(
    'given,stored', [('default', 'default'), ('nosuchclass', None), ('', None)]
)
def test_music_class_must_exist_else_it_is_cleared(api, dialplan, given, stored):
    add(api, meetmefeatures={'user_musiconhold': given, 'admin_musiconhold': given})
    features = MeetmeFeatures.get()
    assert (features.user_musiconhold, features.admin_musiconhold) == (stored, stored)


def test_options_are_stored(api, dialplan):
    user = UserFeatures.create(uuid=str(uuid.uuid4()), firstname='Boss')
    add(
        api,
        meetmefeatures={
            'admin_typefrom': 'internal',
            'admin_internalid': user.id,
            'admin_mode': 'talk',
            'admin_identification': 'all',
            'admin_moderationmode': True,
            'user_mode': 'listen',
            'user_announcejoinleave': 'noreview',
            'user_hiddencalls': 'yes',
            'record': '1',
            'talkerdetection': False,
            'maxusers': 99,
            'durationm': 60,
            'startdate': 1420070400,
            'user_exitcontext': 'default',
            'user_enableexitcontext': True,
            'emailfrom': 'conf@example.com',
            'description': 'Weekly\nmeeting',
        },
    )
    features = MeetmeFeatures.get()
    assert (
        features.admin_typefrom,
        features.admin_internalid,
        features.admin_mode,
        features.admin_identification,
        features.admin_moderationmode,
        features.user_mode,
        features.user_announcejoinleave,
        features.user_hiddencalls,
        features.record,
        features.talkerdetection,
        features.maxusers,
        features.durationm,
        features.startdate,
        features.user_exitcontext,
        features.emailfrom,
        features.description,
    ) == (
        'internal',
        user.id,
        'talk',
        'all',
        True,
        'listen',
        'noreview',
        True,
        True,
        False,
        99,
        60,
        1420070400,
        'default',
        'conf@example.com',
        'Weekly\nmeeting',
    )


def test_guests(api, dialplan):
    meetme_id = add(
        api,
        meetmeguest=[
            {
                'fullname': 'Ann Lee',
                'telephonenumber': '+33123456789',
                'email': 'ann@example.com',
                'sendemail': True,
            },
            {'fullname': 'Bob', 'telephonenumber': None, 'email': ''},
        ],
    )
    guests = view(api, meetme_id)['meetmeguest']
    assert guests == [
        {
            'id': str(guests[0]['id']),
            'meetmefeaturesid': str(meetme_id),
            'fullname': 'Ann Lee',
            'telephonenumber': '+33123456789',
            'email': 'ann@example.com',
        },
        {
            'id': str(guests[1]['id']),
            'meetmefeaturesid': str(meetme_id),
            'fullname': 'Bob',
            'telephonenumber': None,
            'email': None,
        },
    ]


def test_room_is_a_dial_action_destination(api, dialplan):
    meetme_id = add(api)
    group = added_id(
        api.add(
            'ipbx',
            'pbx_settings/groups',
            {
                'groupfeatures': {'name': 'g', 'context': 'default'},
                'queue': {},
                'dialaction': {'noanswer': {'actiontype': 'meetme', 'actionarg1': meetme_id}},
            },
        )
    )
    dialaction = api.view('ipbx', 'pbx_settings/groups', group).get_json()['dialaction']
    assert (dialaction['noanswer']['actiontype'], dialaction['noanswer']['actionarg1']) == (
        'meetme',
        str(meetme_id),
    )
    with unchanged_store():
        assert_refused(
            api.add(
                'ipbx',
                'pbx_settings/groups',
                {
                    'groupfeatures': {'name': 'h', 'context': 'default'},
                    'queue': {},
                    'dialaction': {'busy': {'actiontype': 'meetme', 'actionarg1': '999999'}},
                },
            )
        )


def test_incall_lists_show_a_room_destination(api, dialplan):
    meetme_id = add(api)
    api.add(
        'ipbx',
        'call_management/incall',
        {
            'incall': {'exten': '4000', 'context': 'from-extern'},
            'dialaction': {'answer': {'actiontype': 'meetme', 'actionarg1': str(meetme_id)}},
        },
    )
    item = api.list('ipbx', 'call_management/incall').get_json()[0]
    assert (
        item['meetmename'],
        item['meetmenumber'],
        item['meetmecontext'],
        item['destidentity'],
    ) == ('blue', '4000', 'default', 'blue (4000@default)')
    assert api.search('ipbx', 'call_management/incall', 'blue').status_code == 200


# -- refusals -------------------------------------------------------------------


@pytest.mark.parametrize('number', ['999', '1001', '2000', '5000', '40a0', '4000', '4*1'])
def test_number_out_of_range_or_taken_is_refused(api, dialplan, number):
    add(api, 'first', '4000')
    with unchanged_store():
        assert_refused(api.add(F, P, body('second', number)), 400)


def test_number_refusals_name_the_field(api, dialplan):
    add(api, 'first', '4000')
    for number, reason in [
        ('999', 'number 999 is outside the meetme ranges of context default'),
        ('4000', 'number 4000 is already used in context default'),
    ]:
        response = api.add(F, P, body('second', number))
        assert response.get_json() == {'error': f'meetmefeatures.confno: {reason}'}


def test_number_held_by_another_object_is_refused(api, dialplan):
    Extension.create(context='default', exten='4100', type='user', typeval='1')
    with unchanged_store():
        assert_refused(api.add(F, P, body('blue', '4100')), 400)


BAD_FEATURES = [
    {'name': ''},
    {'name': None},
    {'name': 'with space'},
    {'name': 'x' * 81},
    {'name': ['blue']},
    {'name': 'caf\u00e9'},
    {'name': "x'; DROP TABLE meetmefeatures; --"},
    {'context': None},
    {'context': 'nowhere'},
    {'context': 'xivo-features'},
    {'confno': '4001'},
    {'confno': {'a': 1}},
    {'admin_typefrom': None},
    {'admin_typefrom': 'everyone'},
    {'admin_typefrom': 'internal'},
    {'admin_typefrom': 'internal', 'admin_internalid': 999999},
    {'admin_typefrom': 'external'},
    {'admin_typefrom': 'external', 'admin_externalid': 'x'},
    {'maxusers': 100},
    {'maxusers': -1},
    {'maxusers': 'many'},
    {'maxusers': 1.5},
    {'user_mode': 'shout'},
    {'admin_mode': 'shout'},
    {'user_announcejoinleave': 'maybe'},
    {'admin_identification': 'face'},
    {'record': 'perhaps'},
    {'talkerdetection': 2},
    {'durationm': 2**20},
    {'startdate': -1},
    {'user_exitcontext': 'nowhere'},
    {'admin_exitcontext': 'bad name'},
    {'emailfrom': 'not-an-address'},
    {'emailsubject': 'x' * 256},
    {'emailfromname': 'a\x00b'},
    {'description': 'x' * 1001},
    {'preprocess_subroutine': 'bad name'},
    {'user_musiconhold': ['default']},
]
BAD_ROOMS = [
    {},
    {'confno': ''},
    {'confno': None},
    {'confno': '40a'},
    {'confno': [4000]},
    {'confno': '4000', 'pin': 'abc'},
    {'confno': '4000', 'pinadmin': '12#'},
    {'confno': '4000', 'pin': '1' * 41},
    {'confno': '4000', 'commented': 'maybe'},
]
BAD_GUESTS = [
    'x',
    {'fullname': 'A'},
    [{'fullname': ''}],
    [{'email': 'a@example.com'}],
    [{'fullname': 'A', 'email': 'nope'}],
    [{'fullname': 'A', 'telephonenumber': 'x'}],
    ['Ann'],
    [{'fullname': 'A\x00'}],
    [{'fullname': 'A'}] * 1001,
]


def test_invalid_documents(api, dialplan):
    documents = [body(meetmefeatures=change) for change in BAD_FEATURES]
    documents += [{**body(), 'meetmeroom': room} for room in BAD_ROOMS]
    documents += [body(meetmeguest=guests) for guests in BAD_GUESTS]
    documents += [
        {},
        {'meetmefeatures': body()['meetmefeatures']},
        {'meetmeroom': body()['meetmeroom']},
        {'meetmefeatures': [], 'meetmeroom': {'confno': '4000'}},
        {'meetmefeatures': body()['meetmefeatures'], 'meetmeroom': '4000'},
    ]
    check_bad_documents(api, F, P, 'add', documents)


def test_name_must_be_unique(api, dialplan):
    add(api, 'blue', '4000')
    with unchanged_store():
        assert_refused(api.add(F, P, body('blue', '4001')), 400)


def test_malformed_bodies(api, dialplan):
    check_malformed_bodies(api, F, P, 'add')
    with unchanged_store():
        assert_refused(api.request(F, P, 'add', body=[body()]), 400)


def test_edit_is_not_an_act(api, dialplan):
    meetme_id = add(api)
    with unchanged_store():
        assert_refused(api.edit(F, P, meetme_id, body('renamed')), 400)


# -- list, search, view ---------------------------------------------------------------


def test_list_items(api, dialplan):
    assert api.list(F, P).status_code == 204
    meetme_id = add(api, room={'pin': '1234', 'pinadmin': '9999'})
    add(api, 'green', '4001', room={'commented': True})
    items = api.list(F, P).get_json()
    assert [item['name'] for item in items] == ['blue', 'green']
    item = items[0]
    assert set(item) == LIST_KEYS
    room = StaticMeetme.get(StaticMeetme.var_val.startswith('4000'))
    assert (item['id'], item['meetmeid'], item['confno'], item['pin'], item['pinadmin']) == (
        str(meetme_id),
        str(room.id),
        '4000',
        '1234',
        '9999',
    )
    assert (
        item['maxusers'],
        item['record'],
        item['talkerdetection'],
        item['closeconfdurationexceeded'],
        item['admin_internalid'],
        item['durationm'],
    ) == ('0', '0', '1', '0', None, None)
    assert item['commented'] is False and items[1]['commented'] is True
    assert item['identity'] == 'blue (4000@default)'
    assert item['entity_displayname'] == 'Acme'
    assert (items[1]['pin'], items[1]['pinadmin']) == ('', '')
    for key in COLUMNS - {'commented'}:
        assert item[key] is None or isinstance(item[key], str), key
    assert api.request(F, P).get_json() == items  # default act


def test_xivo_ws_parses_list_items(api, dialplan):
    add(api)
    item = api.list(F, P).get_json()[0]
    # ConfRoom.from_list_obj_dict
    assert int(item['id']) > 0
    assert (item['name'], item['confno'], item['context']) == ('blue', '4000', 'default')


def test_rooms_of_a_context_without_entity_are_not_listed(api, dialplan):
    make_context('orphan', entity=None, ranges={'meetme': [('5000', '5999')]})
    meetme_id = add(api, 'lost', '5000', context='orphan')
    assert api.list(F, P).status_code == 204
    assert api.search(F, P, 'lost').status_code == 204
    assert view(api, meetme_id)['meetmefeatures']['name'] == 'lost'


def test_list_runs_a_constant_number_of_queries(api, dialplan):
    add(api, 'm0', '4000', meetmeguest=[{'fullname': 'A'}])
    with count_queries() as few:
        api.list(F, P)
    for index in range(1, 8):
        add(api, f'm{index}', str(4000 + index), meetmeguest=[{'fullname': 'A'}])
    with count_queries() as many:
        assert len(api.list(F, P).get_json()) == 8
    assert many.count == few.count
    with count_queries() as searched:
        assert len(api.search(F, P, 'm').get_json()) == 8
    assert searched.count == few.count


@pytest.mark.parametrize(
    'term,found',
    [
        ('blue', ['blue']),
        ('BLU', ['blue']),
        ('4000', ['blue']),
        ('400', ['blue', 'red.room']),
        ('.room', ['red.room']),
        ('default', []),
        ('%', []),
        ('_', []),
        ('nothing', []),
    ],
)
def test_search_on_name_and_number(api, dialplan, term, found):
    add(api, 'blue', '4000')
    add(api, 'red.room', '4001')
    response = api.search(F, P, term)
    if found:
        assert [item['name'] for item in response.get_json()] == found
    else:
        assert response.status_code == 204


def test_search_without_term_is_204(api, dialplan):
    add(api)
    assert api.request(F, P, 'search').status_code == 204
    assert api.search(F, P, '').status_code == 204


def test_view_format(api, dialplan):
    meetme_id = add(api, room={'pin': '1234'})
    result = view(api, meetme_id)
    assert set(result) == {'meetmefeatures', 'meetmeroom', 'meetmeguest'}
    features = result['meetmefeatures']
    assert set(features) == COLUMNS | {'identity'}
    room = StaticMeetme.get()
    assert (features['id'], features['meetmeid']) == (meetme_id, room.id)
    for key in VIEW_BOOLS:
        assert isinstance(features[key], bool), key
    assert (features['talkerdetection'], features['record']) == (True, False)
    assert (
        features['commented'],
        features['closeconfdurationexceeded'],
        features['maxusers'],
    ) == ('0', '0', '0')
    assert features['identity'] == 'blue (4000@default)'
    assert (
        features['admin_typefrom'],
        features['admin_identification'],
        features['emailfromname'],
    ) == ('none', 'pin', 'XIVO PBX')
    assert result['meetmeroom'] == {
        'id': room.id,
        'cat_metric': '1',
        'var_metric': '0',
        'commented': False,
        'filename': 'meetme.conf',
        'category': 'rooms',
        'var_name': 'conf',
        'var_val': '4000,1234',
        'confno': '4000',
        'pin': '1234',
        'pinadmin': '',
    }
    assert result['meetmeguest'] is False


def test_xivo_ws_parses_the_view(api, dialplan):
    meetme_id = add(api)
    features = view(api, meetme_id)['meetmefeatures']
    # ConfRoom.from_obj_dict
    assert int(features['id']) == meetme_id
    assert (features['name'], features['confno'], features['context']) == (
        'blue',
        '4000',
        'default',
    )


# -- delete ------------------------------------------------------------------------------


def test_delete_removes_everything_and_unlinks_dial_actions(api, dialplan):
    meetme_id = add(api, meetmeguest=[{'fullname': 'Ann'}])
    other = add(api, 'other', '4001')
    group = added_id(
        api.add(
            'ipbx',
            'pbx_settings/groups',
            {
                'groupfeatures': {'name': 'g', 'context': 'default'},
                'queue': {},
                'dialaction': {'noanswer': {'actiontype': 'meetme', 'actionarg1': meetme_id}},
            },
        )
    )
    fallback = Schedule.create(
        name='night', fallback_action='meetme', fallback_actionid=str(meetme_id)
    )
    assert api.delete(F, P, meetme_id).status_code == 200
    assert [m.id for m in MeetmeFeatures.select()] == [other]
    assert [r.var_val for r in StaticMeetme.select()] == ['4001']
    assert not MeetmeGuest.select().exists()
    assert [e.exten for e in Extension.select().where(Extension.type == 'meetme')] == ['4001']
    action = Dialaction.get(
        (Dialaction.category == 'group') & (Dialaction.categoryval == str(group))
    )
    assert (action.action, action.linked) == ('meetme', False)
    assert Schedule.get_by_id(fallback.id).fallback_action == 'none'
    assert api.view(F, P, meetme_id).status_code == 404
    assert api.delete(F, P, meetme_id).status_code == 404
    assert add(api, 'blue', '4000') > 0  # the name and number are free again


def test_deleteall(api, dialplan):
    assert api.delete_all(F, P).status_code == 204
    add(api, 'm1', '4001')
    add(api, 'm2', '4002')
    assert api.delete_all(F, P).status_code == 200
    assert not MeetmeFeatures.select().exists()
    assert not StaticMeetme.select().exists()
    assert not Extension.select().where(Extension.type == 'meetme').exists()
    assert api.delete_all(F, P).status_code == 204


def test_a_context_used_by_a_room_cannot_be_deleted(api, dialplan):
    make_context('rooms', ranges={'meetme': [('6000', '6999')]})
    add(api, 'blue', '6000', context='rooms')
    with unchanged_store():
        assert_refused(api.delete('ipbx', 'system_management/context', 'rooms'))


def test_deleting_the_admin_user_clears_the_room_admin(api, dialplan):
    user = UserFeatures.create(uuid=str(uuid.uuid4()), firstname='Boss', entityid=1)
    add(api, meetmefeatures={'admin_typefrom': 'internal', 'admin_internalid': user.id})
    assert api.delete('ipbx', 'pbx_settings/users', user.id).status_code == 200
    features = MeetmeFeatures.get()
    assert (features.admin_typefrom, features.admin_internalid) == ('none', None)


def test_unknown_ids(api, dialplan):
    check_unknown_ids(api, F, P, acts=('view', 'delete'))


def test_acl(api, dialplan):
    check_acl(api, F, P, 'service/ipbx/pbx_settings/meetme')


def test_deleteall_is_set_based(api, dialplan):
    def add_some(first, count):
        for index in range(first, first + count):
            meetme_id = add(
                api,
                f'room{index}',
                str(4000 + index),
                meetmeguest=[{'fullname': 'Ann'}, {'fullname': 'Bob'}],
            )
            assert (
                api.add(
                    'ipbx',
                    'call_management/incall',
                    {
                        'incall': {'exten': str(1500 + index), 'context': 'from-extern'},
                        'dialaction': {
                            'answer': {'actiontype': 'meetme', 'actionarg1': meetme_id}
                        },
                    },
                ).status_code
                == 200
            )
            Schedule.create(
                name=f'night{index}', fallback_action='meetme', fallback_actionid=str(meetme_id)
            )

    add_some(0, 2)
    with count_queries() as few:
        assert service.delete_all() == 2
    add_some(2, 12)
    with count_queries() as many:
        assert service.delete_all() == 12
    # the ids, schedules sending calls to rooms (fallbacks, periods), dial
    # actions to rooms, their numbers, guests, room rows and options
    assert many.count == few.count == 8
    assert api.delete_all(F, P).status_code == 204
    for model in (MeetmeFeatures, MeetmeGuest, StaticMeetme):
        assert not model.select().exists()
    assert not Extension.select().where(Extension.type == 'meetme').exists()
    assert not Dialaction.select().where(Dialaction.linked == True).exists()  # noqa: E712
    assert Dialaction.select().count() == 14
    assert {row.fallback_action for row in Schedule.select()} == {'none'}
