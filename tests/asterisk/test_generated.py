"""Every generated file passes the checker, for a PBX provisioned through
json.php; what users, lines, queues and agents become; what cannot be
generated is left out and reported, never written half-way."""

import re

import pytest

from tests.asterisk import extract
from tests.asterisk.checker import as_read, check_all, parse
from tests.asterisk.scenario import add_user, provision, sip_name
from tests.helpers.api import added_id
from tests.helpers.fixtures import make_context, make_default_context
from xivows.asterisk import config
from xivows.asterisk.config import pjsip, queuerules
from xivows.models.dialaction import Dialaction
from xivows.models.entity import Entity
from xivows.models.line import LineFeatures, UserSIP
from xivows.models.queue import QueueFeatures
from xivows.models.trunk import TrunkFeatures, UserIAX
from xivows.models.user import UserFeatures


def test_the_scenario_passes_every_check(api):
    provision(api)
    rendered = config.render()
    assert rendered.problems == []
    assert check_all(rendered.files) == []


def test_rendering_is_deterministic(api):
    provision(api)
    assert config.render().files == config.render().files


def test_an_empty_store_gives_loadable_files(app):
    rendered = config.render()
    assert check_all(rendered.files) == []
    assert (
        extract.sections(rendered.files['pjsip.conf'], 'transport-udp')
        == '[transport-udp]\ntype = transport\nprotocol = udp\nbind = 0.0.0.0:5060\n'
    )


def test_user_line_queue_and_agent_added_through_jsonphp_appear(api):
    """The issue's first check, with nothing but json.php requests."""
    make_default_context()
    entity = Entity.get(Entity.name == 'acme').id
    user = added_id(
        api.add(
            'ipbx',
            'pbx_settings/users',
            {
                'userfeatures': {'firstname': 'Jack', 'lastname': 'Johnson', 'entityid': entity},
                'linefeatures': {
                    'protocol': ['sip'],
                    'context': ['default'],
                    'number': ['1001'],
                    'secret': ['s3cret'],
                },
            },
        )
    )
    queue = added_id(
        api.add(
            'callcenter',
            'settings/queues',
            {
                'queuefeatures': {'name': 'helpdesk', 'number': '3100', 'context': 'default'},
                'queue': {'strategy': 'linear'},
            },
        )
    )
    agent = added_id(
        api.add(
            'callcenter',
            'settings/agents',
            {
                'agentfeatures': {
                    'firstname': 'Jack',
                    'number': '7001',
                    'context': 'default',
                    'numgroup': '1',
                    'autologoff': '0',
                },
                'user-select': [user],
                'queue-select': ['helpdesk'],
            },
        )
    )
    files = config.render().files
    assert check_all(files) == []
    line = sip_name(user)
    pj = files['pjsip.conf']
    assert f'[{line}]\ntype = endpoint\ncontext = default\n' in pj
    assert (
        f'[{line}]\ntype = auth\nauth_type = userpass\nusername = {line}\n'
        'password = s3cret\n' in pj
    )
    assert 'callerid = "Jack Johnson" <1001>' in pj
    dialplan = files['extensions.conf']
    assert (
        extract.extension(dialplan, 'default', '1001')
        == f'exten => 1001,hint,PJSIP/{line}\nexten => 1001,1,Goto(xivo-user-{user},s,1)\n'
    )
    assert f' same => n,Dial(PJSIP/{line},30,t)\n' in dialplan
    assert (
        extract.extension(dialplan, 'default', '3100')
        == f'exten => 3100,1,Goto(xivo-queue-{queue},s,1)\n'
    )
    assert ' same => n,Queue(helpdesk)\n' in dialplan
    assert extract.sections(files['queues.conf'], 'helpdesk').startswith(
        '[helpdesk]\nstrategy = linear\n'
    )
    # The agent: no static member (the worker adds it when it logs in), and
    # the context its queue member dials.
    assert 'member =>' not in extract.sections(files['queues.conf'], 'helpdesk')
    assert f'exten => id-{agent},1,NoOp(agent {agent} 7001)\n' in dialplan
    assert f'${{DB(xivows/agent/{agent})}}' in dialplan


