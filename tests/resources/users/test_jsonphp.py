"""/service/ipbx/json.php/restricted/pbx_settings/users"""

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
from xivows.models.cti import CtiProfile
from xivows.models.dialaction import Dialaction
from xivows.models.entity import Entity
from xivows.models.extension import Extension
from xivows.models.line import LineFeatures, UserLine, UserSIP
from xivows.models.queue import GroupFeatures, QueueMember
from xivows.models.user import UserFeatures

F, P = 'ipbx', 'pbx_settings/users'
EVENTS = ('noanswer', 'busy', 'congestion', 'chanunavail')


@pytest.fixture
def entity_id(app):
    make_default_context()
    return Entity.get(Entity.name == 'acme').id


def xivo_ws_body(
    entity_id, firstname='Jack', lastname='Johnson', number=None, userfield='', **extra
):
    """What xivo-ws HEAD sends for a user (see its objects/user.py)."""
    body = {
        'userfeatures': {
            'musiconhold': 'default',
            'entityid': entity_id,
            'enablexfer': True,
            'firstname': firstname,
            'lastname': lastname,
            'enablehint': True,
            'bsfilter': 'no',
            'userfield': userfield,
        },
        'dialaction': {event: {'actiontype': 'none'} for event in EVENTS},
    }
    if number is not None:
        body['linefeatures'] = {
            'protocol': ['sip'],
            'context': ['default'],
            'number': [number],
            'secret': ['s3cret'],
        }
    body.update(extra)
    return body


def add(api, entity_id, **kwargs):
    return added_id(api.add(F, P, xivo_ws_body(entity_id, **kwargs)))


def line_of(user_id):
    link = UserLine.get_or_none(UserLine.user_id == user_id)
    return LineFeatures.get_by_id(link.line_id) if link else None


def test_add_minimal_user_answers_its_id_as_a_string(api, entity_id):
    response = api.add(F, P, {'userfeatures': {'firstname': 'Ann', 'entityid': entity_id}})
    assert response.status_code == 200
    assert response.data.startswith(b'"')
    user = UserFeatures.get_by_id(added_id(response))
    assert (user.firstname, user.callerid, user.ringseconds, user.enablexfer) == (
        'Ann',
        '"Ann"',
        30,
        True,
    )
    assert line_of(user.id) is None


def test_add_with_a_line_creates_line_extension_and_link(api, entity_id):
    user_id = add(api, entity_id, number='1001')
    line = line_of(user_id)
    assert (line.protocol, line.number, line.context) == ('sip', '1001', 'default')
    peer = UserSIP.get_by_id(line.protocolid)
    assert peer.secret == 's3cret'
    assert peer.callerid == '"Jack Johnson" <1001>'
    assert peer.call_limit == 10
    extension = Extension.get((Extension.exten == '1001') & (Extension.context == 'default'))
    assert (extension.type, extension.typeval) == ('user', str(user_id))
    assert UserLine.get(UserLine.user_id == user_id).extension_id == extension.id
    assert Dialaction.select().where(Dialaction.categoryval == str(user_id)).count() == 4


def test_add_with_a_custom_line_and_no_interface(api, entity_id):
    """xivo-ws UserLine(protocol='custom') sends no interface nor name: the
    interface is a generated line name."""
    body = xivo_ws_body(entity_id, number='1005')
    body['linefeatures'] = {
        'protocol': ['custom'],
        'context': ['default'],
        'number': ['1005'],
        'secret': [None],
    }
    user_id = added_id(api.add(F, P, body))
    line = line_of(user_id)
    assert (line.protocol, line.number) == ('custom', '1005')
    assert len(line.name) == 6 and line.name.isalnum()
    item = api.search('ipbx', 'pbx_settings/lines', '1005').get_json()[0]
    assert (item['protocol'], item['interface'], item['name']) == ('custom', line.name, line.name)


@pytest.mark.parametrize('number', ['999', '2000', '10a1', '1001'])
def test_line_number_out_of_range_or_taken_leaves_nothing(api, entity_id, number):
    add(api, entity_id, number='1001', firstname='First')
    with unchanged_store():
        response = api.add(F, P, xivo_ws_body(entity_id, number=number))
        assert_refused(response, 400)


def test_a_failure_after_the_line_leaves_nothing_behind(api, entity_id):
    body = xivo_ws_body(entity_id, number='1002')
    body['dialaction']['busy'] = {'actiontype': 'user', 'actionarg1': '999999'}
    with unchanged_store():
        assert_refused(api.add(F, P, body), 400)


