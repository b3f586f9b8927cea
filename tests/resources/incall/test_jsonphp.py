"""/service/ipbx/json.php/restricted/call_management/incall"""

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
from xivows.models.incall import Incall
from xivows.models.queue import GroupFeatures, QueueFeatures
from xivows.models.schedule import Schedule
from xivows.models.user import UserFeatures
from xivows.models.voicemail import Voicemail
from xivows.resources.incall import service

F, P = 'ipbx', 'call_management/incall'
LIST_KEYS = {
    'id',
    'exten',
    'context',
    'preprocess_subroutine',
    'commented',
    'description',
    'linked',
    'action',
    'actionarg1',
    'actionarg2',
    'userfirstname',
    'userlastname',
    'groupname',
    'groupnumber',
    'groupcontext',
    'queuename',
    'queuenumber',
    'queuecontext',
    'meetmename',
    'meetmenumber',
    'meetmecontext',
    'voicemailfullname',
    'voicemailmailbox',
    'voicemailcontext',
    'voicemenuname',
    'voicemenunumber',
    'voicemenucontext',
    'destination',
    'destidentity',
    'identity',
    'entity_displayname',
}


@pytest.fixture
def user_id(app):
    make_default_context()
    entity = Entity.get(Entity.name == 'acme')
    return UserFeatures.create(
        uuid=str(uuid.uuid4()), firstname='Alex', lastname='Dév', entityid=entity.id
    ).id


def answer(actiontype='user', arg1='', arg2='', **extra):
    return {'actiontype': actiontype, 'actionarg1': arg1, 'actionarg2': arg2, **extra}


def xivo_ws_body(number, destination, context='from-extern', **extra):
    """What xivo-ws HEAD sends (objects/incall.py with a *Destination)."""
    return {
        'incall': {'exten': number, 'context': context},
        'dialaction': {'answer': destination},
        **extra,
    }


def add(api, number, destination, **extra):
    return added_id(api.add(F, P, xivo_ws_body(number, destination, **extra)))


def test_add_as_xivo_ws_sends_it(api, user_id):
    body = xivo_ws_body(
        '1502',
        answer('user', str(user_id)),
        callerid={'mode': 'overwrite', 'callerdisplay': 'foobar'},
    )
    response = api.add(F, P, body)
    assert response.status_code == 200
    assert response.data.startswith(b'"')  # the id, as a JSON string
    incall = Incall.get_by_id(added_id(response))
    assert (incall.exten, incall.context, incall.commented) == ('1502', 'from-extern', False)
    extension = Extension.get((Extension.type == 'incall') & (Extension.typeval == str(incall.id)))
    assert (extension.exten, extension.context) == ('1502', 'from-extern')
    action = Dialaction.get(
        (Dialaction.category == 'incall') & (Dialaction.categoryval == str(incall.id))
    )
    assert (action.event, action.action, action.actionarg1, action.linked) == (
        'answer',
        'user',
        str(user_id),
        True,
    )
    rule = Callerid.get((Callerid.type == 'incall') & (Callerid.typeval == incall.id))
    assert (rule.mode, rule.callerdisplay) == ('overwrite', 'foobar')


def test_add_as_the_seed_document_shows(api, user_id):
    permission = Rightcall.create(name='international')
    body = {
        'incall': {'exten': '1970', 'context': 'from-extern', 'preprocess_subroutine': ''},
        'dialaction': {
            'answer': {'actiontype': 'user', 'actionarg1': str(user_id), 'actionarg2': ''}
        },
        'rightcall': [str(permission.id)],
    }
    incall_id = added_id(api.add(F, P, body))
    assert Incall.get_by_id(incall_id).preprocess_subroutine is None
    member = RightcallMember.get(RightcallMember.type == 'incall')
    assert (member.rightcallid, member.typeval) == (permission.id, str(incall_id))


def test_the_did_is_compared_on_its_last_didlength_digits(api, user_id):
    incall_id = add(api, '0144551234', answer('user', user_id))
    assert Incall.get_by_id(incall_id).exten == '0144551234'
    with unchanged_store():
        assert_refused(api.add(F, P, xivo_ws_body('0144559999', answer('user', user_id))))