def test_a_queue_passes_its_url_and_announce_override_to_queue(api):
    # Queue(name,options,URL,announceoverride,timeout): the json.php fields
    # `url` and `announceoverride` reach Asterisk (they were dropped)
    make_default_context()
    features = {'name': 'sales', 'number': '3100', 'context': 'default'}
    features.update(url='https://crm.example.com/call?q=sales&x=1', timeout=60)
    features.update(announceoverride='custom/sales-intro', transfer_user=True)
    added_id(api.add('callcenter', 'settings/queues', {'queuefeatures': features, 'queue': {}}))
    rendered = config.render()
    assert (
        ' same => n,Queue(sales,t,https://crm.example.com/call?q=sales&x=1,'
        'custom/sales-intro,60)\n'
    ) in rendered.files['extensions.conf']
    assert rendered.problems == []
    # a stored value Asterisk cannot be given safely is left out, with a problem
    QueueFeatures.update(url='http://x/${SHELL(id)}', announceoverride='a,b').execute()
    rendered = config.render()
    assert ' same => n,Queue(sales,t,,,60)\n' in rendered.files['extensions.conf']
    assert sum('queue sales' in problem for problem in rendered.problems) == 2


def test_a_line_name_change_moves_every_reference(api):
    make_default_context()
    dave = add_user(api, 'Dave', '1004', 'pw')
    line = LineFeatures.get(LineFeatures.name == dave.line)
    UserSIP.update(name='davephone').where(UserSIP.id == line.protocolid).execute()
    files = config.render().files
    assert '[davephone]\ntype = endpoint' in files['pjsip.conf']
    assert 'exten => 1004,hint,PJSIP/davephone\n' in files['extensions.conf']
    assert dave.line not in files['pjsip.conf'] + files['extensions.conf']


def test_a_stored_codec_asterisk_does_not_know_is_left_out(api):
    """Asterisk loads no endpoint whose allow names an unknown format: one
    stored before the services refused them is not written."""
    make_default_context()
    dave = add_user(api, 'Dave', '1004', 'pw')
    line = LineFeatures.get(LineFeatures.name == dave.line)
    UserSIP.update(allow='g722|bogus,!gsm, G729 ,alaw:20').where(
        UserSIP.id == line.protocolid
    ).execute()
    endpoint = config.render().files['pjsip.conf'].split(f'[{dave.line}]\ntype = endpoint')[1]
    assert 'allow = g722,g729\n' in endpoint.split('\n\n')[0] + '\n'


def test_hostile_names_stay_on_their_line(api):
    """A name made to break the files (newline, section, comment, dial plan
    syntax) is cleaned: nothing can add a line, a section or an application."""
    make_default_context()
    entity = Entity.get(Entity.name == 'acme').id
    user = added_id(
        api.add(
            'ipbx',
            'pbx_settings/users',
            {
                'userfeatures': {'firstname': 'Eve;x', 'lastname': 'Hax)$[1]', 'entityid': entity},
                'linefeatures': {'protocol': ['sip'], 'context': ['default'], 'number': ['1005']},
            },
        )
    )
    line = LineFeatures.get(LineFeatures.number == '1005')
    UserSIP.update(callerid='"Eve"\n[evil]\nexten => 666,1,System(reboot) <1005>; x').where(
        UserSIP.id == line.protocolid
    ).execute()
    files = config.render().files
    assert check_all(files) == []
    rows = '\n'.join(files.values()).split('\n')
    assert '[evil]' not in [row.strip() for row in rows]
    assert not any(row.startswith('exten => 666') for row in rows)
    assert [row for row in rows if 'System(' in row] == [
        'callerid = "Eve" [evil] exten => 666,1,System(reboot) <1005>\\; x'
    ]
    assert f'; user {user}: Eve x Hax 1' in files['extensions.conf']