def test_list_items(api, entity_id):
    assert api.list(F, P).status_code == 204
    user_id = add(api, entity_id, number='1001', userfield='ref-1')
    items = api.list(F, P).get_json()
    assert len(items) == 1
    item = items[0]
    assert item['id'] == user_id
    assert item['entityid'] == entity_id
    assert item['cti_profile_id'] == 0
    assert item['ringseconds'] == '30' and item['simultcalls'] == '5'
    assert item['enablexfer'] is True and item['enableclient'] is False
    assert item['agentid'] is None
    assert item['fullname'] == item['identity'] == 'Jack Johnson'
    assert item['callerid'] == '"Jack Johnson"'
    for key in (
        'id',
        'entityid',
        'firstname',
        'lastname',
        'enableclient',
        'loginclient',
        'passwdclient',
        'cti_profile_id',
        'bsfilter',
        'enablexfer',
        'agentid',
        'mobilephonenumber',
        'enableonlinerec',
        'enableautomon',
        'userfield',
    ):
        assert key in item


def test_users_of_a_missing_entity_are_not_listed(api, entity_id):
    user_id = add(api, entity_id)
    UserFeatures.update(entityid=entity_id + 1000).where(UserFeatures.id == user_id).execute()
    assert api.list(F, P).status_code == 204
    assert api.view(F, P, user_id).status_code == 200


def test_list_runs_a_constant_number_of_queries(api, entity_id):
    add(api, entity_id, number='1001')
    with count_queries() as few:
        api.list(F, P)
    for index in range(10):
        add(api, entity_id, firstname=f'U{index}', number=str(1100 + index))
    with count_queries() as many:
        assert len(api.list(F, P).get_json()) == 11
    assert many.count == few.count


def test_a_long_list_is_written_in_pieces_with_its_length(api, entity_id, monkeypatch):
    from xivows.jsonphp import phpjson

    monkeypatch.setattr(phpjson, 'CHUNK_SIZE', 1024)  # a few users fill several pieces
    for index in range(6):
        add(api, entity_id, firstname=f'U{index}/x', number=str(1100 + index))
    response = api.list(F, P)
    body = response.get_data()
    assert response.is_sequence and len(response.response) > 2
    # One body with its length, as one string would be (no chunked encoding).
    assert response.headers['Content-Length'] == str(len(body))
    assert 'Transfer-Encoding' not in response.headers
    # the headers of a one-string body, in its order
    assert list(response.headers.keys()) == list(api.view(F, P, 1).headers.keys())
    items = response.get_json()
    assert [item['firstname'] for item in items] == [f'U{index}/x' for index in range(6)]
    assert b'"U0\\/x"' in body
    monkeypatch.setattr(phpjson, 'CHUNK_SIZE', 1 << 30)
    assert api.list(F, P).get_data() == body


@pytest.mark.parametrize(
    'term,found',
    [
        ('jack', ['Jack']),
        ('JOHNSON', ['Jack']),
        ('jack johnson', ['Jack']),
        ('100', ['Jack']),
        ('1001', ['Jack']),
        ('ref-2', ['Jill']),
        ('ref', []),
        ('%', []),
        ('nobody', []),
    ],
)
def test_search(api, entity_id, term, found):
    add(api, entity_id, number='1001', userfield='ref-1')
    add(api, entity_id, firstname='Jill', lastname='Hill', userfield='REF-2')
    response = api.search(F, P, term)
    if found:
        assert [item['firstname'] for item in response.get_json()] == found
    else:
        assert response.status_code == 204


def test_view(api, entity_id):
    user_id = add(api, entity_id, number='1001')
    view = api.view(F, P, user_id).get_json()
    assert set(view) >= {
        'userfeatures',
        'entity',
        'user_line',
        'linefeatures',
        'exten',
        'groupmember',
        'queuemember',
        'rightcall',
        'dialaction',
        'voicemail',
        'phonefunckey',
        'schedule_id',
        'picture',
        'voicemailfeatures',
    }
    assert view['userfeatures']['id'] == user_id
    assert view['entity']['entity']['name'] == 'acme'
    [line] = view['linefeatures']
    assert line['number'] == '1001' and isinstance(line['id'], int)
    assert line['iduserfeatures'] == user_id
    assert view['exten']['exten'] == '1001'
    assert view['user_line'][0]['line_id'] == line['id']
    assert view['groupmember'] is False and view['voicemail'] is False
    assert view['dialaction']['busy']['actiontype'] == 'none'
    assert view['phonefunckey'] == [] and view['schedule_id'] == 0


