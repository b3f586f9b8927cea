#!/usr/bin/env python3
"""The background worker against a real Asterisk 21 (never run by CI: it needs
an Asterisk build and SIPp, see README.md beside this file).

A real `xivows serve` (2 gunicorn workers and the background worker, AMI_* on the
private Asterisk, ASTERISK_CONFIG_DIR = its configuration directory,
ASTERISK_AUTO_APPLY on) on a private SQLite store. The script only talks HTTP to
xivows and reads Asterisk through its CLI: whatever Asterisk does, the worker
made it do.

1. serve starts before Asterisk; the SIP port is set through /api/SIPSysCfg; the
   worker writes the generated files (its reloads fail: /healthz says why).
2. Asterisk starts on those files; the worker connects and resyncs.
3. Users, lines, two queues and an agent are provisioned through json.php; the
   worker applies the configuration (task `asterisk-config` in /healthz).
4. Two SIPp phones register with the lines' credentials.
5. The agent logs in through agentd: the worker adds its members
   (`Local/id-<id>@agentcallback`, state interface `PJSIP/<line>`, not Invalid)
   and the AstDB key `xivows/agent/<id>`.
6. Alice calls Bob, then the queue: the agent's phone (Bob's) rings and answers.
7. Pause with a reason, then unpause, through agentd: `queue show` follows.
8. Logoff: the members and the AstDB key are removed.
9. A new user through json.php: applied by the worker, its line registers.
10. The agent logs in on a user's line, then the line is freed (json.php
    edit with `linefeatures: {}`), and again on Dave's line, then Dave is
    deleted through json.php: each time the agent is logged off with the line,
    and the worker removes its members and its AstDB key (and the deleted
    line's endpoint).
11. Asterisk's log has no warning.
12. A SIP port change through /api/SIPSysCfg is written and reloaded; Asterisk
    applies transport changes only when it restarts (documented behaviour).

Transcript: transcript-worker.txt beside this file (exit status 0 when every
check passed)."""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import harness
from harness import smoke, wait_for

# Dave's secret: a backslash, a `;` and a `#` reach Asterisk as given
ALICE_PW, BOB_PW, DAVE_PW = 'alice-e2e-1', 'bob-e2e-2', r'dave\e2e;4#'


def main():
    harness.enter_netns(sys.argv)
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument(
        '--prefix', default=os.environ.get('ASTERISK_PREFIX', '/work/asterisk/prefix')
    )
    parser.add_argument(
        '--transcript', default=os.path.join(harness.HERE, 'transcript-worker.txt')
    )
    parser.add_argument('--keep', action='store_true', help='Keep the run directory.')
    parser.add_argument(
        '--no-netns',
        action='store_true',
        help='Run on the host\'s loopback (no network namespace).',
    )
    options = parser.parse_args()
    t = smoke.Transcript(options.transcript)
    run_dir = tempfile.mkdtemp(prefix='xws-e2e-')
    asterisk = harness.Asterisk(options.prefix, run_dir, t)
    server = harness.Xivows(run_dir, t, smoke.AMI_PORT, asterisk.etc)
    background = []
    try:
        run(t, run_dir, asterisk, server, background)
    except Exception as exc:  # a broken run still leaves its transcript
        import traceback

        t.say(traceback.format_exc())
        t.check(False, f'the run went to its end ({type(exc).__name__}: {exc})')
    finally:
        for process in background:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
        server.stop()
        asterisk.stop()
        t.say()
        t.say(
            f'RESULT: {"PASS" if not t.failures else "FAIL"} ({len(t.failures)} failed check(s))'
        )
        for failure in t.failures:
            t.say(f'  failed: {failure}')
        t.save()
        if options.keep:
            print(f'run directory kept: {run_dir}')
        else:
            shutil.rmtree(run_dir, ignore_errors=True)
    return 0 if not t.failures else 1


def show_health(t, server, what='/healthz'):
    health = server.health()
    worker = health.get('worker', {})
    ami = worker.get('ami', {})
    t.say(
        f'{what}: worker active={worker.get("active")}, ami connected={ami.get("connected")}'
        f', error={ami.get("error")!r}'
    )
    for name, outcome in sorted((worker.get('tasks') or {}).items()):
        t.say(
            f'  task {name}: ok={outcome["ok"]} error={outcome["error"]!r} '
            f'ran {time.time() - outcome["ran_at"]:.1f} s ago'
        )
    return health