@pytest.mark.parametrize(
    'secret', [r'back\slash', 'semi;colon#hash', 'ends\\', r'both\;x', r'two\\;;', '\\\\']
)
def test_a_secret_reaches_asterisk_as_given(api, secret):
    """Asterisk's parser unescapes `\\;` and nothing else: a backslash written
    twice was read twice (seen on Asterisk 21, tools/asterisk-smoke), and the
    phone's digest, made with the secret as given, never matched."""
    make_default_context()
    dave = add_user(api, 'Dave', '1004', secret)
    files = config.render().files
    assert check_all(files) == []
    errors = []
    passwords = [
        as_read(value)
        for section in parse(files['pjsip.conf'], 'pjsip.conf', errors)
        if section.name == dave.line
        for value in section.values('password')
    ]
    assert (errors, passwords) == ([], [secret])


def _callerid_name(value):
    """The name Asterisk's caller id parser takes from `"name" <number>`: its
    quotes stripped, then `\\x` read as x (ast_callerid_parse, ast_unescape_quoted)."""
    quoted = re.fullmatch(r'"(.*)"\s*<[^>]*>', value)
    return re.sub(r'\\(.)', r'\1', quoted.group(1))


def test_a_name_with_a_backslash_is_the_caller_id_asterisk_reads(api):
    """pjsip.conf's `callerid` goes through Asterisk's caller id parser, which
    unescapes the name: its backslash is written twice (once, it was dropped:
    "A\\B" was read "AB" on Asterisk 21)."""
    make_default_context()
    entity = Entity.get(Entity.name == 'acme').id
    added_id(
        api.add(
            'ipbx',
            'pbx_settings/users',
            {
                'userfeatures': {'firstname': 'Back\\slash', 'lastname': 'X', 'entityid': entity},
                'linefeatures': {'protocol': ['sip'], 'context': ['default'], 'number': ['1005']},
            },
        )
    )
    line = LineFeatures.get(LineFeatures.number == '1005')
    name = UserSIP.get_by_id(line.protocolid).name
    errors = []
    callerids = [
        as_read(value)
        for section in parse(config.render().files['pjsip.conf'], 'pjsip.conf', errors)
        if section.name == name
        for value in section.values('callerid')
    ]
    assert errors == [] and len(callerids) == 1
    assert _callerid_name(callerids[0]) == 'Back\\slash X'


def test_custom_dial_actions_are_limited_to_harmless_applications(api):
    make_default_context()
    dave = add_user(api, 'Dave', '1004', 'pw')
    Dialaction.create(
        event='busy',
        category='user',
        categoryval=str(dave.id),
        action='custom',
        actionarg1='System(reboot)',
    )
    Dialaction.create(
        event='noanswer',
        category='user',
        categoryval=str(dave.id),
        action='custom',
        actionarg1='Playback(${SHELL(id)})',
    )
    Dialaction.create(
        event='congestion',
        category='user',
        categoryval=str(dave.id),
        action='custom',
        actionarg1='Playback(tt-monkeys)',
    )
    rendered = config.render()
    context = extract.sections(rendered.files['extensions.conf'], f'xivo-user-{dave.id}')
    assert 'exten => BUSY,1,Hangup()\n' in context
    assert 'exten => NOANSWER,1,Hangup()\n' in context
    assert 'exten => CONGESTION,1,Playback(tt-monkeys)\n same => n,Hangup()\n' in context
    assert sum('custom action' in problem for problem in rendered.problems) == 2
    assert check_all(rendered.files) == []


def test_a_deleted_destination_hangs_up_and_is_reported(api):
    pbx = provision(api)
    api.delete('ipbx', 'pbx_settings/users', pbx.alice)
    rendered = config.render()
    context = extract.sections(rendered.files['extensions.conf'], f'xivo-user-{pbx.bob}')
    assert 'exten => NOANSWER,1,Hangup()\n' in context
    assert any(
        f'user {pbx.bob}' in problem and 'noanswer' in problem for problem in rendered.problems
    )
    assert check_all(rendered.files) == []