def test_a_range_of_full_numbers_holds_the_dids_of_its_last_didlength_digits(api, user_id):
    """A DID block entered whole (0144551000-0144551999, didlength 4) receives the
    4-digit DIDs 1000-1999, as xivo-ws scripts add them (Incall(number='1234'))."""
    make_context(
        'did-block', contexttype='incall', ranges={'incall': [('0144551000', '0144551999', 4)]}
    )
    incall_id = add(api, '1234', answer('user', user_id), context='did-block')
    assert (Incall.get_by_id(incall_id).exten, Incall.get_by_id(incall_id).context) == (
        '1234',
        'did-block',
    )
    for number in ('2000', '999', '01234'):
        with unchanged_store():
            assert_refused(
                api.add(F, P, xivo_ws_body(number, answer('user', user_id), context='did-block'))
            )


def test_add_only_shortcuts_give_the_answer(api, user_id):
    body = {
        'incall': {
            'exten': '1600',
            'context': 'from-extern',
            'destination': 'endcall',
            'action': 'hangup',
        }
    }
    incall_id = added_id(api.add(F, P, body))
    action = Dialaction.get(Dialaction.categoryval == str(incall_id))
    assert action.action == 'endcall:hangup'
    body = {
        'incall': {
            'exten': '1601',
            'context': 'from-extern',
            'destination': 'user',
            'arg1': user_id,
            'arg2': '20',
        }
    }
    incall_id = added_id(api.add(F, P, body))
    action = Dialaction.get(Dialaction.categoryval == str(incall_id))
    assert (action.action, action.actionarg1, action.actionarg2) == ('user', str(user_id), '20')


@pytest.mark.parametrize('number', ['999', '5000', '1502', '+1503', '15a0', '', '1' * 41])
def test_numbers_out_of_range_taken_or_malformed_are_refused(api, user_id, number):
    add(api, '1502', answer('user', user_id))
    with unchanged_store():
        assert_refused(api.add(F, P, xivo_ws_body(number, answer('user', user_id))))


def test_number_and_context_refusals_name_their_field(api, user_id):
    add(api, '1502', answer('user', user_id))
    for number, context, error in [
        ('5000', 'from-extern', 'incall.exten: number 5000 is outside the incall ranges'),
        ('1502', 'from-extern', 'incall.exten: number 1502 is already used'),
        ('1502', 'nowhere', 'incall.context: no such context: nowhere'),
    ]:
        response = api.add(F, P, xivo_ws_body(number, answer('user', user_id), context=context))
        assert response.get_json()['error'].startswith(error)


def test_a_number_held_by_another_object_is_refused(api, user_id):
    Extension.create(context='from-extern', exten='1700', type='user', typeval='1')
    with unchanged_store():
        assert_refused(api.add(F, P, xivo_ws_body('1700', answer('user', user_id))))


def test_a_context_without_incall_ranges_is_refused(api, user_id):
    with unchanged_store():
        assert_refused(
            api.add(F, P, xivo_ws_body('1502', answer('user', user_id), context='default'))
        )
        assert_refused(
            api.add(F, P, xivo_ws_body('1502', answer('user', user_id), context='nowhere'))
        )


def test_dangling_destinations_are_refused(api, user_id):
    check_bad_documents(
        api,
        F,
        P,
        'add',
        [
            xivo_ws_body('1502', answer('user', '999999')),
            xivo_ws_body('1502', answer('user', '')),
            xivo_ws_body('1502', answer('schedule', '999999')),
            xivo_ws_body('1502', answer('group', '999999')),
            xivo_ws_body('1502', answer('queue', '999999')),
            xivo_ws_body('1502', answer('voicemail', '999999')),
        ],
    )


def test_list_item_format(api, user_id):
    assert api.list(F, P).status_code == 204
    incall_id = add(
        api,
        '1501',
        answer('user', str(user_id)),
    )
    response = api.list(F, P)
    assert response.status_code == 200
    [item] = response.get_json()
    assert set(item) == LIST_KEYS
    assert item['id'] == str(incall_id)
    assert (item['exten'], item['context'], item['description']) == ('1501', 'from-extern', '')
    assert item['commented'] is False and item['linked'] is True
    assert item['preprocess_subroutine'] is None
    assert (item['action'], item['actionarg1'], item['actionarg2']) == ('user', str(user_id), '')
    assert (item['userfirstname'], item['userlastname']) == ('Alex', 'Dév')
    assert item['groupname'] is None and item['voicemenuname'] is None
    assert item['destination'] == 'user'
    assert item['destidentity'] == 'Alex Dév'
    assert item['identity'] == '1501 (from-extern)'
    assert item['entity_displayname'] == 'Acme'
    assert api.request(F, P).get_json() == [item]  # list is the default act