def view_to_edit(view):
    """The transformation the seed document tells clients to apply."""
    body = {key: value for key, value in view.items() if key != 'linefeatures'}
    if view['linefeatures']:
        body['linefeatures'] = {key: [value] for key, value in view['linefeatures'][0].items()}
    return body


def test_edit_round_trip_of_the_view(api, entity_id):
    user_id = add(api, entity_id, number='1001')
    view = api.view(F, P, user_id).get_json()
    view['userfeatures']['lastname'] = 'Renamed'
    assert api.edit(F, P, user_id, view_to_edit(view)).status_code == 200
    again = api.view(F, P, user_id).get_json()
    assert again['userfeatures']['lastname'] == 'Renamed'
    assert again['linefeatures'][0]['id'] == view['linefeatures'][0]['id']
    assert again['linefeatures'][0]['number'] == '1001'
    peer = UserSIP.get_by_id(line_of(user_id).protocolid)
    assert peer.callerid == '"Jack Renamed" <1001>'


def test_the_raw_view_is_refused_and_changes_nothing(api, entity_id):
    user_id = add(api, entity_id, number='1001')
    view = api.view(F, P, user_id).get_json()
    with unchanged_store():
        assert_refused(api.edit(F, P, user_id, view), 400)


def test_edit_without_linefeatures_keeps_the_line(api, entity_id):
    user_id = add(api, entity_id, number='1001')
    line_id = line_of(user_id).id
    assert api.edit(F, P, user_id, {'userfeatures': {'firstname': 'Jacques'}}).status_code == 200
    assert line_of(user_id).id == line_id
    assert UserFeatures.get_by_id(user_id).lastname == 'Johnson'


def test_edit_moves_the_number(api, entity_id):
    user_id = add(api, entity_id, number='1001')
    line_id = line_of(user_id).id
    body = {'linefeatures': {'id': [line_id], 'number': ['1050']}}
    assert api.edit(F, P, user_id, body).status_code == 200
    assert line_of(user_id).number == '1050'
    assert (
        Extension.get((Extension.type == 'user') & (Extension.typeval == str(user_id))).exten
        == '1050'
    )
    assert not Extension.select().where(Extension.exten == '1001').exists()


def free_line(api, number='1500', context='default'):
    response = api.add(
        'ipbx',
        'pbx_settings/lines',
        {'protocol': {'protocol': 'sip', 'context': context}, 'linefeatures': {'number': number}},
    )
    return added_id(response)


def test_associate_a_free_line_as_the_seed_document_shows(api, entity_id):
    user_id = add(api, entity_id)
    line_id = free_line(api)
    body = {'linefeatures': {'id': [str(line_id)], 'number': ['1400']}}
    assert api.edit(F, P, user_id, body).status_code == 200
    line = line_of(user_id)
    assert (line.id, line.number) == (line_id, '1400')
    assert Extension.get(Extension.exten == '1400').typeval == str(user_id)


def test_a_new_line_deletes_the_previous_one(api, entity_id):
    user_id = add(api, entity_id, number='1001')
    old_line = line_of(user_id)
    body = {'linefeatures': {'protocol': ['sip'], 'context': ['default'], 'number': ['1002']}}
    assert api.edit(F, P, user_id, body).status_code == 200
    assert line_of(user_id).number == '1002'
    assert not LineFeatures.select().where(LineFeatures.id == old_line.id).exists()
    assert not UserSIP.select().where(UserSIP.id == old_line.protocolid).exists()
    assert not UserLine.select().where(UserLine.line_id == old_line.id).exists()
    assert not Extension.select().where(Extension.exten == '1001').exists()


def test_an_edit_resending_the_added_line_leaves_one_line(api, entity_id):
    # What xivo-ws sends when a script edits the User object it added (its
    # UserLine has no id): the user gets the new line and nothing else holds 1001.
    user_id = add(api, entity_id, number='1001')
    body = xivo_ws_body(entity_id, number='1001')
    assert api.edit(F, P, user_id, body).status_code == 200
    assert [(line.number, line.context) for line in LineFeatures.select()] == [('1001', 'default')]
    assert line_of(user_id).number == '1001'
    assert api.delete(F, P, user_id).status_code == 200
    assert not LineFeatures.select().exists()