def test_commented_lines_are_not_generated(api):
    make_default_context()
    dave = add_user(api, 'Dave', '1004', 'pw')
    LineFeatures.update(commented=True).where(LineFeatures.name == dave.line).execute()
    files = config.render().files
    assert dave.line not in files['pjsip.conf']
    assert (
        f'exten => s,1,NoOp(user {dave.id})\n same => n,Goto(CHANUNAVAIL,1)'
        in files['extensions.conf']
    )
    assert check_all(files) == []


def test_a_store_context_named_like_a_generated_one_is_skipped(app):
    make_context('agentcallback')
    rendered = config.render()
    assert any("context 'agentcallback'" in problem for problem in rendered.problems)
    assert check_all(rendered.files) == []


def test_iax_trunks_are_reported(app):
    make_default_context()
    peer = UserIAX.create(name='iaxprov', context='from-extern')
    TrunkFeatures.create(protocol='iax', protocolid=peer.id)
    rendered = config.render()
    assert any('IAX trunk' in problem for problem in rendered.problems)
    assert 'iaxprov' not in rendered.files['pjsip.conf']


def test_transports_from_the_sip_settings():
    assert pjsip.transports() == [
        ('transport-udp', [('type', 'transport'), ('protocol', 'udp'), ('bind', '0.0.0.0:5060')])
    ]
    found = pjsip.transports(
        {'UDPEnable': '0', 'TCPEnable': '1', 'TCPPort': '5062', 'BindAddress': '::1'}
    )
    assert found == [
        ('transport-tcp', [('type', 'transport'), ('protocol', 'tcp'), ('bind', '[::1]:5062')])
    ]
    problems = []
    assert pjsip.transports({'TLSEnable': '1', 'UDPEnable': ''}, problems)[0][0] == 'transport-udp'
    assert problems == [
        'SIP TLS transport enabled without TLSCertFile and TLSKeyFile: not generated'
    ]
    tls = pjsip.transports(
        {
            'UDPEnable': '0',
            'TLSEnable': 'yes',
            'TLSCertFile': '/c.pem',
            'TLSKeyFile': '/k.pem',
            'UDPPort': 'x',
        }
    )
    assert tls == [
        (
            'transport-tls',
            [
                ('type', 'transport'),
                ('protocol', 'tls'),
                ('bind', '0.0.0.0:5061'),
                ('cert_file', '/c.pem'),
                ('priv_key_file', '/k.pem'),
                ('method', 'tlsv1_2'),
            ],
        )
    ]


def test_sip_settings_reach_pjsip_conf(app):
    files = config.render(sip_settings={'UDPPort': '5070', 'BindAddress': '127.0.0.1'}).files
    assert 'bind = 127.0.0.1:5070\n' in files['pjsip.conf']


def test_tier_rules_as_penalty_changes(app):
    assert queuerules.tier_rule(5, 3) == [(5, 1), (10, 2), (15, 3)]
    assert queuerules.tier_rule(5, 3, multiply_level=True) == [(5, 1), (15, 2), (30, 3)]
    files = config.render(queue_rules=[('tiers', queuerules.tier_rule(10, 2))]).files
    assert (
        extract.sections(files['queuerules.conf'], 'tiers')
        == '[tiers]\npenaltychange => 10,1\npenaltychange => 20,2\n'
    )
    assert check_all(files) == []


def test_skill_rules_are_listed_but_not_applied(api):
    make_default_context()
    added_id(
        api.add(
            'callcenter', 'settings/queueskillrules', {'name': 'english', 'rule': ['english > 50']}
        )
    )
    text = config.render().files['queuerules.conf']
    assert '; skill rule english: english > 50\n' in text
    assert 'Stock Asterisk 21 has no agent skills' in text


