"""What the end-to-end scripts beside it share (never run by CI): a private
network namespace, a real `xivows serve` (gunicorn workers + background worker)
on a private SQLite store, its HTTP API, a private Asterisk 21 (smoke.Asterisk)
and small helpers to wait for and read Asterisk's state.

Isolation: the scripts re-execute themselves in a network namespace of their
own (`unshare --net`, root only; `--no-netns` to skip), where only a loopback
interface exists. Every port (SIP, AMI, HTTP, SIPp) is then private to the run
and unreachable from outside, whatever address a generated file binds (the
store's SIP settings have no bind address: the generated transport listens on
0.0.0.0, as a PBX does)."""

import base64
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, REPO)
sys.path.insert(0, HERE)

import smoke  # noqa: E402  (beside this file: Transcript, Asterisk, sipp)

HTTP_PORT = 8000
ADMIN = ('admin', 'admin-e2e-pw')
NETNS_FLAG = 'XWS_E2E_NETNS'


def enter_netns(argv):
    """Re-execute this script in a new network namespace with only `lo` up;
    returns when already inside one (or when isolation was declined)."""
    if os.environ.get(NETNS_FLAG) or '--no-netns' in argv:
        return
    if os.geteuid() != 0:
        print('not root: running on the host\'s loopback (no network namespace)')
        return
    env = dict(os.environ, **{NETNS_FLAG: '1'})
    os.execvpe(
        'unshare',
        [
            'unshare',
            '--net',
            '--',
            'sh',
            '-c',
            'ip link set lo up && exec "$@"',
            'sh',
            sys.executable,
            os.path.abspath(argv[0]),
            *argv[1:],
        ],
        env,
    )


def in_netns():
    return bool(os.environ.get(NETNS_FLAG))