def _point_answer_at(incall_id, action, arg1, arg2=''):
    """Destinations whose resources are not under test: written directly."""
    (
        Dialaction.update(action=action, actionarg1=arg1, actionarg2=arg2)
        .where(Dialaction.categoryval == str(incall_id))
        .execute()
    )


def test_list_details_of_every_destination_type(api, user_id):
    group = GroupFeatures.create(name='sales', number='2000', context='default')
    queue = QueueFeatures.create(
        name='support', displayname='Support', number='3000', context='default'
    )
    voicemail = Voicemail.create(context='default', mailbox='1001', fullname='Box')
    schedule = Schedule.create(name='office')
    cases = [
        (
            'group',
            str(group.id),
            '',
            {'groupname': 'sales', 'groupnumber': '2000', 'groupcontext': 'default'},
            'sales (2000@default)',
        ),
        (
            'queue',
            str(queue.id),
            '',
            {'queuename': 'support', 'queuenumber': '3000', 'queuecontext': 'default'},
            'support (3000@default)',
        ),
        (
            'voicemail',
            str(voicemail.uniqueid),
            '',
            {
                'voicemailfullname': 'Box',
                'voicemailmailbox': '1001',
                'voicemailcontext': 'default',
            },
            'Box (1001@default)',
        ),
        ('schedule', str(schedule.id), '', {}, 'office'),
        ('endcall:hangup', None, '', {}, 'hangup'),
        ('application:disa', '1234', 'default', {}, 'disa'),
        ('sound', '/var/lib/sounds/welcome.wav', '', {}, 'welcome.wav'),
        ('extension', '1001', 'default', {}, '1001@default'),
        ('none', None, '', {}, '-'),
        ('user', '999999', '', {}, '-'),
    ]
    ids = []
    for index, (action, arg1, arg2, _, _) in enumerate(cases):
        incall_id = add(api, str(1100 + index), answer('user', user_id))
        _point_answer_at(incall_id, action, arg1, arg2)
        ids.append(incall_id)
    items = {int(item['id']): item for item in api.list(F, P).get_json()}
    for incall_id, (action, arg1, _, details, label) in zip(ids, cases):
        item = items[incall_id]
        assert item['action'] == action
        assert item['destination'] == action.partition(':')[0]
        assert item['destidentity'] == label, action
        for key, value in details.items():
            assert item[key] == value
        assert item['linked'] is (arg1 != '999999')


def test_a_deleted_destination_is_unlinked(api, user_id):
    incall_id = add(api, '1502', answer('user', user_id))
    assert api.delete('ipbx', 'pbx_settings/users', user_id).status_code == 200
    [item] = api.list(F, P).get_json()
    assert item['linked'] is False and item['destidentity'] == '-'
    view = api.view(F, P, incall_id).get_json()
    assert view['dialaction']['answer']['linked'] is False


def test_an_incall_whose_destination_was_deleted_can_still_be_edited(api, user_id):
    """An edit that does not give the answer keeps it as stored, unlinked:
    it is not checked again (its destination is gone: every edit was refused)."""
    incall_id = add(api, '1502', answer('user', user_id))
    assert api.delete('ipbx', 'pbx_settings/users', user_id).status_code == 200
    body = {
        'incall': {'description': 'Night'},
        'callerid': {'mode': 'prepend', 'callerdisplay': 'VIP'},
    }
    assert api.edit(F, P, incall_id, body).status_code == 200
    view = api.view(F, P, incall_id).get_json()
    assert view['incall']['description'] == 'Night'
    assert view['callerid']['callerdisplay'] == 'VIP'
    kept = view['dialaction']['answer']
    assert (kept['actiontype'], kept['actionarg1'], kept['linked']) == (
        'user',
        str(user_id),
        False,
    )
    with unchanged_store():
        response = api.edit(F, P, incall_id, {'dialaction': {'answer': answer('user', user_id)}})
        assert_refused(response, 400)
        assert response.get_json() == {
            'error': f'dialaction.answer.actionarg1: no such user: {user_id}'
        }