def test_a_taken_free_line_deletes_the_previous_one(api, entity_id):
    user_id = add(api, entity_id, number='1001')
    old_line_id = line_of(user_id).id
    line_id = free_line(api)
    body = {'linefeatures': {'id': [str(line_id)], 'number': ['1400']}}
    assert api.edit(F, P, user_id, body).status_code == 200
    assert line_of(user_id).id == line_id
    assert not LineFeatures.select().where(LineFeatures.id == old_line_id).exists()


def test_a_line_of_another_user_is_refused(api, entity_id):
    first = add(api, entity_id, number='1001')
    second = add(api, entity_id, firstname='Other')
    line_id = line_of(first).id
    body = {'linefeatures': {'id': [line_id], 'number': ['1001']}}
    with unchanged_store():
        response = api.edit(F, P, second, body)
        assert_refused(response, 400)
    assert response.get_json() == {
        'error': f'linefeatures.id: line {line_id} already belongs to user {first}'
    }


def test_voicemail_refusals_name_the_field(api, entity_id):
    voicemail = {'name': 'Jack', 'number': '1001', 'context': 'default'}
    first = add(api, entity_id, number='1001', voicemail=voicemail)
    for body, error in [
        (
            xivo_ws_body(entity_id, firstname='Other', voicemail=voicemail),
            f'voicemail.mailbox: voicemail 1001@default already belongs to user {first}',
        ),
        (
            xivo_ws_body(
                entity_id,
                firstname='Other',
                number='1002',
                voicemail={'mailbox': '1888', 'fullname': 'Other'},
                **{'voicemail-option': 'search'},
            ),
            'voicemail.mailbox: no such voicemail: 1888@default',
        ),
    ]:
        with unchanged_store():
            response = api.add(F, P, body)
            assert_refused(response, 400)
        assert response.get_json() == {'error': error}


def test_empty_linefeatures_frees_the_line(api, entity_id):
    user_id = add(api, entity_id, number='1001')
    line_id = line_of(user_id).id
    assert api.edit(F, P, user_id, {'linefeatures': {}}).status_code == 200
    assert line_of(user_id) is None
    assert LineFeatures.get_by_id(line_id)


def test_client_profile_by_name_and_login(api, entity_id):
    body = xivo_ws_body(entity_id)
    body['userfeatures'].update(
        enableclient=True, loginclient='JackJ', passwdclient='secret', profileclient='agent'
    )
    user = UserFeatures.get_by_id(added_id(api.add(F, P, body)))
    assert user.cti_profile_id == CtiProfile.get(CtiProfile.name == 'Agent').id
    assert user.loginclient == 'jackj'
    item = api.list(F, P).get_json()[0]
    assert item['cti_profile_id'] == user.cti_profile_id


def test_enableautomon_is_the_old_name_of_enableonlinerec(api, entity_id):
    body = xivo_ws_body(entity_id)
    body['userfeatures']['enableautomon'] = True
    user = UserFeatures.get_by_id(added_id(api.add(F, P, body)))
    assert user.enableonlinerec is True


def test_dial_actions(api, entity_id):
    target = add(api, entity_id, firstname='Target')
    body = xivo_ws_body(entity_id)
    body['dialaction']['noanswer'] = {
        'actiontype': 'user',
        'actionarg1': str(target),
        'actionarg2': '20',
    }
    body['dialaction']['busy'] = {'actiontype': 'endcall', 'action': 'busy'}
    user_id = added_id(api.add(F, P, body))
    dialaction = api.view(F, P, user_id).get_json()['dialaction']
    assert dialaction['noanswer']['actiontype'] == 'user'
    assert dialaction['noanswer']['action'] is None
    assert dialaction['noanswer']['user']['actionarg1'] == str(target)
    assert dialaction['busy']['action'] == 'busy'
    assert dialaction['busy']['endcall']['action'] == 'endcall:busy'
    assert api.delete(F, P, target).status_code == 200
    assert api.view(F, P, user_id).get_json()['dialaction']['noanswer']['linked'] is False