def wait_for(predicate, timeout, interval=0.2):
    """The predicate's first true value within `timeout` seconds, else None."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            return None
        time.sleep(interval)


class Xivows:
    """`xivows serve` (2 gunicorn workers + the background worker) on a store in
    `run_dir`, driving the private Asterisk through its AMI."""

    def __init__(
        self,
        run_dir,
        transcript,
        ami_port,
        config_dir,
        auto_apply=True,
        workers=2,
        ami_user=smoke.AMI_USER,
        ami_secret=smoke.AMI_SECRET,
    ):
        self.run_dir, self.t = run_dir, transcript
        self.base = f'http://127.0.0.1:{HTTP_PORT}'
        self.workers = workers
        self.log_path = os.path.join(run_dir, 'serve.log')
        self.env = dict(os.environ)
        self.env.update(
            {
                'XIVOWS_CONFIG': '',
                'XIVOWS_DATA_DIR': run_dir,
                'XIVOWS_DATABASE_URL': f'sqlite:///{run_dir}/store.db',
                'XIVOWS_AMI_HOST': '127.0.0.1',
                'XIVOWS_AMI_PORT': str(ami_port),
                'XIVOWS_AMI_USERNAME': ami_user,
                'XIVOWS_AMI_SECRET': ami_secret,
                'XIVOWS_AMI_TIMEOUT': '3',
                'XIVOWS_ASTERISK_CONFIG_DIR': config_dir,
                'XIVOWS_ASTERISK_AUTO_APPLY': 'true' if auto_apply else 'false',
                'XIVOWS_LOG_LEVEL': 'INFO',
                'PYTHONPATH': REPO,
            }
        )
        self.process = None

    def cli(self, *args, echo=True):
        result = subprocess.run(
            ['nice', '-n', '10', sys.executable, '-m', 'xivows.cli', *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            cwd=self.run_dir,
        )
        if echo:
            self.t.say('$ xivows ' + ' '.join(args))
            self.t.say((result.stdout + result.stderr).rstrip())
        return result

    def prepare(self):
        """A fresh store with the install wizard's entity and contexts, and an
        administrator granted every ACL section."""
        ok = self.cli('db', 'upgrade', '--wizard').returncode == 0
        ok = (
            ok
            and self.cli(
                'ws-user', 'add', ADMIN[0], '--password', ADMIN[1], '--all-acl', echo=False
            ).returncode
            == 0
        )
        return ok

    def start(self, timeout=60):
        log = open(self.log_path, 'a')
        self.process = subprocess.Popen(
            [
                'nice',
                '-n',
                '10',
                sys.executable,
                '-m',
                'xivows.cli',
                'serve',
                '--bind',
                f'127.0.0.1:{HTTP_PORT}',
                '--workers',
                str(self.workers),
            ],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            cwd=self.run_dir,
        )
        return wait_for(lambda: self.process.poll() is None and self._answers(), timeout, 0.3)

    def _answers(self):
        try:
            return self.call('GET', '/healthz', auth=False)[0] == 200
        except OSError:
            return False

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def worker_pid(self):
        """The background worker process serve started (None if not running)."""
        children = []
        tasks = f'/proc/{self.process.pid}/task'
        try:  # serve's supervisor thread starts it: children are listed per thread
            for thread in os.listdir(tasks):
                with open(f'{tasks}/{thread}/children') as stream:
                    children += [int(pid) for pid in stream.read().split()]
        except OSError:
            return None
        for pid in children:
            try:
                with open(f'/proc/{pid}/cmdline', 'rb') as stream:
                    if b'--parent-pid' in stream.read():
                        return pid
            except OSError:
                continue
        return None

    def gunicorn_cpu(self):
        """{pid: CPU ticks used} of the gunicorn worker processes (children of
        serve's main thread; the background worker is the supervisor thread's)."""
        pid = self.process.pid
        used = {}
        try:
            with open(f'/proc/{pid}/task/{pid}/children') as stream:
                children = [int(child) for child in stream.read().split()]
        except OSError:
            return used
        for child in children:
            try:
                with open(f'/proc/{child}/stat') as stream:
                    fields = stream.read().rsplit(')', 1)[1].split()
                used[child] = int(fields[11]) + int(fields[12])  # utime + stime
            except (OSError, IndexError, ValueError):
                continue
        return used

    def worker_threads(self):
        pid = self.worker_pid()
        return len(os.listdir(f'/proc/{pid}/task')) if pid else None

    def log(self):
        with open(self.log_path, encoding='utf-8', errors='replace') as stream:
            return stream.read()

    # -- HTTP --------------------------------------------------------------------------

    def call(self, method, path, document=None, auth=True, timeout=30):
        """(status, decoded JSON body or text, seconds taken)."""
        data = None if document is None else json.dumps(document).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        if auth:
            token = base64.b64encode(f'{ADMIN[0]}:{ADMIN[1]}'.encode()).decode()
            request.add_header('Authorization', f'Basic {token}')
        if data is not None:
            request.add_header('Content-Type', 'application/json')
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        text = raw.decode('utf-8', 'replace')
        try:
            body = json.loads(text) if text.strip() else None
        except ValueError:
            body = text
        return status, body, time.monotonic() - started

    def health(self):
        return self.call('GET', '/healthz', auth=False)[1]

    def task(self, name):
        return (self.health().get('worker', {}).get('tasks') or {}).get(name)

    def ami_link(self):
        return self.health().get('worker', {}).get('ami') or {}

    # json.php
    def jsonphp(self, family_path, act, document=None, **params):
        query = '&'.join([f'act={act}'] + [f'{key}={value}' for key, value in params.items()])
        return self.call(
            'POST' if document is not None else 'GET', f'{family_path}/?{query}', document
        )

    def add(self, family_path, document):
        status, body, _ = self.jsonphp(family_path, 'add', document)
        if status != 200:
            raise RuntimeError(f'add {family_path}: {status} {body}')
        return int(str(body).strip('"'))

    # agentd
    def agent_status(self, agent_id):
        return self.call('GET', f'/1.0/agents/{agent_id}/status')[1]

    def wait_in_sync(self, agent_id, timeout=20):
        """The agent's status once `in_sync` is true (None after `timeout`)."""
        return wait_for(
            lambda: (lambda s: s if s.get('in_sync') else None)(self.agent_status(agent_id)),
            timeout,
            0.1,
        )

    def wait_task_after(self, name, after, timeout=30):
        """The task's outcome once it ran after `after` (UNIX time)."""
        return wait_for(
            lambda: (lambda o: o if o and o['ran_at'] > after else None)(self.task(name)),
            timeout,
            0.2,
        )


USERS = '/service/ipbx/json.php/restricted/pbx_settings/users'
QUEUES = '/callcenter/json.php/restricted/settings/queues'
AGENTS = '/callcenter/json.php/restricted/settings/agents'
ENTITIES = '/xivo/configuration/json.php/restricted/manage/entity'


def entity_id(server):
    status, body, _ = server.jsonphp(ENTITIES, 'list')
    return int(body[0]['id'])


