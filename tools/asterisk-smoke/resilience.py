#!/usr/bin/env python3
"""The store, the background worker and a real Asterisk 21 agree after races,
restarts and AMI outages (never run by CI: it needs an Asterisk build, see
README.md beside this file).

Same set-up as worker_e2e.py (a real `xivows serve` with 2 gunicorn workers and
its background worker, on a private SQLite store, driving a private Asterisk in
a network namespace of its own); the script talks HTTP to xivows and reads
Asterisk through its CLI only.

1. Race (issue 10, point 1): ROUNDS rounds of 50 parallel pause/unpause requests
   for one agent, spread over the 2 gunicorn workers; at the end of each round,
   once the agent's status says `in_sync`, the store and `queue show` agree
   (paused or not, and the reason) in both of its queues.
2. `core restart now` with the generated queues.conf (persistentmembers = no):
   the worker adds the logged agents' members again (a paused one with its
   reason).
3. persistentmembers = yes (an operator's queues.conf, ASTERISK_AUTO_APPLY off):
   Asterisk is killed; while it is down one agent logs off and another changes
   its pause reason; Asterisk restarts and restores its members from its AstDB
   (seen before the AMI is enabled); the worker removes the member the store no
   longer wants and fixes the pause.
4. AMI outage during a logoff (Asterisk keeps running: AMI disabled, sessions
   kicked): the logoff answers at once, the status says why it is not in sync,
   the member stays in Asterisk; a user added meanwhile is written but cannot be
   reloaded; once the AMI is back the member is removed and the new line is
   live.
5. Hung AMI (Asterisk frozen with SIGSTOP): requests keep answering fast, the
   worker's thread count stays bounded; after SIGCONT everything converges.

Transcript: transcript-resilience.txt beside this file."""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

import harness
from harness import smoke, wait_for

QUEUES = ('support', 'hotline')
PASSWORDS = {'1001': 'alice-r-1', '1002': 'bob-r-2', '1003': 'carol-r-3', '1005': 'erin-r-5'}


def main():
    harness.enter_netns(sys.argv)
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument(
        '--prefix', default=os.environ.get('ASTERISK_PREFIX', '/work/asterisk/prefix')
    )
    parser.add_argument(
        '--transcript', default=os.path.join(harness.HERE, 'transcript-resilience.txt')
    )
    parser.add_argument('--rounds', type=int, default=20)
    parser.add_argument('--parallel', type=int, default=50)
    parser.add_argument('--only', default='1,2,3,4,5', help='Sections to run, e.g. 1,4.')
    parser.add_argument('--keep', action='store_true', help='Keep the run directory.')
    parser.add_argument(
        '--no-netns',
        action='store_true',
        help='Run on the host\'s loopback (no network namespace).',
    )
    options = parser.parse_args()
    t = smoke.Transcript(options.transcript)
    run_dir = tempfile.mkdtemp(prefix='xws-res-')
    asterisk = harness.Asterisk(options.prefix, run_dir, t)
    run = Run(t, run_dir, asterisk, options)
    try:
        run.all()
    except Exception as exc:  # a broken run still leaves its transcript
        import traceback

        t.say(traceback.format_exc())
        t.check(False, f'the run went to its end ({type(exc).__name__}: {exc})')
    finally:
        if asterisk.process is not None and asterisk.process.poll() is None:
            asterisk.thaw()
        run.server.stop()
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


