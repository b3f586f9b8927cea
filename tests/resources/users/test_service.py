"""The users service with its typed input (no HTTP): what another dialect calls,
and the query budgets of add, edit, delete and delete-all (issue 8)."""

import pytest
from playhouse.test_utils import count_queries

from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import unchanged_store
from xivows import db
from xivows.errors import InvalidInput, NotFound
from xivows.models.dialaction import Dialaction, RightcallMember, SchedulePath
from xivows.models.entity import Entity
from xivows.models.extension import Extension
from xivows.models.line import LineFeatures, UserLine, UserSIP
from xivows.models.meetme import MeetmeFeatures
from xivows.models.pickup import Pickup, PickupMember
from xivows.models.queue import GroupFeatures, QueueMember
from xivows.models.schedule import Schedule, ScheduleTime
from xivows.models.user import PhoneFunckey, UserFeatures
from xivows.models.voicemail import Voicemail
from xivows.resources.devices import service as devices
from xivows.resources.devices.inputs import DeviceInput
from xivows.resources.lines.inputs import LineInput
from xivows.resources.ownerlinks.inputs import OwnerLinks
from xivows.resources.users import service
from xivows.resources.users.inputs import NO_LINE, UserInput, UserVoicemail

EVENTS = ('noanswer', 'busy', 'congestion', 'chanunavail')


@pytest.fixture(autouse=True)
def dial_plan(app):
    make_default_context()
    # Ids are not reused on PostgreSQL: the entity of each test has its own.
    global ENTITY
    ENTITY = Entity.get(Entity.name == 'acme').id


ENTITY = None


def full_user(index=1, **features):
    """A user with a SIP line, a voicemail and its four dial actions, as xivo-ws
    adds one."""
    number = str(1000 + index)
    return UserInput(
        features={
            'firstname': f'User{index}',
            'lastname': 'Test',
            'entityid': ENTITY,
            'musiconhold': 'default',
            **features,
        },
        line=LineInput(protocol='sip', context='default', number=number, secret='s3cret'),
        voicemail=UserVoicemail({'mailbox': number, 'context': 'default', 'password': '1234'}),
        links=OwnerLinks(dialaction={event: {'actiontype': 'none'} for event in EVENTS}),
    )


def line_of(user_id):
    return LineFeatures.get_by_id(UserLine.get(UserLine.user_id == user_id).line_id)


def test_a_sip_user_as_the_seed_000_dialect_adds_one():
    """UserID (line name), DisplayName, Password (client), SIPPassword (line
    secret), the phone by its device, Extension and Context."""
    device_id = devices.create(
        DeviceInput(mac='00:08:5D:23:74:29', vendor='Aastra', model='6731i')
    )
    user_id = service.create(
        UserInput(
            features={
                'firstname': 'John',
                'entityid': ENTITY,
                'enableclient': True,
                'loginclient': 'userid001',
                'passwdclient': '123123',
            },
            line=LineInput(
                protocol='sip',
                context='default',
                number='1001',
                name='userid:001',
                secret='123456',
                device_id=device_id,
            ),
        )
    )
    user = UserFeatures.get_by_id(user_id)
    assert (user.firstname, user.loginclient, user.passwdclient, user.callerid) == (
        'John',
        'userid001',
        '123123',
        '"John"',
    )
    line = line_of(user_id)
    peer = UserSIP.get_by_id(line.protocolid)
    assert (line.name, line.number, line.context, line.device) == (
        'userid:001',
        '1001',
        'default',
        device_id,
    )
    assert (peer.name, peer.secret, peer.callerid) == ('userid:001', '123456', '"John" <1001>')
    assert Extension.get(Extension.exten == '1001').typeval == str(user_id)
    service.edit(
        user_id,
        UserInput(features={'firstname': 'Jack'}, line=LineInput(id=line.id, secret='654321')),
    )
    peer = UserSIP.get_by_id(line.protocolid)
    assert (peer.secret, peer.callerid) == ('654321', '"Jack" <1001>')