def test_incalls_of_a_context_without_entity_are_not_listed(api, user_id):
    make_context('orphans', entity=None, contexttype='incall', ranges={'incall': [('100', '199')]})
    incall_id = add(api, '150', answer('user', user_id), context='orphans')
    assert api.list(F, P).status_code == 204
    assert api.view(F, P, incall_id).status_code == 200


def test_list_and_search_run_a_constant_number_of_queries(api, user_id):
    group = GroupFeatures.create(name='sales', number='2000', context='default')

    def add_pair(number):
        add(api, str(number), answer('user', user_id))
        _point_answer_at(
            add(api, str(number + 1), answer('user', user_id)), 'group', str(group.id)
        )

    add_pair(1100)
    with count_queries() as few:
        assert len(api.list(F, P).get_json()) == 2
    with count_queries() as few_found:
        assert len(api.search(F, P, 'sales').get_json()) == 1
    for number in range(1200, 1220, 2):
        add_pair(number)
    with count_queries() as many:
        assert len(api.list(F, P).get_json()) == 22
    with count_queries() as many_found:
        assert len(api.search(F, P, 'sales').get_json()) == 11
    assert many.count == few.count
    assert many_found.count == few_found.count


@pytest.mark.parametrize(
    'term,found',
    [
        ('501', ['1501']),
        ('main', ['1501']),
        ('alex', ['1501']),
        ('DÉV', ['1501']),
        ('alex dév', ['1501']),
        ('sales', ['1502']),
        ('2000', ['1502']),
        ('support', ['1503']),
        ('3000', ['1503']),
        ('box', ['1504']),
        ('box@example', ['1504']),
        ('1001', ['1504']),
        ('1', ['1501', '1502', '1503', '1504']),
        ('%', []),
        ('_', []),
        ('nothing', []),
    ],
)
def test_search(api, user_id, term, found):
    group = GroupFeatures.create(name='sales', number='2000', context='default')
    queue = QueueFeatures.create(
        name='support', displayname='Support', number='3000', context='default'
    )
    voicemail = Voicemail.create(
        context='default', mailbox='1001', fullname='Box', email='box@example.org'
    )
    body = xivo_ws_body('1501', answer('user', user_id))
    body['incall']['description'] = 'Main line'
    added_id(api.add(F, P, body))
    _point_answer_at(add(api, '1502', answer('user', user_id)), 'group', str(group.id))
    _point_answer_at(add(api, '1503', answer('user', user_id)), 'queue', str(queue.id))
    _point_answer_at(
        add(api, '1504', answer('user', user_id)), 'voicemail', str(voicemail.uniqueid)
    )
    response = api.search(F, P, term)
    if found:
        assert [item['exten'] for item in response.get_json()] == found
    else:
        assert response.status_code == 204


def test_search_without_term_is_204(api, user_id):
    add(api, '1501', answer('user', user_id))
    assert api.request(F, P, 'search').status_code == 204
    assert api.search(F, P, '').status_code == 204


def test_view_format(api, user_id):
    permission = Rightcall.create(name='international')
    schedule = Schedule.create(name='office')
    incall_id = add(
        api,
        '1501',
        answer('user', user_id),
        rightcall=[permission.id],
        callerid={'mode': 'prepend', 'callerdisplay': 'Sales'},
        schedule_id=schedule.id,
    )
    response = api.view(F, P, incall_id)
    assert response.status_code == 200
    view = response.get_json()
    assert set(view) == {'incall', 'dialaction', 'rightcall', 'callerid', 'schedule_id'}
    assert view['incall'] == {
        'id': incall_id,
        'exten': '1501',
        'context': 'from-extern',
        'preprocess_subroutine': None,
        'commented': False,
        'description': '',
        'identity': '1501 (from-extern)',
    }
    assert set(view['dialaction']) == {'answer'}
    prepared = view['dialaction']['answer']
    assert (prepared['event'], prepared['category'], prepared['categoryval']) == (
        'answer',
        'incall',
        str(incall_id),
    )
    assert (prepared['actiontype'], prepared['action'], prepared['linked']) == ('user', None, True)
    assert prepared['user']['actionarg1'] == str(user_id)
    assert view['rightcall'] == [
        {
            'id': view['rightcall'][0]['id'],
            'rightcallid': str(permission.id),
            'type': 'incall',
            'typeval': str(incall_id),
        }
    ]
    assert view['callerid'] == {
        'mode': 'prepend',
        'callerdisplay': 'Sales',
        'type': 'incall',
        'typeval': str(incall_id),
    }
    assert view['schedule_id'] == schedule.id


