"""A small PBX provisioned through json.php: what the file-level tests check
and what tools/asterisk-smoke loads into a real Asterisk 21.

Contexts come from the usual test dial plan (tests.helpers.fixtures); every
other object is added through the json.php API, as a client would."""

from dataclasses import dataclass

from tests.helpers.api import added_id
from tests.helpers.fixtures import make_default_context
from xivows.models.context import ContextInclude
from xivows.models.entity import Entity
from xivows.models.line import LineFeatures, UserLine, UserSIP
from xivows.models.user import UserFeatures

ALICE_SECRET, BOB_SECRET, CAROL_SECRET = 'alice-pw1', 'bob-pw2', 'carol-pw3'


@dataclass
class Pbx:
    alice: int
    bob: int
    carol: int
    alice_line: str  # SIP names (endpoint names)
    bob_line: str
    carol_line: str
    sales: int  # group id
    support: int  # queue id
    agent: int  # agent id (Bob's agent, number 8001)
    room: int
    lot: int
    trunk: int
    outcall: int
    schedule: int
    incall: int
    voicemail: int  # Alice's voicemail uniqueid


def _ok(response):
    return added_id(response)


def sip_name(user_id):
    line = LineFeatures.get_by_id(UserLine.get(UserLine.user_id == user_id).line_id)
    return UserSIP.get_by_id(line.protocolid).name


@dataclass
class AddedUser:
    id: int
    line: str


def add_user(api, firstname, number, secret):
    """One more user with a SIP line in `default`."""
    entity = Entity.get(Entity.name == 'acme').id
    user_id = _ok(
        api.add(
            'ipbx',
            'pbx_settings/users',
            {
                'userfeatures': {'firstname': firstname, 'lastname': 'Smoke', 'entityid': entity},
                'linefeatures': {
                    'protocol': ['sip'],
                    'context': ['default'],
                    'number': [number],
                    'secret': [secret],
                },
            },
        )
    )
    return AddedUser(user_id, sip_name(user_id))