def test_user_forwards_and_do_not_disturb(api):
    make_default_context()
    dave = add_user(api, 'Dave', '1004', 'pw')
    UserFeatures.update(
        enableunc=True,
        destunc='1001',
        enablebusy=True,
        destbusy='1002',
        enablednd=True,
        enablexfer=False,
        enableonlinerec=True,
        ringseconds=0,
    ).where(UserFeatures.id == dave.id).execute()
    add_user(api, 'Alice', '1001', 'pw1')
    add_user(api, 'Bob', '1002', 'pw2')
    files = config.render().files
    context = extract.sections(files['extensions.conf'], f'xivo-user-{dave.id}')
    assert context.startswith(
        f'[xivo-user-{dave.id}]\n'
        f'exten => s,1,NoOp(user {dave.id})\n'
        ' same => n,Goto(default,1001,1)\n'
        ' same => n,Goto(BUSY,1)\n'
        f' same => n,Dial(PJSIP/{dave.line},,x)\n'
        ' same => n,Goto(${DIALSTATUS},1)\n'
    )
    assert 'exten => BUSY,1,Goto(default,1002,1)\n' in context
    assert check_all(files) == []


def test_custom_trunks_and_failover_between_trunks(api):
    make_default_context()
    first = added_id(
        api.add(
            'ipbx',
            'trunk_management/sip',
            {
                'protocol': {
                    'transport': 'udp',
                    'name': 'first',
                    'context': 'from-extern',
                    'type': 'peer',
                    'host-type': 'static',
                    'host-static': '192.0.2.1',
                },
                'trunkfeatures': {},
            },
        )
    )
    second = added_id(
        api.add(
            'ipbx',
            'trunk_management/custom',
            {
                'protocol': {'name': 'isdn', 'interface': 'DAHDI/g1', 'context': 'from-extern'},
                'trunkfeatures': {},
            },
        )
    )
    outcall = added_id(
        api.add(
            'ipbx',
            'call_management/outcall',
            {
                'outcall': {'name': 'intl', 'context': 'to-extern', 'hangupringtime': 45},
                'outcalltrunk': [first, second],
                'dialpattern': [{'exten': '_00X.', 'stripnum': 2, 'externprefix': '9'}],
            },
        )
    )
    files = config.render().files
    assert extract.sections(files['extensions.conf'], f'xivo-outcall-{outcall}') == (
        f'[xivo-outcall-{outcall}]\n'
        f'exten => s,1,NoOp(outcall {outcall} to ${{XIVO_DSTNUM}})\n'
        ' same => n,Dial(PJSIP/${XIVO_DSTNUM}@first,45)\n'
        ' same => n,ExecIf($["${DIALSTATUS}" != "CHANUNAVAIL" & '
        '"${DIALSTATUS}" != "CONGESTION"]?Hangup())\n'
        ' same => n,Dial(DAHDI/g1/${XIVO_DSTNUM},45)\n'
        ' same => n,Hangup()\n'
    )
    assert ' same => n,Set(XIVO_DSTNUM=9${EXTEN:2})\n' in files['extensions.conf']
    assert check_all(files) == []


@pytest.mark.parametrize(
    'tz, zone',
    [
        ('eu-fr', 'eu_fr = Europe/Paris|'),  # the seed document's and xivo-ws's value
        ('na-eastern', 'na_eastern = America/New_York|'),
        ('Europe/Berlin', 'europe_berlin = Europe/Berlin|'),
    ],
)
def test_voicemail_time_zones_name_a_zone_asterisk_knows(api, tz, zone):
    # XiVO's mailboxes name a [zonemessages] entry of its voicemail.conf
    # (eu-fr = Europe/Paris...): Asterisk reads the zone after `=`, and an
    # unknown one gives the message envelope in UTC.
    make_default_context()
    body = {'voicemail': {'mailbox': '1099', 'fullname': 'Box', 'tz': tz}}
    assert api.add('ipbx', 'pbx_settings/voicemail', body).status_code == 200
    files = config.render().files
    assert check_all(files) == []
    assert zone in extract.sections(files['voicemail.conf'], 'zonemessages')