def test_view_without_options(api, user_id):
    incall_id = add(api, '1501', answer('endcall', action='hangup'))
    view = api.view(F, P, incall_id).get_json()
    assert set(view) == {'incall', 'dialaction', 'rightcall', 'callerid'}  # no schedule_id
    assert view['rightcall'] is False and view['callerid'] is False
    assert view['dialaction']['answer']['action'] == 'hangup'
    # the seed document's URL: extra path segments are ignored
    response = api.view(F, 'call_management/incall/users', incall_id)
    assert response.get_json() == view
    # the view sent back as an edit keeps the sub-action
    assert api.edit(F, P, incall_id, view).status_code == 200
    assert Dialaction.get(Dialaction.categoryval == str(incall_id)).action == 'endcall:hangup'


def test_edit_round_trip_of_the_view(api, user_id):
    permission = Rightcall.create(name='international')
    incall_id = add(
        api,
        '1501',
        answer('user', user_id),
        rightcall=[permission.id],
        callerid={'mode': 'prepend', 'callerdisplay': 'Sales'},
    )
    view = api.view(F, P, incall_id).get_json()
    view['incall']['description'] = 'Renamed'
    assert api.edit(F, P, incall_id, view).status_code == 200
    again = api.view(F, P, incall_id).get_json()
    assert again['incall']['description'] == 'Renamed'
    assert again['incall'] == {**view['incall'], 'description': 'Renamed'}
    assert again['callerid'] == view['callerid']
    assert [row['rightcallid'] for row in again['rightcall']] == [str(permission.id)]
    assert again['dialaction']['answer']['actionarg1'] == str(user_id)


def test_edit_merges(api, user_id):
    permission = Rightcall.create(name='international')
    schedule = Schedule.create(name='office')
    incall_id = add(
        api,
        '1501',
        answer('user', user_id),
        rightcall=[permission.id],
        callerid={'mode': 'prepend', 'callerdisplay': 'Sales'},
        schedule_id=schedule.id,
    )
    assert api.edit(F, P, incall_id, {'incall': {'description': 'Only this'}}).status_code == 200
    incall = Incall.get_by_id(incall_id)
    assert (incall.exten, incall.description) == ('1501', 'Only this')
    view = api.view(F, P, incall_id).get_json()
    assert view['dialaction']['answer']['actionarg1'] == str(user_id)
    assert view['rightcall'] and view['callerid'] and view['schedule_id'] == schedule.id
    # parts given are replaced; empty ones remove
    body = {
        'dialaction': {'answer': answer('endcall', action='busy')},
        'rightcall': [],
        'callerid': {'mode': 'prepend', 'callerdisplay': ''},
        'schedule_id': 0,
    }
    assert api.edit(F, P, incall_id, body).status_code == 200
    view = api.view(F, P, incall_id).get_json()
    assert view['dialaction']['answer']['action'] == 'busy'
    assert view['rightcall'] is False and view['callerid'] is False
    assert 'schedule_id' not in view


def test_edit_moves_the_number(api, user_id):
    incall_id = add(api, '1501', answer('user', user_id))
    assert api.edit(F, P, incall_id, {'incall': {'exten': '1601'}}).status_code == 200
    assert Incall.get_by_id(incall_id).exten == '1601'
    assert Extension.get(Extension.typeval == str(incall_id)).exten == '1601'
    assert not Extension.select().where(Extension.exten == '1501').exists()
    # keeping its own number is fine; null means "not given"
    assert api.edit(F, P, incall_id, {'incall': {'exten': '1601'}}).status_code == 200
    assert api.edit(F, P, incall_id, {'incall': {'exten': None}}).status_code == 200
    assert Incall.get_by_id(incall_id).exten == '1601'