def provision(api):
    """Add the PBX; returns the ids and the lines' SIP names."""
    make_default_context()
    ContextInclude.create(context='default', include='to-extern', priority=0)
    entity = Entity.get(Entity.name == 'acme').id

    def user(first, number, secret, **extra):
        return _ok(
            api.add(
                'ipbx',
                'pbx_settings/users',
                {
                    'userfeatures': {
                        'firstname': first,
                        'lastname': 'Smoke',
                        'entityid': entity,
                        'ringseconds': 20,
                        'enablehint': True,
                    },
                    'linefeatures': {
                        'protocol': ['sip'],
                        'context': ['default'],
                        'number': [number],
                        'secret': [secret],
                    },
                    **extra,
                },
            )
        )

    alice = user(
        'Alice',
        '1001',
        ALICE_SECRET,
        voicemail={
            'name': 'Alice Smoke',
            'number': '1001',
            'context': 'default',
            'password': '1234',
        },
    )
    voicemail = UserFeatures.get_by_id(alice).voicemailid
    bob = user(
        'Bob',
        '1002',
        BOB_SECRET,
        dialaction={
            'noanswer': {'actiontype': 'user', 'actionarg1': str(alice)},
            'busy': {'actiontype': 'endcall', 'action': 'busy'},
        },
    )
    carol = user('Carol', '1003', CAROL_SECRET)
    sales = _ok(
        api.add(
            'ipbx',
            'pbx_settings/groups',
            {
                'groupfeatures': {
                    'name': 'sales',
                    'number': '2001',
                    'context': 'default',
                    'timeout': 25,
                },
                'queue': {'strategy': 'ringall'},
                'user': [alice, bob],
                'dialaction': {
                    'noanswer': {
                        'actiontype': 'voicemail',
                        'actionarg1': str(voicemail),
                        'actionarg2': {'u': 1},
                    }
                },
            },
        )
    )
    support = _ok(
        api.add(
            'callcenter',
            'settings/queues',
            {
                'queuefeatures': {
                    'name': 'support',
                    'displayname': 'Support',
                    'number': '3001',
                    'context': 'default',
                    'transfer_user': True,
                },
                'queue': {'strategy': 'ringall', 'joinempty': '', 'leavewhenempty': ''},
                'user': [carol],
                'dialaction': {'noanswer': {'actiontype': 'group', 'actionarg1': str(sales)}},
            },
        )
    )
    agent = _ok(
        api.add(
            'callcenter',
            'settings/agents',
            {
                'agentfeatures': {
                    'firstname': 'Bob',
                    'lastname': 'Agent',
                    'number': '8001',
                    'context': 'default',
                    'numgroup': '1',
                    'autologoff': '0',
                },
                'user-select': [bob],
                'queue-select': ['support'],
            },
        )
    )
    room = _ok(
        api.add(
            'ipbx',
            'pbx_settings/meetme',
            {
                'meetmefeatures': {
                    'name': 'blue',
                    'confno': '4001',
                    'context': 'default',
                    'maxusers': '10',
                    'admin_typefrom': 'none',
                    'user_mode': 'all',
                    'user_announcejoinleave': 'no',
                    'user_musiconhold': 'default',
                },
                'meetmeroom': {'confno': '4001', 'pin': '1111', 'pinadmin': '9999'},
            },
        )
    )
    lot = _ok(
        api.add(
            'ipbx',
            'pbx_services/parkinglot',
            {
                'name': 'lot1',
                'context': 'default',
                'extension': 700,
                'positions': 10,
                'next': 1,
                'commented': 0,
            },
        )
    )
    trunk = _ok(
        api.add(
            'ipbx',
            'trunk_management/sip',
            {
                'protocol': {
                    'transport': 'udp',
                    'name': 'provider',
                    'context': 'from-extern',
                    'type': 'peer',
                    'host-type': 'static',
                    'host-static': '127.0.0.2',
                    'port': '5090',
                    'secret': 'trunk-pw',
                },
                'trunkfeatures': {},
                'register': {
                    'transport': 'udp',
                    'username': 'acct',
                    'password': 'reg-pw',
                    'authuser': 'acct',
                    'host': '127.0.0.2',
                    'port': '5090',
                    'contact': 'inbound',
                    'expiry': '120',
                },
            },
        )
    )
    outcall = _ok(
        api.add(
            'ipbx',
            'call_management/outcall',
            {
                'outcall': {'name': 'national', 'context': 'to-extern'},
                'outcalltrunk': [trunk],
                'dialpattern': {
                    'id': ['0', ''],
                    'externprefix': ['', ''],
                    'prefix': ['', ''],
                    'exten': ['_0XXXXXXXXX', ''],
                    'stripnum': ['1', ''],
                    'callerid': ['0123456789', ''],
                },
            },
        )
    )
    schedule = _ok(
        api.add(
            'ipbx',
            'call_management/schedule',
            {
                'schedule': {
                    'entity_id': entity,
                    'name': 'office',
                    'timezone': 'Europe/Paris',
                    'description': '',
                },
                'dialaction': {'schedule_fallback': {'actiontype': 'endcall', 'action': 'hangup'}},
                'opened': [
                    {
                        'hours': '08:00-18:00',
                        'weekdays': '1-5',
                        'monthdays': '1-31',
                        'months': '1-12',
                    }
                ],
                'closed': [
                    {
                        'hours': '00:00-23:59',
                        'weekdays': '1-7',
                        'monthdays': '25',
                        'months': '12',
                        'dialaction': {'actiontype': 'endcall', 'action': 'congestion'},
                    }
                ],
            },
        )
    )
    incall = _ok(
        api.add(
            'ipbx',
            'call_management/incall',
            {
                'incall': {'exten': '3001', 'context': 'from-extern'},
                'dialaction': {'answer': {'actiontype': 'queue', 'actionarg1': str(support)}},
                'callerid': {'mode': 'prepend', 'callerdisplay': 'EXT '},
                'schedule_id': schedule,
            },
        )
    )
    return Pbx(
        alice,
        bob,
        carol,
        sip_name(alice),
        sip_name(bob),
        sip_name(carol),
        sales,
        support,
        agent,
        room,
        lot,
        trunk,
        outcall,
        schedule,
        incall,
        voicemail,
    )