def members_removed(t, server, asterisk, agent, interface):
    """The worker has the agent logged off: out of both queues, its AstDB key gone."""
    synced = server.wait_in_sync(agent)
    t.check(bool(synced) and not synced['logged'], f'status: {synced}')
    for queue in ('support', 'hotline'):
        t.check(
            interface not in harness.queue_members(asterisk, queue, echo=True),
            f'queue {queue}: {interface} removed',
        )
    t.check(
        str(agent) not in harness.astdb(asterisk, 'xivows/agent', echo=True),
        f'AstDB xivows/agent/{agent} deleted',
    )


def logged_off_with_line(t, server, asterisk, agent, place, what, change):
    """Logs the agent in on `place` (number, SIP name), makes `change` (a
    json.php write -> status) take the line away: the agent is logged off at
    once, and the worker removes its members and its AstDB key. -> whether
    the worker applied the configuration after the change."""
    number, line = place
    interface = f'Local/id-{agent}@agentcallback'
    status, body, _ = server.call(
        'POST', f'/1.0/agents/{agent}/login', {'extension': number, 'context': 'default'}
    )
    t.check(status == 204, f'POST /1.0/agents/{agent}/login on {number} -> {status} {body}')
    synced = server.wait_in_sync(agent)
    t.check(bool(synced) and synced['logged'], f'status: {synced}')
    t.check(
        all(
            harness.queue_members(asterisk, queue).get(interface, {}).get('state_interface')
            == f'PJSIP/{line}'
            for queue in ('support', 'hotline')
        ),
        f'queues support and hotline: {interface} on PJSIP/{line}',
    )
    changed_at = time.time()
    status = change()
    t.check(status == 200, f'{what} of the user of {number} (line {line}) -> {status}')
    first = server.agent_status(agent)
    t.check(not first['logged'], f'at once, status: {first}')
    members_removed(t, server, asterisk, agent, interface)
    outcome = server.wait_task_after('asterisk-config', changed_at)
    t.say(f'task asterisk-config after the change: {outcome}')
    return bool(outcome and outcome['ok'])