def test_group_membership_needs_a_line_and_follows_it(api, entity_id):
    GroupFeatures.create(name='sales', context='default')
    lineless = add(api, entity_id, firstname='Nobody')
    with unchanged_store():
        assert_refused(api.edit(F, P, lineless, {'group-select': ['sales']}), 400)
    user_id = add(api, entity_id, number='1001')
    assert api.edit(F, P, user_id, {'group-select': ['sales']}).status_code == 200
    member = QueueMember.get(QueueMember.userid == user_id)
    assert member.interface == f'SIP/{line_of(user_id).name}'
    view = api.view(F, P, user_id).get_json()
    assert view['groupmember'][0]['queue_name'] == 'sales'
    # an edit that does not restate memberships keeps them
    assert api.edit(F, P, user_id, {'userfeatures': {'lastname': 'X'}}).status_code == 200
    assert QueueMember.select().where(QueueMember.userid == user_id).count() == 1
    assert api.delete(F, P, user_id).status_code == 200
    assert not QueueMember.select().exists()


def test_delete_removes_the_line(api, entity_id):
    user_id = add(api, entity_id, number='1001')
    line = line_of(user_id)
    assert api.delete(F, P, user_id).status_code == 200
    assert not UserFeatures.select().exists()
    assert not LineFeatures.select().where(LineFeatures.id == line.id).exists()
    assert not UserSIP.select().where(UserSIP.id == line.protocolid).exists()
    assert not Extension.select().exists()
    assert not Dialaction.select().exists()


def test_deleteall(api, entity_id):
    assert api.delete_all(F, P).status_code == 204
    add(api, entity_id, number='1001')
    add(api, entity_id, firstname='Two')
    assert api.delete_all(F, P).status_code == 200
    assert not UserFeatures.select().exists()


def test_unknown_ids(api, entity_id):
    check_unknown_ids(api, F, P, body={'userfeatures': {'firstname': 'x'}})


def test_malformed_bodies(api, entity_id):
    check_malformed_bodies(api, F, P, 'add')
    user_id = add(api, entity_id)
    check_malformed_bodies(api, F, P, 'edit', id=user_id)


def bad_user_documents(entity_id):
    def body(**userfeatures):
        return {'userfeatures': {'firstname': 'Jack', 'entityid': entity_id, **userfeatures}}

    line = {'protocol': ['sip'], 'context': ['default'], 'number': ['1001']}
    return [
        {},
        {'linefeatures': line},
        {'userfeatures': 'Jack'},
        {'userfeatures': {'lastname': 'NoFirstname', 'entityid': entity_id}},
        body(firstname=''),
        body(firstname=['Jack']),
        body(firstname='x' * 129),
        body(firstname='Ja\x07ck'),
        body(entityid=999999),
        body(entityid='one'),
        body(language='klingon'),
        body(enableclient=True),
        body(enableclient=True, loginclient='jj', passwdclient='123'),
        body(enableclient='maybe'),
        body(profileclient='no-such-profile'),
        body(cti_profile_id=999999),
        body(agentid=999999),
        body(ringseconds=7),
        body(ringseconds=600),
        body(simultcalls=0),
        body(mobilephonenumber='call me'),
        body(bsfilter='chief'),
        body(preprocess_subroutine='xivo-forbidden'),
        {**body(), 'linefeatures': 'sip'},
        {**body(), 'linefeatures': {**line, 'protocol': ['iax']}},
        {**body(), 'linefeatures': {**line, 'context': ['nowhere']}},
        {**body(), 'linefeatures': {**line, 'number': ["1' OR 1=1 --"]}},
        {**body(), 'linefeatures': {**line, 'device': ['nosuchdevice']}},
        {**body(), 'linefeatures': {**line, 'id': ['999999']}},
        {**body(), 'linefeatures': {**line, 'id': ['abc']}},
        {**body(), 'dialaction': 'none'},
        {**body(), 'dialaction': {'busy': {'actiontype': 'teleport'}}},
        {**body(), 'dialaction': {'busy': {'actiontype': 'endcall', 'action': 'explode'}}},
        {**body(), 'rightcall': [999999]},
        {**body(), 'rightcall': 'all'},
        {**body(), 'schedule_id': 999999},
        {**body(), 'group-select': ['nosuchgroup']},
        {**body(), 'phonefunckey': [{'label': 'no fknum'}]},
        {**body(), 'voicemail-option': 'explode'},
        {**body(), 'voicemail': 'yes'},
    ]