def test_create_refusals_leave_nothing():
    service.create(full_user(1))
    for user, reason in (
        (UserInput(), 'userfeatures.firstname: '),
        (UserInput(features={'firstname': ['x']}), 'userfeatures.firstname: '),
        (UserInput(features={'firstname': 'A', 'entityid': 99999}), 'userfeatures.entityid: '),
        (full_user(1), 'linefeatures.number: number 1001 is already used in context default'),
        (full_user(9, enableclient=True, loginclient='x'), 'userfeatures.loginclient: '),
        (
            UserInput(
                features={'firstname': 'A', 'entityid': ENTITY},
                line=LineInput(context='default', number='1'),
            ),
            'linefeatures.number: number 1 is outside',
        ),
        (
            UserInput(
                features={'firstname': 'A', 'entityid': ENTITY}, line=LineInput(context='nowhere')
            ),
            'protocol.context: no such context: nowhere',
        ),
        (
            UserInput(features={'firstname': 'A', 'entityid': ENTITY}, line=LineInput(id=99999)),
            'linefeatures.id: no such line',
        ),
        (
            UserInput(
                features={'firstname': 'A', 'entityid': ENTITY},
                voicemail=UserVoicemail({'mailbox': '1'}),
            ),
            'voicemail.context: is required',
        ),
        (
            UserInput(
                features={'firstname': 'A', 'entityid': ENTITY}, groups=[('nosuchgroup', 0)]
            ),
            'group-select: no such group',
        ),
    ):
        with unchanged_store(), pytest.raises(InvalidInput, match=f'^{reason}'):
            service.create(user)


def test_edit_gives_only_what_changes_and_no_line_frees_it():
    user_id = service.create(full_user(1))
    line = line_of(user_id)
    service.edit(user_id, UserInput(features={'lastname': 'Renamed'}))
    assert UserFeatures.get_by_id(user_id).firstname == 'User1'
    assert UserSIP.get_by_id(line.protocolid).callerid == '"User1 Renamed" <1001>'
    assert UserSIP.get_by_id(line.protocolid).mailbox == '1001@default'
    service.edit(user_id, UserInput(line=NO_LINE))
    assert not UserLine.select().where(UserLine.user_id == user_id).exists()
    assert LineFeatures.get_by_id(line.id)  # kept, free
    with pytest.raises(NotFound):
        service.edit(user_id + 1000, UserInput(features={'lastname': 'x'}))


# -- query budgets (issue 8): pinned on both databases -------------------------------


def test_add_with_a_sip_line_a_voicemail_and_dial_actions_costs_9_queries():
    """One probe for every check, the number's ranges, then one insert per
    row kind: voicemail, user, SIP peer, line, extension, user-line, dial actions.
    PostgreSQL reads the ranges and draws the six new rows' ids in the probe's
    query and sends their inserts together with the dial actions'
    (xivows/writebehind.py): 8 statements in 2 round trips."""
    with count_queries() as counted:
        user_id = service.create(full_user(1))
    assert counted.count == (8 if db.is_postgresql() else 9)
    assert Voicemail.get().uniqueid == UserFeatures.get_by_id(user_id).voicemailid
    assert UserSIP.get().mailbox == '1001@default'
    assert Dialaction.select().count() == 4


def test_add_through_json_php_costs_the_same_inside_its_transaction(api):
    """The request adds only its own overhead (authentication and its guessing
    limits, the transaction's savepoint and release) around the 9 queries."""
    body = {
        'userfeatures': {'firstname': 'Jack', 'entityid': ENTITY, 'musiconhold': 'default'},
        'linefeatures': {'protocol': ['sip'], 'context': ['default'], 'number': ['1001']},
        'voicemail': {'name': 'Jack', 'number': '1001', 'context': 'default'},
        'dialaction': {event: {'actiontype': 'none'} for event in EVENTS},
    }
    with count_queries() as counted:
        assert api.add('ipbx', 'pbx_settings/users', body).status_code == 200
    sql = [str(query.msg[0]) for query in counted.get_queries()]
    start = next(index for index, text in enumerate(sql) if text.startswith('SAVEPOINT'))
    end = next(index for index, text in enumerate(sql) if text.startswith('RELEASE'))
    assert end - start - 1 == (8 if db.is_postgresql() else 9)


