"""The checker catches what Asterisk 21 would refuse: each test breaks a
valid set of files written here by hand (not by the generator)."""

import pytest

from tests.asterisk.checker import check_all

VALID = {
    'pjsip.conf': """; comment
[transport-udp]
type = transport
protocol = udp
bind = 0.0.0.0:5060

[alice]
type = endpoint
context = default
aors = alice
auth = alice
mailboxes = 1001@default

[alice]
type = aor
max_contacts = 1

[alice]
type = auth
auth_type = userpass
username = alice
password = s\\;cret
""",
    'extensions.conf': """[general]
static = yes

[default]
include => xivo-parking-1
exten => 1001,hint,PJSIP/alice
exten => 1001,1,Goto(xivo-user-1,s,1)
exten => _0X.,1,Set(N=${EXTEN:1})
 same => n,Dial(PJSIP/${N}@alice)

[xivo-user-1]
exten => s,1,Dial(PJSIP/alice,20)
 same => n,GotoIf($["${DIALSTATUS}" = "BUSY"]?busy)
 same => n,Queue(support)
 same => n,VoiceMail(1001@default,u)
 same => n(busy),Busy()
exten => NOANSWER,1,Goto(default,1001,1)

[agentcallback]
exten => id-1,1,Dial(${DB(xivows/agent/1)})
 same => n,ConfBridge(room,bridge1,user1)
""",
    'queues.conf': """[general]
persistentmembers = no

[support]
strategy = ringall
member => PJSIP/alice,0,Alice
""",
    'queuerules.conf': """; no rule
""",
    'voicemail.conf': """[general]
format = wav

[default]
1001 => 1234,Alice,,,attach=no
""",
    'confbridge.conf': """[general]

[bridge1]
type = bridge

[user1]
type = user
""",
    'res_parking.conf': """[general]
parkeddynamic = no

[lot1]
context => xivo-parking-1
parkext => 700
parkpos => 701-710
""",
}


def test_the_valid_files_pass():
    assert check_all(VALID) == []


def broken(name, old, new):
    files = dict(VALID)
    assert old in files[name]
    files[name] = files[name].replace(old, new, 1)
    return check_all(files)


@pytest.mark.parametrize(
    'name,old,new,error',
    [
        ('extensions.conf', 'exten => _0X.', 'exten => 1001', 'duplicate extension 1001,1'),
        ('extensions.conf', 'Busy()', 'Bizzy()', 'application Bizzy does not exist'),
        ('extensions.conf', 'DB(xivows', 'DBX(xivows', 'function DBX does not exist'),
        (
            'extensions.conf',
            'Goto(xivo-user-1,s,1)',
            'Goto(xivo-user-2,s,1)',
            'unknown context xivo-user-2',
        ),
        (
            'extensions.conf',
            'Goto(default,1001,1)',
            'Goto(default,1002,1)',
            'unknown extension 1002@default',
        ),
        (
            'extensions.conf',
            'Goto(default,1001,1)',
            'Goto(xivo-user-1,1001,1)',
            'unknown extension 1001@xivo-user-1',
        ),
        ('extensions.conf', '?busy)', '?bussy)', 'unknown label bussy'),
        (
            'extensions.conf',
            'Dial(PJSIP/alice,20)',
            'Dial(PJSIP/bob,20)',
            'unknown PJSIP endpoint bob',
        ),
        ('extensions.conf', '@alice)', '@carol)', 'unknown PJSIP endpoint carol'),
        ('extensions.conf', 'hint,PJSIP/alice', 'hint,PJSIP/dave', 'unknown PJSIP endpoint dave'),
        ('extensions.conf', 'Queue(support)', 'Queue(sales)', 'unknown queue sales'),
        ('extensions.conf', 'VoiceMail(1001@', 'VoiceMail(1002@', 'unknown mailbox 1002@default'),
        (
            'extensions.conf',
            'ConfBridge(room,bridge1,user1)',
            'ConfBridge(room,bridge2,user1)',
            'ConfBridge profiles missing',
        ),
        (
            'extensions.conf',
            'include => xivo-parking-1',
            'include => nowhere',
            'include of unknown context nowhere',
        ),
        ('extensions.conf', ' same => n(busy)', ' same => 2(busy)', 'same => n[(label)]'),
        ('extensions.conf', 'Set(N=${EXTEN:1})', 'Set(N=${EXTEN:1)', 'unbalanced'),
        ('extensions.conf', '[agentcallback]', '[xivo-user-1]', 'context xivo-user-1 twice'),
        ('pjsip.conf', 'aors = alice', 'aors = bob', 'unknown aor bob'),
        ('pjsip.conf', 'auth = alice', 'auth = bob', 'unknown auth bob'),
        ('pjsip.conf', 'context = default', 'context = nowhere', 'unknown context nowhere'),
        ('pjsip.conf', 'max_contacts = 1', 'maxcontacts = 1', 'aor option maxcontacts unknown'),
        ('pjsip.conf', 'mailboxes = 1001@default', 'mailboxes = 9@default', 'unknown mailbox'),
        ('pjsip.conf', 'password = s\\;cret', 'password = s;cret', 'starts a comment'),
        ('pjsip.conf', 'protocol = udp', 'protocol udp', 'neither a section'),
        ('pjsip.conf', '[alice]\ntype = aor', '[alice]\ntype = endpoint', 'endpoint alice twice'),
        ('queues.conf', 'PJSIP/alice,0', 'Local/id-1@agentcallback,0', 'added at run time'),
        ('queues.conf', 'strategy = ringall', 'stratgy = ringall', 'queue option stratgy'),
        ('voicemail.conf', 'attach=no', 'atach=no', "mailbox option 'atach=no' unknown"),
        ('confbridge.conf', 'type = bridge', 'type = bridge\nmax_users = 3', 'bridge option'),
        ('res_parking.conf', 'parkpos => 701-710', 'parkpos => 701', 'parkpos first-last'),
        (
            'res_parking.conf',
            'context => xivo-parking-1',
            'context => xivo-parking-2',
            'included nowhere',
        ),
    ],
)
def test_each_error_is_caught(name, old, new, error):
    errors = broken(name, old, new)
    assert any(error in message for message in errors), errors


def test_a_jump_reaches_extensions_of_included_contexts():
    files = dict(VALID)
    files['extensions.conf'] = files['extensions.conf'].replace(
        'Goto(default,1001,1)', 'Goto(default,0123456789,1)'
    )
    assert check_all(files) == []  # _0X. matches


def test_parking_spaces_are_reachable_through_the_include():
    files = dict(VALID)
    files['extensions.conf'] = files['extensions.conf'].replace(
        'Goto(default,1001,1)', 'Goto(default,705,1)'
    )
    assert check_all(files) == []


def test_a_missing_file_is_an_error():
    files = dict(VALID)
    del files['queues.conf']
    assert check_all(files)