def add_user(server, entity, firstname, number, secret):
    """A user with a SIP line in `default`; (user id, SIP name)."""
    user_id = server.add(
        USERS,
        {
            'userfeatures': {
                'firstname': firstname,
                'lastname': 'E2e',
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
        },
    )
    status, view, _ = server.jsonphp(USERS, 'view', id=user_id)
    return user_id, view['linefeatures'][0]['name']


def add_queue(server, name, number):
    return server.add(
        QUEUES,
        {
            'queuefeatures': {
                'name': name,
                'displayname': name.title(),
                'number': number,
                'context': 'default',
            },
            'queue': {'strategy': 'ringall', 'joinempty': '', 'leavewhenempty': ''},
        },
    )


def add_agent(server, firstname, number, queues):
    return server.add(
        AGENTS,
        {
            'agentfeatures': {
                'firstname': firstname,
                'lastname': 'Agent',
                'number': number,
                'context': 'default',
                'numgroup': '1',
                'autologoff': '0',
            },
            'queue-select': list(queues),
        },
    )


# -- Asterisk's state, as its CLI shows it ---------------------------------------------

# "Agent/8001 (Local/id-1@agentcallback from PJSIP/abc) (ringinuse disabled) (dynamic)
#  (paused:lunch was 3 secs ago) (Not in use) has taken no calls yet"
_MEMBER = re.compile(
    r'^\s+(?P<name>\S.*?) \((?P<interface>[^ )]+)(?: from (?P<state>[^)]+))?\)'
    r'(?P<flags>.*?) has .*$',
    re.MULTILINE,
)


def queue_members(asterisk, queue, echo=False):
    """{interface: {'name', 'state_interface', 'paused', 'reason', 'invalid', 'line'}} of
    `queue show <queue>`."""
    text = asterisk.cli(f'queue show {queue}', echo=echo)
    members = {}
    for found in _MEMBER.finditer(text):
        flags = found.group('flags')
        paused = re.search(r'\(paused(?::(?P<reason>.*?))? was -?\d+ secs ago\)', flags)
        members[found.group('interface')] = {
            'name': found.group('name'),
            'state_interface': found.group('state') or '',
            'paused': bool(paused),
            'reason': (paused.group('reason') or '') if paused else '',
            'invalid': '(Invalid)' in flags,
            'line': found.group(0).strip(),
        }
    return members


def astdb(asterisk, family, echo=False):
    """{key: value} of `database show <family>`."""
    text = asterisk.cli(f'database show {family}', echo=echo)
    entries = {}
    for line in text.splitlines():
        key, sep, value = line.partition(':')
        if sep and key.strip().startswith('/'):
            entries[key.strip().rsplit('/', 1)[-1]] = value.strip()
    return entries


class Asterisk(smoke.Asterisk):
    """smoke.Asterisk, its CLI output without the line every `-rx` prints in a
    network namespace (no Ethernet interface to derive an entity id from: the
    CLI client warns before it reads `entityid`)."""

    NO_EID = 'No ethernet interface found for seeding global EID'

    def cli(self, command, echo=True):
        out = super().cli(command, echo=False)
        out = '\n'.join(line for line in out.splitlines() if self.NO_EID not in line)
        if echo:
            self.t.say(f'$ asterisk -rx {command!r}')
            self.t.say(out)
        return out

    # -- outages -------------------------------------------------------------------

    def uptime(self):
        """Seconds since Asterisk started, None when its CLI does not answer."""
        try:
            out = super().cli('core show uptime seconds', echo=False)
        except subprocess.TimeoutExpired:
            return None
        found = re.search(r'System uptime: (\d+)', out)
        return int(found.group(1)) if found else None

    def booted(self):
        try:
            return 'fully booted' in super().cli('core waitfullybooted', echo=False).lower()
        except subprocess.TimeoutExpired:
            return False

    def restart_now(self, timeout=60):
        """`core restart now` (the process executes itself again, same pid);
        true once the new one is fully booted."""
        started = time.monotonic()
        self.cli('core restart now')
        time.sleep(1)
        return bool(
            wait_for(
                lambda: (
                    self.booted() and (self.uptime() or 10**6) <= time.monotonic() - started + 1
                ),
                timeout,
                0.5,
            )
        )

    def kill(self):
        """A crash: SIGKILL, nothing saved but what Asterisk already wrote."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        for name in ('asterisk.ctl', 'asterisk.pid'):
            try:
                os.unlink(os.path.join(self.run_dir, 'run', name))
            except FileNotFoundError:
                pass

    def freeze(self):
        """SIGSTOP: sockets stay open and connections are still accepted by the
        kernel, but nothing answers (a hung AMI)."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self):
        os.kill(self.process.pid, signal.SIGCONT)

    def manager(self, enabled, reload=True):
        """Turn the AMI listener on or off (`manager reload`); sessions already
        open are not closed by this (see kick_manager_sessions)."""
        path = os.path.join(self.etc, 'manager.conf')
        with open(path, encoding='utf-8') as stream:
            text = stream.read()
        text = re.sub(
            r'^enabled = \w+$', f'enabled = {"yes" if enabled else "no"}', text, flags=re.MULTILINE
        )
        with open(path, 'w', encoding='utf-8') as stream:
            stream.write(text)
        return self.cli('manager reload') if reload else None

    def kick_manager_sessions(self):
        """Close every AMI session (`manager kick session <fd>`); their count."""
        kicked = 0
        for line in self.cli('manager show connected').splitlines():
            fields = line.split()
            if len(fields) >= 5 and fields[0] == smoke.AMI_USER and fields[4].isdigit():
                self.cli(f'manager kick session {fields[4]}')
                kicked += 1
        return kicked