def test_edit_refusals_leave_the_store_unchanged(api, user_id):
    incall_id = add(api, '1501', answer('user', user_id))
    add(api, '1502', answer('user', user_id))
    check_bad_documents(
        api,
        F,
        P,
        'edit',
        [
            {'incall': {'exten': '1502'}},
            {'incall': {'exten': '999'}},
            {'incall': {'exten': None, 'context': 'nowhere'}},
            {'incall': 'nope'},
            {'incall': {'description': 'changed'}, 'dialaction': {'answer': answer('user', '0')}},
            {'incall': {'description': 'changed'}, 'dialaction': False},
            {'incall': {'description': 'changed'}, 'dialaction': []},
            {'incall': {'description': 'changed'}, 'rightcall': [999999]},
            {'incall': {'description': 'changed'}, 'schedule_id': 999999},
            {'incall': {'description': 'changed'}, 'callerid': {'mode': 'replace'}},
        ],
        id=incall_id,
    )


def test_delete_removes_every_part(api, user_id):
    permission = Rightcall.create(name='international')
    schedule = Schedule.create(name='office')
    incall_id = add(
        api,
        '1501',
        answer('user', user_id),
        rightcall=[permission.id],
        callerid={'mode': 'prepend', 'callerdisplay': 'Sales'},
        schedule_id=schedule.id,
    )
    assert api.delete(F, P, incall_id).status_code == 200
    assert not Incall.select().exists()
    assert not Extension.select().where(Extension.type == 'incall').exists()
    assert not Dialaction.select().where(Dialaction.category == 'incall').exists()
    assert not RightcallMember.select().exists()
    assert not Callerid.select().exists()
    assert not SchedulePath.select().exists()
    assert Rightcall.get_by_id(permission.id) and Schedule.get_by_id(schedule.id)
    assert api.delete(F, P, incall_id).status_code == 404


def test_deleteall(api, user_id):
    assert api.delete_all(F, P).status_code == 204
    add(api, '1501', answer('user', user_id))
    add(api, '1502', answer('user', user_id))
    assert api.delete_all(F, P).status_code == 200
    assert not Incall.select().exists()
    assert not Extension.select().where(Extension.type == 'incall').exists()
    assert api.list(F, P).status_code == 204


def test_unknown_ids(api, user_id):
    check_unknown_ids(api, F, P, body={'incall': {'description': 'x'}})


def test_malformed_bodies(api, user_id):
    check_malformed_bodies(api, F, P, 'add')
    incall_id = add(api, '1501', answer('user', user_id))
    check_malformed_bodies(api, F, P, 'edit', id=incall_id)


def test_invalid_documents(api, user_id):
    def body(**incall):
        return {
            'incall': {'exten': '1501', 'context': 'from-extern', **incall},
            'dialaction': {'answer': answer('user', user_id)},
        }

    check_bad_documents(
        api,
        F,
        P,
        'add',
        [
            {},
            {'dialaction': {'answer': answer('user', user_id)}},
            {'incall': {'exten': '1501', 'context': 'from-extern'}},
            {**body(), 'dialaction': {}},
            {**body(), 'dialaction': {'busy': answer('user', user_id)}},
            {**body(), 'dialaction': {'answer': 'user'}},
            {**body(), 'dialaction': {'answer': {'actiontype': 'teleport'}}},
            {**body(), 'dialaction': {'answer': answer('endcall', action='explode')}},
            {**body(), 'dialaction': {'answer': answer('sound')}},
            {**body(), 'dialaction': {'answer': answer('user', ['1'])}},
            {**body(), 'dialaction': 'none'},
            body(exten=['1501']),
            body(exten=1501.5),
            body(exten=True),
            body(exten="1501' OR 1=1 --"),
            body(context=''),
            body(context='xivo-features'),
            body(context={'name': 'from-extern'}),
            body(preprocess_subroutine='bad name'),
            body(description='x' * 1001),
            body(commented='maybe'),
            {**body(), 'incall': 'from-extern'},
            {**body(), 'rightcall': [999999]},
            {**body(), 'rightcall': 'all'},
            {**body(), 'rightcall': [2**40]},
            {**body(), 'callerid': 'overwrite'},
            {**body(), 'callerid': {'mode': 'shout', 'callerdisplay': 'x'}},
            {**body(), 'callerid': {'mode': 'append', 'callerdisplay': 'x' * 81}},
            {**body(), 'schedule_id': 999999},
            {**body(), 'schedule_id': 'office'},
            {
                'incall': {
                    'exten': '1501',
                    'context': 'from-extern',
                    'destination': 'user',
                    'arg1': '999999',
                }
            },
            {'incall': {'exten': '1501', 'context': 'from-extern', 'destination': 'teleport'}},
        ],
    )