class Run:
    def __init__(self, t, run_dir, asterisk, options):
        self.t, self.run_dir, self.asterisk, self.options = t, run_dir, asterisk, options
        self.server = harness.Xivows(run_dir, t, smoke.AMI_PORT, asterisk.etc)
        self.agents = {}  # number -> id
        self.lines = {}  # extension -> SIP name

    # -- helpers -----------------------------------------------------------------------

    def interface(self, number):
        return f'Local/id-{self.agents[number]}@agentcallback'

    def members(self, queue, echo=False):
        return harness.queue_members(self.asterisk, queue, echo=echo)

    def agrees(self, number, echo=False):
        """(True, '') when Asterisk's members of the agent match its stored status
        in every queue (present with the line's state interface, paused with the
        reason, or absent when logged off), else (False, what differs)."""
        status = self.server.agent_status(self.agents[number])
        interface = self.interface(number)
        differences = []
        for queue in QUEUES:
            member = self.members(queue, echo).get(interface)
            if not status['logged']:
                if member is not None:
                    differences.append(f'{queue}: still a member ({member["line"]})')
                continue
            if member is None:
                differences.append(f'{queue}: not a member')
                continue
            line = self.lines[status['extension']]
            reason = status['paused_reason'] or ''
            if member['state_interface'] != f'PJSIP/{line}' or member['invalid']:
                differences.append(f'{queue}: {member["line"]}')
            if member['paused'] != status['paused'] or (
                status['paused'] and member['reason'] != reason
            ):
                differences.append(
                    f'{queue}: paused={member["paused"]} '
                    f'reason={member["reason"]!r}, store: '
                    f'paused={status["paused"]} reason={reason!r}'
                )
        keys = harness.astdb(self.asterisk, 'xivows/agent')
        key = keys.get(str(self.agents[number]))
        want = f'PJSIP/{self.lines[status["extension"]]}' if status['logged'] else None
        if key != want:
            differences.append(f'AstDB xivows/agent/{self.agents[number]}={key!r}, want {want!r}')
        return not differences, '; '.join(differences)

    def settle(self, number, timeout=30):
        """Wait for the agent's in_sync; (status, agrees, differences, seconds)."""
        started = time.monotonic()
        status = self.server.wait_in_sync(self.agents[number], timeout)
        took = time.monotonic() - started
        ok, differences = self.agrees(number)
        return status, ok, differences, took

    def check_agreement(self, number, what, timeout=30):
        status, ok, differences, took = self.settle(number, timeout)
        self.t.check(
            bool(status) and ok,
            f'{what}: agent {number} in_sync after {took:.1f} s and Asterisk agrees'
            + (f' (differs: {differences})' if differences else '')
            + ('' if status else ' (never in_sync)'),
        )
        return bool(status) and ok

    def post(self, path, document=None):
        status, body, took = self.server.call('POST', path, document)
        self.t.say(f'POST {path} {document or ""} -> {status} {body or ""} ({took * 1000:.0f} ms)')
        return status, took

    def status_line(self, number):
        status = self.server.agent_status(self.agents[number])
        self.t.say(
            f'status of {number}: logged={status["logged"]} paused={status["paused"]} '
            f'reason={status["paused_reason"]!r} in_sync={status["in_sync"]} '
            f'ami_error={status["ami_error"]!r}'
        )
        return status

    def show_queues(self):
        for queue in QUEUES:
            self.members(queue, echo=True)
        self.asterisk.cli('database show xivows/agent')

    # -- sections ------------------------------------------------------------------------

    def all(self):
        t = self.t
        version = subprocess.run(
            [self.asterisk.binary, '-V'], capture_output=True, text=True
        ).stdout
        t.say(
            f'# xivows worker resilience against a real Asterisk, '
            f'{time.strftime("%Y-%m-%d %H:%M:%S")}'
        )
        t.say(f'# {version.strip()}; network namespace of its own: {harness.in_netns()}')
        self.setup()
        sections = {
            '1': self.race,
            '2': self.restart,
            '3': self.persistent,
            '4': self.outage,
            '5': self.hung,
        }
        for key in self.options.only.split(','):
            sections[key.strip()]()

    def setup(self):
        t, server, asterisk = self.t, self.server, self.asterisk
        t.say()
        t.say('## 0. set-up: xivows serve (2 gunicorn workers + worker), Asterisk, a PBX')
        asterisk.write_base_files()
        t.check(server.prepare(), 'store upgraded with the wizard\'s contexts, admin added')
        t.check(server.start(), 'xivows serve answers /healthz')
        status, _, _ = server.call('PUT', '/api/SIPSysCfg', {'UDPPort': str(smoke.SIP_PORT)})
        t.check(status == 200, f'PUT /api/SIPSysCfg UDPPort {smoke.SIP_PORT} -> {status}')
        t.check(
            wait_for(lambda: os.path.exists(os.path.join(asterisk.etc, 'pjsip.conf')), 20),
            'the worker wrote the generated files',
        )
        t.check(asterisk.start(), 'Asterisk started and fully booted')
        t.check(
            wait_for(lambda: server.ami_link().get('synced_at'), 30),
            'the worker connected and resynced',
        )
        entity = harness.entity_id(server)
        for name, extension in (('Alice', '1001'), ('Bob', '1002'), ('Carol', '1003')):
            self.lines[extension] = harness.add_user(
                server, entity, name, extension, PASSWORDS[extension]
            )[1]
        for name, number in zip(QUEUES, ('3001', '3002')):
            harness.add_queue(server, name, number)
        for name, number in (('Bob', '8001'), ('Alice', '8002'), ('Carol', '8003')):
            self.agents[number] = harness.add_agent(server, name, number, QUEUES)
        written = time.time()
        t.say(
            f'json.php: users with lines {self.lines}, queues {QUEUES}, agents '
            f'{self.agents} each in both queues'
        )
        outcome = server.wait_task_after('asterisk-config', written)
        t.check(bool(outcome and outcome['ok']), f'configuration applied by the worker: {outcome}')
        for number, extension in (('8001', '1002'), ('8002', '1001')):
            status, _ = self.post(
                f'/1.0/agents/{self.agents[number]}/login',
                {'extension': extension, 'context': 'default'},
            )
            t.check(status == 204, f'agent {number} logged in on {extension}')
        for number in ('8001', '8002'):
            self.check_agreement(number, 'after login')
        self.show_queues()

    def race(self):
        t, server = self.t, self.server
        rounds, parallel = self.options.rounds, self.options.parallel
        t.say()
        t.say(
            f'## 1. race: {rounds} rounds of {parallel} parallel pause/unpause for agent '
            f'8001, 2 gunicorn workers'
        )
        rng = random.Random(10)
        pool = ThreadPoolExecutor(parallel)
        cpu_before = server.gunicorn_cpu()
        agreed, waits, worst_request, statuses = 0, [], 0.0, {}
        for round_number in range(1, rounds + 1):
            calls = []
            for index in range(parallel):
                if rng.random() < 0.5:
                    calls.append(('/1.0/agents/by-number/8001/unpause', None))
                else:
                    calls.append(
                        (
                            '/1.0/agents/by-number/8001/pause',
                            {'reason': f'r{round_number}-{index}'},
                        )
                    )
            answers = list(pool.map(lambda call: server.call('POST', *call, timeout=60), calls))
            for status, _, took in answers:
                statuses[status] = statuses.get(status, 0) + 1
                worst_request = max(worst_request, took)
            status, ok, differences, took = self.settle('8001')
            waits.append(took)
            if status and ok:
                agreed += 1
            state = (
                ('paused:' + (status['paused_reason'] or ''))
                if status and status['paused']
                else 'unpaused'
            )
            t.say(
                f'round {round_number:2}: answers {sorted(set(a[0] for a in answers))}, '
                f'in_sync after {took:.2f} s, store {state}, Asterisk '
                + ('agrees' if ok else f'DIFFERS: {differences}')
            )
        pool.shutdown()
        cpu = {pid: ticks - cpu_before.get(pid, 0) for pid, ticks in server.gunicorn_cpu().items()}
        t.say(f'CPU ticks used during the race by each gunicorn worker: {cpu}')
        t.check(
            len(cpu) == 2 and all(ticks > 0 for ticks in cpu.values()),
            'both gunicorn workers served requests',
        )
        t.say(
            f'answers: {statuses}; slowest request {worst_request * 1000:.0f} ms; '
            f'in_sync after {min(waits):.2f}-{max(waits):.2f} s '
            f'(mean {sum(waits) / len(waits):.2f} s)'
        )
        t.check(statuses == {204: rounds * parallel}, 'every request answered 204')
        t.check(
            agreed == rounds, f'store and Asterisk agree at the end of {agreed} of {rounds} rounds'
        )
        self.show_queues()

    def restart(self):
        t, server, asterisk = self.t, self.server, self.asterisk
        t.say()
        t.say('## 2. `core restart now` with the generated queues.conf (persistentmembers = no)')
        with open(os.path.join(asterisk.etc, 'queues.conf')) as stream:
            t.say(
                'queues.conf: '
                + next(line.strip() for line in stream if line.startswith('persistentmembers'))
            )
        # A paused agent must come back paused with its reason (QueueAdd with
        # Paused and Reason: issue 10, point 6).
        self.post('/1.0/agents/by-number/8002/pause', {'reason': 'coffee'})
        self.check_agreement('8002', 'before the restart')
        before = server.ami_link().get('synced_at')
        t.check(asterisk.restart_now(), 'Asterisk restarted and fully booted')
        t.check(
            wait_for(lambda: (server.ami_link().get('synced_at') or 0) > (before or 0), 40),
            'the worker reconnected and resynced',
        )
        for number in ('8001', '8002'):
            self.check_agreement(number, 'after the restart')
        self.show_queues()
        t.check(
            all(
                self.members(queue).get(self.interface('8002'), {}).get('reason') == 'coffee'
                for queue in QUEUES
            ),
            'agent 8002 added back paused with its reason "coffee"',
        )

    def persistent(self):
        t, asterisk = self.t, self.asterisk
        t.say()
        t.say('## 3. persistentmembers = yes; Asterisk killed; changes while it is down')
        self.server.stop()
        path = os.path.join(asterisk.etc, 'queues.conf')
        with open(path) as stream:
            text = stream.read()
        with open(path, 'w') as stream:
            stream.write(text.replace('persistentmembers = no', 'persistentmembers = yes'))
        t.say(
            'queues.conf edited: persistentmembers = yes (an operator\'s file: xivows serve '
            'restarted with ASTERISK_AUTO_APPLY off so that the worker keeps it)'
        )
        asterisk.cli('module reload app_queue.so')
        self.server.env['XIVOWS_ASTERISK_AUTO_APPLY'] = 'false'
        t.check(self.server.start(), 'xivows serve restarted')
        # Asterisk writes its persistent members when a member changes.
        self.post('/1.0/agents/by-number/8001/pause', {'reason': 'before-crash'})
        self.post('/1.0/agents/by-number/8002/pause', {'reason': 'tea'})
        for number in ('8001', '8002'):
            self.check_agreement(number, 'before the crash')
        asterisk.cli('database show Queue/PersistentMembers')
        time.sleep(2)  # Asterisk commits its AstDB about once a second: a kill loses the rest
        asterisk.kill()
        t.say('Asterisk killed (SIGKILL)')
        linked = wait_for(lambda: not self.server.ami_link().get('connected'), 20)
        t.check(bool(linked), 'the worker saw the AMI go')
        status, took = self.post(f'/1.0/agents/{self.agents["8002"]}/logoff')
        t.check(status == 204, f'agent 8002 logged off while Asterisk is down ({took:.3f} s)')
        status, took = self.post('/1.0/agents/by-number/8001/pause', {'reason': 'meeting'})
        t.check(status == 204, 'agent 8001 paused with another reason while Asterisk is down')
        time.sleep(1)
        for number in ('8001', '8002'):
            status = self.status_line(number)
            t.check(
                not status['in_sync'] and 'unreachable' in (status['ami_error'] or ''),
                f'agent {number}: not in sync, ami_error says why',
            )
        asterisk.manager(False, reload=False)  # Asterisk is not running
        t.check(asterisk.start(), 'Asterisk started again (AMI disabled for the moment)')
        t.say('what Asterisk restored by itself (persistentmembers), before the worker can act:')
        restored = {queue: self.members(queue, echo=True) for queue in QUEUES}
        t.check(
            all(self.interface('8002') in restored[queue] for queue in QUEUES),
            'Asterisk restored the member of the logged-off agent 8002',
        )
        t.check(
            all(
                restored[queue].get(self.interface('8001'), {}).get('reason') == 'before-crash'
                for queue in QUEUES
            ),
            'Asterisk restored agent 8001 with its old pause reason',
        )
        before = self.server.ami_link().get('synced_at') or 0
        asterisk.manager(True)
        t.check(
            wait_for(lambda: (self.server.ami_link().get('synced_at') or 0) > before, 40),
            'AMI enabled: the worker reconnected and resynced',
        )
        for number in ('8001', '8002'):
            self.check_agreement(number, 'after the restart with persistent members')
        self.show_queues()
        asterisk.cli('database show Queue/PersistentMembers')
        status, _ = self.post(
            f'/1.0/agents/{self.agents["8002"]}/login', {'extension': '1001', 'context': 'default'}
        )
        self.check_agreement('8002', 'agent 8002 logged in again')

    def outage(self):
        t, server, asterisk = self.t, self.server, self.asterisk
        t.say()
        t.say('## 4. AMI outage during a logoff (Asterisk keeps running)')
        auto_apply = server.env['XIVOWS_ASTERISK_AUTO_APPLY'] == 'true'
        if not auto_apply:
            server.stop()
            path = os.path.join(asterisk.etc, 'queues.conf')
            server.env['XIVOWS_ASTERISK_AUTO_APPLY'] = 'true'
            t.check(server.start(), 'xivows serve restarted with ASTERISK_AUTO_APPLY on')
            t.check(
                wait_for(lambda: 'persistentmembers = no' in open(path).read(), 20),
                'the worker wrote its queues.conf back (persistentmembers = no)',
            )
        t.check(wait_for(lambda: server.ami_link().get('connected'), 20), 'AMI connected')
        interface = self.interface('8001')
        t.check(
            all(interface in self.members(queue) for queue in QUEUES),
            'agent 8001 is a member of both queues',
        )
        asterisk.manager(False)
        kicked = asterisk.kick_manager_sessions()
        t.say(f'AMI disabled, {kicked} session(s) kicked')
        t.check(
            wait_for(lambda: server.ami_link().get('connected') is False, 20),
            f'/healthz: AMI not connected ({server.ami_link().get("error")!r})',
        )
        status, took = self.post(f'/1.0/agents/{self.agents["8001"]}/logoff')
        t.check(status == 204 and took < 1, 'the logoff answers 204 at once')
        entity = harness.entity_id(server)
        written = time.time()
        _, self.lines['1005'] = harness.add_user(server, entity, 'Erin', '1005', PASSWORDS['1005'])
        t.say(f'json.php: user Erin with line {self.lines["1005"]} (1005) added meanwhile')
        time.sleep(3)
        status = self.status_line('8001')
        t.check(
            not status['in_sync'] and 'unreachable' in (status['ami_error'] or ''),
            'agent 8001: not in sync, ami_error says why',
        )
        t.check(
            all(interface in self.members(queue) for queue in QUEUES),
            'Asterisk still has the member (nobody could tell it)',
        )
        outcome = server.task('asterisk-config')
        t.say(f'task asterisk-config: {outcome}')
        t.check(
            bool(outcome) and outcome['ran_at'] > written and not outcome['ok'],
            'the configuration task says the reload failed',
        )
        asterisk.manager(True)
        t.say('AMI enabled again')
        self.check_agreement('8001', 'after the outage')
        self.show_queues()
        line = self.lines['1005']
        endpoint = wait_for(
            lambda: line in asterisk.cli('pjsip show endpoints', echo=False), 30, 0.5
        )
        t.check(
            bool(endpoint),
            f'the line added during the outage ({line}) is live in Asterisk once the AMI is back',
        )
        t.say(f'task asterisk-config: {server.task("asterisk-config")}')
        if endpoint:
            t.check(
                smoke.sipp(
                    [
                        '-sf',
                        os.path.join(smoke.HERE, 'register.xml'),
                        '-p',
                        str(smoke.DAVE_PORT),
                        '-key',
                        'user',
                        line,
                        '-au',
                        line,
                        '-ap',
                        PASSWORDS['1005'],
                        '-m',
                        '1',
                    ],
                    t,
                    20,
                    log_dir=self.run_dir,
                )
                == 0,
                'Erin registered with that line',
            )

    def hung(self):
        t, server, asterisk = self.t, self.server, self.asterisk
        t.say()
        t.say('## 5. hung AMI: Asterisk frozen (SIGSTOP) for 15 s')
        threads_before = server.worker_threads()
        asterisk.freeze()
        try:
            started = time.monotonic()
            timings = []
            status, took = self.post('/1.0/agents/by-number/8002/pause', {'reason': 'frozen'})
            timings.append(took)
            t.check(status == 204, 'pause while Asterisk is frozen answers 204')
            while time.monotonic() - started < 15:
                for path in (
                    '/callcenter/json.php/restricted/settings/queues/?act=list',
                    f'/1.0/agents/{self.agents["8002"]}/status',
                    '/1.0/agents/all/statuses',
                ):
                    timings.append(server.call('GET', path)[2])
                time.sleep(0.5)
            health = server.ami_link()
            t.say(
                f'/healthz ami while frozen: connected={health.get("connected")} '
                f'error={health.get("error")!r}'
            )
            status = self.status_line('8002')
            t.check(not status['in_sync'], 'agent 8002 not in sync while Asterisk is frozen')
            threads = server.worker_threads()
            t.say(
                f'{len(timings)} requests while frozen: slowest {max(timings) * 1000:.0f} ms, '
                f'mean {sum(timings) / len(timings) * 1000:.0f} ms; worker threads '
                f'{threads_before} before, {threads} after 15 s of failed connects'
            )
            t.check(max(timings) < 1.0, 'every request answered in less than 1 s')
            t.check(
                threads is not None and threads <= (threads_before or 0) + 1,
                'the worker\'s thread count stayed bounded',
            )
        finally:
            asterisk.thaw()
        t.say('Asterisk thawed (SIGCONT)')
        for number in ('8001', '8002'):
            self.check_agreement(number, 'after the freeze')
        self.show_queues()
        t.say(f'worker threads: {server.worker_threads()}')
        log = [
            line
            for line in server.log().splitlines()
            if ('WARNING' in line or 'ERROR' in line) and 'xivows' in line
        ]
        t.say(f'worker warnings and errors during the run: {len(log)}; the last ones:')
        for line in log[-12:]:
            t.say('  ' + line)


if __name__ == '__main__':
    sys.exit(main())