def test_edit_of_the_name_costs_5_queries():
    """The user, its line, the probe, the user's update, the line's caller id."""
    user_id = service.create(full_user(1))
    with count_queries() as counted:
        service.edit(user_id, UserInput(features={'lastname': 'Renamed'}))
    assert counted.count == 5


def test_delete_costs_19_queries():
    """One of them: the agents logged on the user's line (logged off with it)."""
    user_id = service.create(full_user(1))
    with count_queries() as counted:
        service.delete(user_id)
    assert counted.count == 19
    assert not UserFeatures.select().exists()


def _delete_all_count():
    with count_queries() as counted:
        service.delete_all()
    return counted.count


def test_delete_all_is_set_based():
    """The same number of queries for 1 user and for 150 (past the plain IN
    list of idsets: the ids are one parameter)."""
    service.create(full_user(1))
    one = _delete_all_count()
    for index in range(150):
        service.create(full_user(index))
    assert _delete_all_count() == one == 19
    assert service.delete_all() is None


def test_delete_all_leaves_no_reference_behind():
    """Lines, extensions, dial actions (and those pointing at the users), call
    permissions, schedule links, memberships, function keys, and the cascades
    other resources register: pickup groups, schedule destinations, rooms."""
    GroupFeatures.create(name='sales', context='default')
    user_ids = []
    for index in range(120):
        user_ids.append(
            service.create(
                UserInput(
                    features={'firstname': f'U{index}', 'entityid': ENTITY},
                    line=LineInput(
                        protocol='sccp' if index % 3 else 'sip',
                        context='default',
                        number=str(1100 + index),
                    ),
                    groups=[('sales', 0)],
                    funckeys=[{'fknum': 1, 'label': 'x'}],
                )
            )
        )
    target = user_ids[0]
    Dialaction.create(
        event='busy',
        category='queue',
        categoryval='7',
        action='user',
        actionarg1=str(target),
        linked=True,
    )
    RightcallMember.create(rightcallid=1, type='user', typeval=str(target))
    schedule = Schedule.create(
        name='office', fallback_action='user', fallback_actionid=str(user_ids[-1])
    )
    ScheduleTime.create(
        schedule_id=schedule.id, mode='closed', action='user', actionid=str(target)
    )
    SchedulePath.create(schedule_id=schedule.id, path='user', pathid=target)
    Pickup.create(id=0, name='p')
    PickupMember.create(pickupid=0, category='member', membertype='user', memberid=target)
    MeetmeFeatures.create(
        meetmeid=1,
        name='room',
        confno='4000',
        context='default',
        admin_typefrom='internal',
        admin_internalid=user_ids[5],
    )
    voicemail = Voicemail.create(mailbox='1999', context='default', fullname='Kept')
    UserFeatures.update(voicemailid=voicemail.uniqueid).where(UserFeatures.id == target).execute()
    assert service.delete_all() == 120
    for model in (
        UserFeatures,
        LineFeatures,
        UserLine,
        Extension,
        RightcallMember,
        SchedulePath,
        QueueMember,
        PhoneFunckey,
        PickupMember,
    ):
        assert not model.select().exists(), model
    assert UserSIP.select().count() == 0
    assert Dialaction.get().linked is False
    assert (Schedule.get().fallback_action, ScheduleTime.get().action) == ('none', 'none')
    room = MeetmeFeatures.get()
    assert (room.admin_typefrom, room.admin_internalid) == ('none', None)
    assert Voicemail.get().uniqueid == voicemail.uniqueid  # kept, dissociated


def test_a_new_line_of_a_user_with_a_voicemail_gets_its_mailbox():
    user_id = service.create(full_user(1))
    old_line = line_of(user_id)
    service.edit(user_id, UserInput(line=LineInput(context='default', number='1050')))
    line = line_of(user_id)
    assert line.id != old_line.id
    peer = UserSIP.get_by_id(line.protocolid)
    assert (peer.mailbox, peer.callerid) == ('1001@default', '"User1 Test" <1050>')
    assert not UserSIP.select().where(UserSIP.id == old_line.protocolid).exists()  # deleted