def test_acl(api, user_id):
    check_acl(api, F, P, 'service/ipbx/call_management/incall')


@pytest.mark.parametrize(
    'section,named',
    [
        ({'exten': {'a': 1}}, 'incall.exten'),
        ({'exten': ['1601']}, 'incall.exten'),
        ({'exten': 'abc'}, 'incall.exten'),
        ({'context': ['from-extern']}, 'incall.context'),
        ({'description': {'a': 1}}, 'incall.description'),
        ({'commented': 'maybe'}, 'incall.commented'),
        ({'preprocess_subroutine': ['x']}, 'incall.preprocess_subroutine'),
        ({'destination': 'teleport'}, 'dialaction.answer.actiontype'),
        ({'destination': 'user', 'arg1': {'a': 1}}, 'dialaction.answer.actionarg1'),
    ],
)
def test_edit_refuses_wrongly_typed_fields_naming_them(api, user_id, section, named):
    incall_id = add(api, '1501', answer('user', user_id))
    with unchanged_store():
        response = api.edit(F, P, incall_id, {'incall': section})
        assert_refused(response)
    assert response.get_json()['error'].startswith(named + ':')


def test_edit_applies_the_answer_shortcuts(api, user_id):
    """`incall.destination/action/arg1/arg2` change the answer on edit too
    (they were dropped), unless `dialaction.answer` is given."""
    incall_id = add(api, '1501', answer('user', user_id))
    body = {'incall': {'destination': 'endcall', 'action': 'busy'}}
    assert api.edit(F, P, incall_id, body).status_code == 200
    assert Dialaction.get(Dialaction.categoryval == str(incall_id)).action == 'endcall:busy'
    body = {
        'incall': {'destination': 'endcall', 'action': 'hangup'},
        'dialaction': {'answer': answer('user', user_id, arg2='15')},
    }
    assert api.edit(F, P, incall_id, body).status_code == 200
    action = Dialaction.get(Dialaction.categoryval == str(incall_id))
    assert (action.action, action.actionarg1, action.actionarg2) == ('user', str(user_id), '15')


def test_edit_moves_the_number_to_another_context(api, user_id):
    make_context('did-2', contexttype='incall', ranges={'incall': [('1000', '1999')]})
    incall_id = add(api, '1501', answer('user', user_id))
    body = {'incall': {'context': 'did-2', 'commented': True}}
    assert api.edit(F, P, incall_id, body).status_code == 200
    incall = Incall.get_by_id(incall_id)
    assert (incall.context, incall.commented) == ('did-2', True)
    extension = Extension.get((Extension.type == 'incall') & (Extension.typeval == str(incall_id)))
    assert (extension.context, extension.exten) == ('did-2', '1501')


def test_deleteall_is_set_based(api, user_id):
    permission = Rightcall.create(name='international')
    schedule = Schedule.create(name='office')

    def add_some(first, count):
        for number in range(first, first + count):
            add(
                api,
                str(number),
                answer('user', user_id),
                rightcall=[permission.id],
                callerid={'mode': 'prepend', 'callerdisplay': 'Sales'},
                schedule_id=schedule.id,
            )

    add_some(1501, 2)
    with count_queries() as few:
        assert service.delete_all() == 2
    add_some(1501, 12)
    with count_queries() as many:
        assert service.delete_all() == 12
    # the ids, the numbers, the four kinds of links and the incalls: one
    # statement each, whatever their number
    assert many.count == few.count == 7
    assert api.delete_all(F, P).status_code == 204
    for model in (Incall, Dialaction, RightcallMember, Callerid, SchedulePath):
        assert not model.select().exists()
    assert not Extension.select().where(Extension.type == 'incall').exists()
    assert Rightcall.get_by_id(permission.id) and Schedule.get_by_id(schedule.id)