def run(t, run_dir, asterisk, server, background):
    version = subprocess.run([asterisk.binary, '-V'], capture_output=True, text=True).stdout
    t.say(
        f'# xivows background worker against a real Asterisk, {time.strftime("%Y-%m-%d %H:%M:%S")}'
    )
    sipp_version = subprocess.run(['sipp', '-v'], capture_output=True, text=True).stdout
    t.say(f'# {version.strip()}, {sipp_version.strip().splitlines()[-1].strip()}')
    t.say(f'# network namespace of its own: {harness.in_netns()}')
    sipp_dir = os.path.join(run_dir, 'sipp')
    os.makedirs(sipp_dir)

    t.say()
    t.say('## 1. xivows serve starts (with its worker) before Asterisk')
    asterisk.write_base_files()
    t.check(server.prepare(), 'store upgraded with the wizard\'s contexts, admin added')
    t.check(server.start(), 'xivows serve answers /healthz')
    status, body, _ = server.call('PUT', '/api/SIPSysCfg', {'UDPPort': str(smoke.SIP_PORT)})
    t.say(f'PUT /api/SIPSysCfg {{"UDPPort": "{smoke.SIP_PORT}"}} -> {status} {body}')
    pjsip = os.path.join(asterisk.etc, 'pjsip.conf')

    def transport_written():
        try:
            with open(pjsip) as stream:
                return f':{smoke.SIP_PORT}' in stream.read()
        except FileNotFoundError:
            return False

    t.check(
        wait_for(transport_written, 20),
        f'the worker wrote pjsip.conf with the UDP transport on port {smoke.SIP_PORT}',
    )
    t.say(
        'generated: '
        + ', '.join(
            sorted(
                name
                for name in os.listdir(asterisk.etc)
                if name
                in (
                    'pjsip.conf',
                    'extensions.conf',
                    'queues.conf',
                    'queuerules.conf',
                    'voicemail.conf',
                    'confbridge.conf',
                    'res_parking.conf',
                )
            )
        )
    )
    outcome = wait_for(
        lambda: (lambda o: o if o and not o['ok'] else None)(server.task('asterisk-config')), 10
    )
    t.check(
        outcome is not None and 'did not reload' in (outcome['error'] or ''),
        'with Asterisk down, /healthz shows the apply\'s reload failure: '
        f'{outcome and outcome["error"]!r}',
    )

    t.say()
    t.say('## 2. Asterisk starts on the files the worker wrote')
    if not t.check(asterisk.start(), 'Asterisk started and fully booted'):
        return
    t.check(
        wait_for(
            lambda: server.ami_link().get('connected') and server.ami_link().get('synced_at'), 30
        ),
        'the worker connected to the AMI and resynced',
    )
    show_health(t, server)
    asterisk.cli('pjsip show transports')

    t.say()
    t.say('## 3. provisioning through json.php; the worker applies the configuration')
    entity = harness.entity_id(server)
    alice, alice_line = harness.add_user(server, entity, 'Alice', '1001', ALICE_PW)
    bob, bob_line = harness.add_user(server, entity, 'Bob', '1002', BOB_PW)
    support = harness.add_queue(server, 'support', '3001')
    hotline = harness.add_queue(server, 'hotline', '3002')
    written_at = time.time()  # the task's runs are compared with the last write's start
    agent = harness.add_agent(server, 'Bob', '8001', ['support', 'hotline'])
    t.say(
        f'json.php: users {alice} (line {alice_line}, 1001) and {bob} (line {bob_line}, '
        f'1002), queues support={support} (3001) and hotline={hotline} (3002), agent {agent} '
        '(8001) in both queues'
    )
    outcome = server.wait_task_after('asterisk-config', written_at)
    t.check(
        bool(outcome and outcome['ok']),
        f'task asterisk-config ran after the last write and succeeded: {outcome}',
    )
    show_health(t, server)
    for line in server.log().splitlines():
        if 'asterisk config: wrote' in line:
            t.say('worker log: ' + line.split('] ', 1)[-1])
    endpoints = asterisk.cli('pjsip show endpoints')
    t.check(
        f' {alice_line}/1001 ' in endpoints and f' {bob_line}/1002 ' in endpoints,
        'endpoints of both lines live in Asterisk',
    )
    t.check(
        'support has 0 calls' in asterisk.cli('queue show support')
        and 'hotline has 0 calls' in asterisk.cli('queue show hotline', echo=False),
        'queues support and hotline live in Asterisk',
    )
    t.check(
        f"'id-{agent}' =>" in asterisk.cli('dialplan show agentcallback'),
        f'agentcallback has id-{agent}',
    )

    t.say()
    t.say('## 4. two SIP phones register with their lines\' credentials')
    reg = os.path.join(smoke.HERE, 'register.xml')
    call = os.path.join(smoke.HERE, 'call.xml')
    t.check(
        smoke.sipp(
            [
                '-sf',
                reg,
                '-p',
                str(smoke.BOB_PORT),
                '-key',
                'user',
                bob_line,
                '-au',
                bob_line,
                '-ap',
                BOB_PW,
                '-m',
                '1',
            ],
            t,
            20,
            log_dir=sipp_dir,
        )
        == 0,
        'Bob registered',
    )
    t.check(
        smoke.sipp(
            [
                '-sf',
                reg,
                '-p',
                str(smoke.ALICE_PORT),
                '-key',
                'user',
                alice_line,
                '-au',
                alice_line,
                '-ap',
                ALICE_PW,
                '-m',
                '1',
            ],
            t,
            20,
            log_dir=sipp_dir,
        )
        == 0,
        'Alice registered',
    )
    asterisk.cli('pjsip show contacts')

    t.say()
    t.say('## 5. the agent logs in through agentd; the worker adds it to its queues')
    status, body, took = server.call(
        'POST', f'/1.0/agents/{agent}/login', {'extension': '1002', 'context': 'default'}
    )
    t.check(
        status == 204, f'POST /1.0/agents/{agent}/login -> {status} {body} ({took * 1000:.0f} ms)'
    )
    synced = server.wait_in_sync(agent)
    t.check(bool(synced), f'status in_sync: {synced}')
    interface = f'Local/id-{agent}@agentcallback'
    for queue in ('support', 'hotline'):
        member = harness.queue_members(asterisk, queue, echo=True).get(interface)
        t.check(
            member is not None
            and member['name'] == 'Agent/8001'
            and member['state_interface'] == f'PJSIP/{bob_line}'
            and not member['invalid']
            and not member['paused'],
            f'queue {queue}: {interface} named Agent/8001, state interface '
            f'PJSIP/{bob_line}, not Invalid, not paused',
        )
    keys = harness.astdb(asterisk, 'xivows/agent', echo=True)
    t.check(
        keys.get(str(agent)) == f'PJSIP/{bob_line}',
        f'AstDB xivows/agent/{agent} = PJSIP/{bob_line}',
    )

    t.say()
    t.say('## 6. Alice calls Bob, then the queue: the agent\'s phone rings and answers')
    bob_uas = smoke.sipp(
        ['-sn', 'uas', '-p', str(smoke.BOB_PORT), '-m', '2'],
        t,
        90,
        background=True,
        log_dir=sipp_dir,
    )
    background.append(bob_uas)
    time.sleep(1)
    t.check(
        smoke.sipp(
            [
                '-sf',
                call,
                '-p',
                str(smoke.ALICE_PORT),
                '-key',
                'user',
                alice_line,
                '-au',
                alice_line,
                '-ap',
                ALICE_PW,
                '-s',
                '1002',
                '-m',
                '1',
            ],
            t,
            30,
            log_dir=sipp_dir,
        )
        == 0,
        'Alice called 1002: Bob answered, Alice hung up',
    )
    t.check(
        smoke.sipp(
            [
                '-sf',
                call,
                '-p',
                str(smoke.ALICE_PORT),
                '-key',
                'user',
                alice_line,
                '-au',
                alice_line,
                '-ap',
                ALICE_PW,
                '-s',
                '3001',
                '-m',
                '1',
            ],
            t,
            40,
            log_dir=sipp_dir,
        )
        == 0,
        'Alice called the queue 3001: answered, Alice hung up',
    )
    try:
        uas_status = bob_uas.wait(timeout=20)
    except subprocess.TimeoutExpired:
        uas_status = None
    t.check(
        uas_status == 0, f'Bob\'s phone (SIPp UAS) answered both calls (exit status {uas_status})'
    )
    path = [
        line.split(' -- ', 1)[-1]
        for line in asterisk.log('full.log').splitlines()
        if ('@agentcallback' in line or 'Queue(' in line) and 'Executing' in line
    ]
    for line in path:
        t.say(line)
    t.check(
        any(f'Dial("{interface}' in line and f'PJSIP/{bob_line}' in line for line in path),
        'the queue dialled the agent through agentcallback',
    )
    member = harness.queue_members(asterisk, 'support', echo=True).get(interface, {})
    t.check('has taken 1 calls' in member.get('line', ''), 'the member has taken 1 call')

    t.say()
    t.say('## 7. pause with a reason, then unpause, through agentd')
    status, body, _ = server.call(
        'POST', '/1.0/agents/by-number/8001/pause', {'reason': 'lunch break'}
    )
    t.check(
        status == 204,
        f'POST /1.0/agents/by-number/8001/pause {{"reason": "lunch break"}} -> {status}',
    )
    synced = server.wait_in_sync(agent)
    t.check(
        bool(synced) and synced['paused'] and synced['paused_reason'] == 'lunch break',
        f'status: {synced}',
    )
    for queue in ('support', 'hotline'):
        member = harness.queue_members(asterisk, queue, echo=True).get(interface, {})
        t.check(
            member.get('paused') and member.get('reason') == 'lunch break',
            f'queue {queue}: member paused with reason "lunch break"',
        )
    status, body, _ = server.call('POST', '/1.0/agents/by-number/8001/unpause')
    t.check(status == 204, f'POST /1.0/agents/by-number/8001/unpause -> {status}')
    synced = server.wait_in_sync(agent)
    t.check(bool(synced) and not synced['paused'], f'status: {synced}')
    for queue in ('support', 'hotline'):
        member = harness.queue_members(asterisk, queue, echo=True).get(interface, {})
        t.check(member and not member['paused'], f'queue {queue}: member not paused')

    t.say()
    t.say('## 8. logoff: the worker removes the members and the AstDB key')
    status, body, _ = server.call('POST', f'/1.0/agents/{agent}/logoff')
    t.check(status == 204, f'POST /1.0/agents/{agent}/logoff -> {status}')
    members_removed(t, server, asterisk, agent, interface)

    t.say()
    t.say('## 9. a new user through json.php: the worker applies, the new line registers')
    written_at = time.time()
    dave, dave_line = harness.add_user(server, entity, 'Dave', '1004', DAVE_PW)
    t.say(f'json.php: user {dave} (line {dave_line}, 1004)')
    outcome = server.wait_task_after('asterisk-config', written_at)
    t.check(
        bool(outcome and outcome['ok']), f'task asterisk-config ran after the write: {outcome}'
    )
    t.check(
        wait_for(lambda: dave_line in asterisk.cli('pjsip show endpoints', echo=False), 10),
        f'endpoint {dave_line} live',
    )
    for line in asterisk.cli('pjsip show endpoints', echo=False).splitlines():
        if dave_line in line:
            t.say(line)
    t.check("'1004' =>" in asterisk.cli('dialplan show 1004@default'), '1004 in the dial plan')
    t.check(
        smoke.sipp(
            [
                '-sf',
                reg,
                '-p',
                str(smoke.DAVE_PORT),
                '-key',
                'user',
                dave_line,
                '-au',
                dave_line,
                '-ap',
                DAVE_PW,
                '-m',
                '1',
            ],
            t,
            20,
            log_dir=sipp_dir,
        )
        == 0,
        'Dave registered with the new line',
    )
    show_health(t, server)

    t.say()
    t.say('## 10. a line freed or deleted under a logged agent: the agent is logged off')
    written_at = time.time()
    erin, erin_line = harness.add_user(server, entity, 'Erin', '1005', 'erin-e2e-5')
    t.say(f'json.php: user {erin} (line {erin_line}, 1005)')
    outcome = server.wait_task_after('asterisk-config', written_at)
    t.check(bool(outcome and outcome['ok']), f'the worker applied it: {outcome}')
    logged_off_with_line(
        t,
        server,
        asterisk,
        agent,
        ('1005', erin_line),
        'json.php users edit {"linefeatures": {}} (frees the line)',
        lambda: server.jsonphp(harness.USERS, 'edit', {'linefeatures': {}}, id=erin)[0],
    )
    gone = logged_off_with_line(
        t,
        server,
        asterisk,
        agent,
        ('1004', dave_line),
        'json.php users delete',
        lambda: server.jsonphp(harness.USERS, 'delete', id=dave)[0],
    )
    t.check(
        wait_for(lambda: dave_line not in asterisk.cli('pjsip show endpoints', echo=False), 10)
        and gone,
        f'the configuration applied after the delete: endpoint {dave_line} gone',
    )

    t.say()
    t.say('## 11. logs')
    bad = [
        line for line in asterisk.log().splitlines() if ' WARNING[' in line or ' ERROR[' in line
    ]
    for line in bad:
        t.say(line)
    t.check(not bad, f'no WARNING or ERROR line in Asterisk\'s messages.log ({len(bad)} found)')
    t.say()
    t.say('## 12. a SIP port change reaches Asterisk at its next restart')
    started = time.time()
    status, _, _ = server.call('PUT', '/api/SIPSysCfg', {'UDPPort': '5080'})
    t.say(f'PUT /api/SIPSysCfg {{"UDPPort": "5080"}} -> {status}')
    outcome = server.wait_task_after('asterisk-config', started)
    t.check(bool(outcome and outcome['ok']), f'the worker applied it: {outcome}')
    with open(pjsip) as stream:
        t.check('bind = 0.0.0.0:5080' in stream.read(), 'pjsip.conf binds 0.0.0.0:5080')
    notice = [
        line for line in asterisk.log('full.log').splitlines() if 'not fully reloadable' in line
    ]
    for line in notice:
        t.say(line)
    t.check(
        ':5070' in asterisk.cli('pjsip show transports') and bool(notice),
        'the running Asterisk keeps 5070 (transports are not reloaded: a NOTICE says so)',
    )
    asterisk.stop()
    t.check(asterisk.start(), 'Asterisk restarted')
    t.check(
        ':5080' in asterisk.cli('pjsip show transports'),
        'after the restart the transport listens on 5080',
    )

    t.say()
    t.say('## 13. the worker\'s log')
    worker_lines = [
        line
        for line in server.log().splitlines()
        if 'xivows.worker' in line or 'xivows.asterisk' in line
    ]
    t.say(f'worker log ({len(worker_lines)} lines), warnings and errors:')
    for line in worker_lines:
        if 'WARNING' in line or 'ERROR' in line:
            t.say('  ' + line)


if __name__ == '__main__':
    sys.exit(main())