def test_invalid_documents(api, entity_id):
    check_bad_documents(api, F, P, 'add', bad_user_documents(entity_id))
    user_id = add(api, entity_id, number='1001')
    check_bad_documents(
        api,
        F,
        P,
        'edit',
        [
            {'userfeatures': {'firstname': None}},
            {'userfeatures': {'ringseconds': 'thirty'}},
            {'userfeatures': 'nope'},
            {'linefeatures': {'id': [line_of(user_id).id], 'number': ['5']}},
            {'linefeatures': {'id': [line_of(user_id).id], 'protocol': ['sccp']}},
        ],
        id=user_id,
    )


def test_acl(api, entity_id):
    check_acl(api, F, P, 'service/ipbx/pbx_settings/users')


# -- issue 9 point 2: every field an edit sends is applied or refused ---------------


@pytest.mark.parametrize(
    'body,reason',
    [
        ({'userfeatures': {'firstname': {'a': 1}}}, 'userfeatures.firstname: '),
        ({'userfeatures': {'lastname': ['x']}}, 'userfeatures.lastname: '),
        ({'userfeatures': {'entityid': 'abc'}}, 'userfeatures.entityid: '),
        ({'userfeatures': {'ringseconds': {'a': 1}}}, 'userfeatures.ringseconds: '),
        ({'userfeatures': {'enablexfer': ['yes']}}, 'userfeatures.enablexfer: '),
        ({'userfeatures': {'language': ['fr_FR']}}, 'userfeatures.language: '),
        ({'linefeatures': {'id': ['LINE'], 'number': [{'a': 1}]}}, 'linefeatures.number: '),
        ({'linefeatures': {'id': ['LINE'], 'number': ['abc']}}, 'linefeatures.number: '),
        ({'linefeatures': {'id': ['LINE'], 'num': ['one']}}, 'linefeatures.num: '),
        ({'linefeatures': {'id': ['LINE'], 'context': [['default']]}}, 'protocol.context: '),
        (
            {'linefeatures': {'id': ['LINE'], 'protocol': ['sccp']}},
            'linefeatures.protocol: the protocol of a line cannot change',
        ),
        ({'linefeatures': {'id': ['LINE'], 'interface': ['DAHDI/1']}}, 'protocol.interface: '),
        ({'linefeatures': {'id': [{'a': 1}]}}, 'linefeatures.id: '),
        (
            {'voicemail': {'name': 'x', 'number': {'a': 1}, 'context': 'default'}},
            'voicemail.number: ',
        ),
        ({'phonefunckey': [{'fknum': 'one'}]}, 'phonefunckey.0.fknum: '),
        ({'group-select': 'sales'}, 'group-select: '),
        (
            {'group-select': ['sales'], 'group': {'sales': {'penalty': 'high'}}},
            'group.sales.penalty: ',
        ),
        ({'schedule_id': 'abc'}, 'schedule_id: '),
        ({'rightcall': {'a': 1}}, 'rightcall: '),
    ],
)
def test_edit_refuses_wrongly_typed_fields_naming_them(api, entity_id, body, reason):
    GroupFeatures.create(name='sales', context='default')
    user_id = add(api, entity_id, number='1001')
    if 'linefeatures' in body and body['linefeatures'].get('id') == ['LINE']:
        body = {'linefeatures': {**body['linefeatures'], 'id': [line_of(user_id).id]}}
    with unchanged_store():
        response = api.edit(F, P, user_id, body)
        assert_refused(response, 400)
        assert response.get_json()['error'].startswith(reason)


def test_edit_applies_every_line_field_it_sends(api, entity_id):
    from xivows.models.device import Device

    Device.create(id='d' * 32, mac='00:11:22:33:44:55')
    user_id = add(api, entity_id, number='1001')
    line = line_of(user_id)
    body = {
        'linefeatures': {
            'id': [line.id],
            'number': ['1002'],
            'name': ['renamed'],
            'secret': ['other'],
            'device': ['d' * 32],
            'num': ['2'],
            'configregistrar': ['other'],
            'description': ['desk'],
        }
    }
    assert api.edit(F, P, user_id, body).status_code == 200
    line = LineFeatures.get_by_id(line.id)
    peer = UserSIP.get_by_id(line.protocolid)
    assert (
        line.number,
        line.name,
        line.device,
        line.num,
        line.configregistrar,
        line.description,
    ) == ('1002', 'renamed', 'd' * 32, 2, 'other', 'desk')
    assert (peer.name, peer.secret, peer.callerid) == ('renamed', 'other', '"Jack Johnson" <1002>')
    assert Extension.get(Extension.typeval == str(user_id)).exten == '1002'
