#!/usr/bin/env python3
"""Smoke test of the generated configuration on a real Asterisk 21 (never run
by CI: it needs an Asterisk build and SIPp, see README.md beside this file).

1. Provisions a small PBX through json.php (tests/asterisk/scenario.py) in a
   private SQLite store, plus a mailbox whose tz is XiVO's zone name eu-fr;
   turns SIP over TLS on through /api/SIPSysCfg with SIP_TLS_CERT_FILE and
   SIP_TLS_KEY_FILE naming a self-signed pair made with openssl; renders the
   configuration (SIP on 127.0.0.1:5070, UDP and TLS).
2. Starts a private Asterisk on those files (own directories, AMI on 5039),
   checks that every module loaded them and that the log has no warning; the
   zone is Europe/Paris for app_voicemail; transport-tls loads and presents
   the certificate, and Carol's line registers over TLS (tls_phone.py).
3. Registers Alice and Bob with SIPp (their lines' credentials), Alice calls
   Bob (1002), answered by Bob's SIPp UAS.
4. Logs Bob's agent in as the worker will (AMI DBPut xivows/agent/<id> and
   QueueAdd Local/id-<id>@agentcallback), Alice calls the queue (3001): the
   queue rings the agent's line, Bob's UAS answers.
5. Adds a user through json.php (a secret holding a backslash, `;` and `#`)
   and applies (xivows.asterisk.config.apply with a real AMI client): only
   the changed files are written, their modules reloaded, and the new
   endpoint is live and registers with that secret.

Everything it does and sees goes to a transcript (default: transcript.txt
beside this file). Exit status 0 when every check passed."""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, REPO)

SIP_PORT, ALICE_PORT, BOB_PORT, DAVE_PORT, AMI_PORT = 5070, 5071, 5072, 5073, 5039
# SIP over TLS listens on TCP 5070 (UDP 5070 is the UDP transport's)
TLS_PORT, TLS_NAME = 5070, 'xivows-smoke'
# A mailbox whose tz names one of XiVO's zonemessages entries (not a tz zone)
ZONE_MAILBOX, XIVO_ZONE = '1200', 'eu-fr'
AMI_USER, AMI_SECRET = 'smoke', 'smoke-secret'
# Dave's secret holds what a configuration line must carry as given: a
# backslash, a `;` (it starts a comment) and a `#`
DAVE_SECRET = r'dave\pw;4#x'
# Log lines that say nothing about the generated files. pjproject 2.15.1 (the
# one Asterisk 21.12.3 bundles) logs this ERROR at every TLS connection a
# transport accepts when no ca_list_file is set, which a server that does not
# ask phones for certificates does not need: a false positive, pjsip/pjproject
# issue 4290, reworded after 2.15.1.
UNRELATED_WARNINGS = (
    re.compile(
        r' ERROR\[\d+\] pjproject: \s*ssl0x[0-9a-f]+ Error reading CA certificates from buffer$'
    ),
)


class Transcript:
    def __init__(self, path):
        self.path = path
        self.lines = []
        self.failures = []

    def say(self, text=''):
        for line in str(text).splitlines() or ['']:
            print(line, flush=True)
            self.lines.append(line)

    def check(self, ok, what):
        self.say(('PASS ' if ok else 'FAIL ') + what)
        if not ok:
            self.failures.append(what)
        return ok

    def save(self):
        with open(self.path, 'w', encoding='utf-8') as stream:
            stream.write('\n'.join(self.lines) + '\n')


INDICATIONS = """[general]
country = us

[us]
description = United States
ringcadence = 2000,4000
dial = 350+440
busy = 480+620/500,0/500
ring = 440+480/2000,0/4000
congestion = 480+620/250,0/250
callwaiting = 440/300,0/10000
record = 1400/500,0/15000
info = !950/330,!1400/330,!1800/330,0
"""


def _silence(path):
    """One second of silence: music on hold needs a file to play."""
    import wave

    with wave.open(path, 'wb') as stream:
        stream.setnchannels(1)
        stream.setsampwidth(2)
        stream.setframerate(8000)
        stream.writeframes(b'\0\0' * 8000)


class Asterisk:
    def __init__(self, prefix, run_dir, transcript):
        self.binary = os.path.join(prefix, 'sbin', 'asterisk')
        self.prefix = prefix
        self.run_dir = run_dir
        self.etc = os.path.join(run_dir, 'etc')
        self.conf = os.path.join(self.etc, 'asterisk.conf')
        self.log_dir = os.path.join(run_dir, 'log')
        self.t = transcript
        self.process = None

    def write_base_files(self):
        """The files Asterisk needs that xivows does not generate."""
        for sub in ('etc', 'lib', 'spool', 'run', 'log'):
            os.makedirs(os.path.join(self.run_dir, sub), exist_ok=True)
        r, p = self.run_dir, self.prefix
        files = {
            'asterisk.conf': f"""[directories]
astetcdir => {r}/etc
astmoddir => {p}/lib/asterisk/modules
astvarlibdir => {r}/lib
astdbdir => {r}/lib
astkeydir => {r}/lib
astdatadir => {p}/var/lib/asterisk
astagidir => {r}/lib/agi-bin
astspooldir => {r}/spool
astrundir => {r}/run
astlogdir => {r}/log
astsbindir => {p}/sbin
[options]
verbose = 3
""",
            'modules.conf': '[modules]\nautoload = yes\nnoload => cdr_csv.so\n',
            'logger.conf': '[general]\n[logfiles]\nmessages.log => notice,warning,error\n'
            'full.log => notice,warning,error,verbose\n',
            'manager.conf': f"""[general]
enabled = yes
port = {AMI_PORT}
bindaddr = 127.0.0.1

[{AMI_USER}]
secret = {AMI_SECRET}
read = all
write = all
""",
            'rtp.conf': '[general]\nrtpstart = 31000\nrtpend = 31100\n',
            'musiconhold.conf': f'[general]\n[default]\nmode = files\ndirectory = {r}/lib/moh\n',
            'cdr.conf': '[general]\nenable = no\n',
            'indications.conf': INDICATIONS,
        }
        for name in (
            'ccss.conf',
            'cel.conf',
            'features.conf',
            'acl.conf',
            'udptl.conf',
            'pjproject.conf',
            'pjsip_wizard.conf',
            'pjsip_notify.conf',
        ):
            files[name] = '; empty: defaults\n'
        os.makedirs(os.path.join(r, 'lib', 'moh'), exist_ok=True)
        _silence(os.path.join(r, 'lib', 'moh', 'silence.wav'))
        for name, text in files.items():
            with open(os.path.join(self.etc, name), 'w', encoding='utf-8') as stream:
                stream.write(text)

    def start(self):
        output = open(os.path.join(self.run_dir, 'console.txt'), 'w')
        self.process = subprocess.Popen(
            [self.binary, '-C', self.conf, '-f', '-n'],
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            if os.path.exists(os.path.join(self.run_dir, 'run', 'asterisk.ctl')):
                out = self.cli('core waitfullybooted', echo=False)
                if 'fully booted' in out.lower():
                    return True
            if self.process.poll() is not None:
                return False
            time.sleep(0.5)
        return False

    def cli(self, command, echo=True):
        result = subprocess.run(
            [self.binary, '-C', self.conf, '-rx', command],
            capture_output=True,
            text=True,
            timeout=30,
        )
        out = (result.stdout + result.stderr).rstrip()
        if echo:
            self.t.say(f'$ asterisk -rx {command!r}')
            self.t.say(out)
        return out

    def log(self, name='messages.log'):
        try:
            with open(
                os.path.join(self.log_dir, name), encoding='utf-8', errors='replace'
            ) as stream:
                return stream.read()
        except FileNotFoundError:
            return ''

    def stop(self):
        if self.process and self.process.poll() is None:
            try:
                self.cli('core stop now', echo=False)
                self.process.wait(timeout=20)
            except (subprocess.TimeoutExpired, OSError):
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def sipp(args, transcript, timeout=40, background=False, log_dir=None, name='sipp'):
    command = [
        'sipp',
        f'127.0.0.1:{SIP_PORT}',
        '-i',
        '127.0.0.1',
        '-nostdin',
        '-timeout',
        f'{timeout}s',
        '-trace_err',
        *args,
    ]
    transcript.say('$ ' + ' '.join(command))
    kwargs = dict(
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=log_dir,
        start_new_session=True,
    )
    if background:
        return subprocess.Popen(command, **kwargs)
    result = subprocess.run(command, timeout=timeout + 10, **kwargs)
    if result.returncode != 0:
        transcript.say(result.stderr.strip()[-2000:])
        _show_errors(log_dir, transcript)
    transcript.say(f'sipp exit status {result.returncode}')
    return result.returncode


def _show_errors(log_dir, transcript):
    for name in sorted(os.listdir(log_dir or '.')):
        if name.endswith('_errors.log'):
            with open(os.path.join(log_dir, name), encoding='utf-8', errors='replace') as f:
                transcript.say(f.read()[-3000:])


def tls_pair(directory):
    """A self-signed certificate for 127.0.0.1 and its key (PEM), made with
    the openssl command: what SIP_TLS_CERT_FILE/SIP_TLS_KEY_FILE name."""
    cert, key = os.path.join(directory, 'sip-cert.pem'), os.path.join(directory, 'sip-key.pem')
    subprocess.run(
        [
            'openssl',
            'req',
            '-x509',
            '-newkey',
            'rsa:2048',
            '-nodes',
            '-days',
            '2',
            '-subj',
            f'/CN={TLS_NAME}',
            '-addext',
            'subjectAltName=IP:127.0.0.1',
            '-keyout',
            key,
            '-out',
            cert,
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


def tls_registration(t, asterisk, cert, line):
    """Carol's line registers over TLS (tls_phone.TlsPhone, trusting only the
    pair's certificate), is listed with a TLS contact, and unregisters."""
    from tls_phone import TlsPhone

    from tests.asterisk.scenario import CAROL_SECRET

    try:
        phone = TlsPhone(TLS_PORT, cert, line, CAROL_SECRET)
    except (OSError, ValueError) as exc:
        t.check(False, f'TLS connection to 127.0.0.1:{TLS_PORT}: {type(exc).__name__}: {exc}')
        return
    try:
        t.say(f'TLS to 127.0.0.1:{TLS_PORT}: certificate CN={phone.certificate_name} (verified)')
        t.check(
            phone.certificate_name == TLS_NAME,
            'the TLS transport presents the certificate of SIP_TLS_CERT_FILE',
        )
        statuses = phone.register()
        t.say(f'REGISTER over TLS as {line} -> {statuses}')
        contacts = asterisk.cli('pjsip show contacts')
        t.check(
            statuses == [401, 200]
            and any(
                # the CLI cuts the URI at the column's width: ;transport=tl
                f'{line}/sip:{line}@127.0.0.1:' in row and ';transport=tl' in row
                for row in contacts.splitlines()
            ),
            f'{line} registered over TLS (challenged, then accepted): its contact is a TLS one',
        )
        statuses = phone.unregister()
        t.say(f'REGISTER over TLS, Expires 0 -> {statuses}')
        t.check(
            statuses[-1] == 200 and f'{line}/sip:' not in asterisk.cli('pjsip show contacts'),
            f'{line} unregistered',
        )
    except (OSError, ValueError, KeyError) as exc:
        t.check(False, f'SIP over TLS as {line}: {type(exc).__name__}: {exc}')
    finally:
        phone.close()


def provision(store_url, app_config=None):
    """The scenario's PBX in a fresh store, through json.php."""
    from tests.asterisk.scenario import provision as add_pbx
    from tests.helpers.api import ADMIN_LOGIN, ADMIN_PASSWORD, Api
    from xivows import create_app, db, migrations, wsusers
    from xivows.db import database

    db.bind(store_url)
    migrations.upgrade()
    with database.atomic():
        wsusers.create(ADMIN_LOGIN, login=ADMIN_LOGIN, password=ADMIN_PASSWORD, grants=['*'])
    database.close()
    app = create_app({'DATABASE_URL': store_url, 'TESTING': True, **(app_config or {})})
    api = Api(app.test_client())
    with app.app_context():
        pbx = add_pbx(api)
    return app, api, pbx


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument(
        '--prefix',
        default=os.environ.get('ASTERISK_PREFIX', '/work/asterisk/prefix'),
        help='Where Asterisk 21 is installed (sbin/asterisk, lib/asterisk).',
    )
    parser.add_argument('--transcript', default=os.path.join(HERE, 'transcript.txt'))
    parser.add_argument('--keep', action='store_true', help='Keep the run directory.')
    options = parser.parse_args()
    t = Transcript(options.transcript)
    run_dir = tempfile.mkdtemp(prefix='xws-smoke-')  # short: the CLI socket path is limited
    asterisk = Asterisk(options.prefix, run_dir, t)
    bob_uas = None
    try:
        bob_uas = run(options, t, run_dir, asterisk)
    finally:
        if bob_uas is not None and bob_uas.poll() is None:
            os.killpg(bob_uas.pid, signal.SIGKILL)
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


def run(options, t, run_dir, asterisk):
    from xivows.ami.client import AmiClient
    from xivows.asterisk import config
    from xivows.asterisk.config import queries
    from xivows.db import database

    version = subprocess.run([asterisk.binary, '-V'], capture_output=True, text=True).stdout
    t.say(f'# xivows Asterisk configuration smoke test, {time.strftime("%Y-%m-%d %H:%M:%S")}')
    t.say(
        f'# {version.strip()}, {subprocess.run(["sipp", "-v"], capture_output=True, text=True).stdout.strip().splitlines()[-1].strip()}'
    )
    t.say()
    t.say('## 1. provisioning through json.php and rendering')
    cert, key = tls_pair(run_dir)
    app, api, pbx = provision(
        f'sqlite:///{run_dir}/store.db', {'SIP_TLS_CERT_FILE': cert, 'SIP_TLS_KEY_FILE': key}
    )
    t.say(f'store: {pbx}')
    t.say(f'SIP_TLS_CERT_FILE, SIP_TLS_KEY_FILE: a self-signed pair for 127.0.0.1 (CN={TLS_NAME})')
    body = {'UDPPort': str(SIP_PORT), 'TLSEnable': '1', 'TLSPort': str(TLS_PORT)}
    with app.app_context():
        response = api.client.put(
            '/api/SIPSysCfg',
            json=body,
            headers=api.headers,
            environ_base={'REMOTE_ADDR': api.peer},
        )
    t.say(f'PUT /api/SIPSysCfg {body} -> {response.status_code} {response.get_json()}')
    t.check(response.status_code == 200, 'SIP settings stored: UDP and TLS transports on 5070')
    with app.app_context():
        response = api.add(
            'ipbx',
            'pbx_settings/voicemail',
            {
                'voicemail': {
                    'context': 'default',
                    'mailbox': ZONE_MAILBOX,
                    'fullname': 'Zoned Mailbox',
                    'password': '0000',
                    'tz': XIVO_ZONE,
                }
            },
        )
    t.say(
        f'json.php voicemail add {ZONE_MAILBOX}@default tz {XIVO_ZONE!r} -> {response.status_code}'
    )
    t.check(response.status_code == 200, f'mailbox {ZONE_MAILBOX} with tz {XIVO_ZONE} stored')
    with app.app_context():
        database.connect(reuse_if_open=True)
        # the store's SIP settings (TLS files included), bound to loopback only
        sip_settings = dict(queries.snapshot().sip_settings, BindAddress='127.0.0.1')
        rendered = config.render(sip_settings=sip_settings)
    t.check(rendered.problems == [], f'render reports no problem {rendered.problems}')
    asterisk.write_base_files()
    written = config.write(asterisk.etc, rendered.files)
    t.say('generated: ' + ', '.join(written))

    t.say()
    t.say('## 2. Asterisk 21 loads the files')
    sipp_dir = os.path.join(run_dir, 'sipp')
    os.makedirs(sipp_dir)
    # The SIP trunk's provider: answers the trunk's REGISTER on 127.0.0.2:5090.
    provider = subprocess.Popen(
        [
            'sipp',
            '-sf',
            os.path.join(HERE, 'registrar.xml'),
            '-i',
            '127.0.0.2',
            '-p',
            '5090',
            '-nostdin',
            '-m',
            '1',
            '-timeout',
            '60s',
            '-trace_err',
        ],
        cwd=sipp_dir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    t.say('provider registrar (SIPp registrar.xml) listening on 127.0.0.2:5090')
    if not t.check(asterisk.start(), 'Asterisk started and fully booted'):
        t.say(open(os.path.join(run_dir, 'console.txt')).read()[-3000:])
        return None
    for module in (
        'res_pjsip.so',
        'pbx_config.so',
        'app_queue.so',
        'app_voicemail.so',
        'app_confbridge.so',
        'res_parking.so',
        'chan_pjsip.so',
    ):
        out = asterisk.cli(f'module show like {module}', echo=False)
        t.check('Running' in out, f'module {module} running')
    endpoints = asterisk.cli('pjsip show endpoints')
    for name in (pbx.alice_line, pbx.bob_line, pbx.carol_line, 'provider'):
        t.check(f' {name} ' in endpoints or f' {name}/' in endpoints, f'endpoint {name} loaded')
    try:
        provider_status = provider.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(provider.pid, signal.SIGKILL)
        provider_status = None
    t.check(provider_status == 0, 'the trunk registered to its provider')
    t.check(
        'Registered' in asterisk.cli('pjsip show registrations'),
        'registration of trunk provider: Registered',
    )
    dialplan = asterisk.cli('dialplan show default')
    t.check(
        "'1001' =>" in dialplan
        and "'3001' =>" in dialplan
        and "'xivo-parking-1'" in dialplan
        and "'to-extern'" in dialplan,
        'dial plan of context default loaded with its includes',
    )
    asterisk.cli('dialplan show xivo-user-1')
    asterisk.cli('dialplan show agentcallback')
    queue = asterisk.cli('queue show support')
    t.check(f'PJSIP/{pbx.carol_line}' in queue, 'queue support has Carol as static member')
    t.check('PJSIP/' in asterisk.cli('queue show sales'), 'group sales loaded with its members')
    t.check('lot1' in asterisk.cli('parking show'), 'parking lot lot1 loaded')
    users = asterisk.cli('voicemail show users')
    t.check('1001' in users, 'mailbox 1001 loaded')
    t.check(ZONE_MAILBOX in users, f'mailbox {ZONE_MAILBOX} (tz {XIVO_ZONE}) loaded')
    zones = asterisk.cli('voicemail show zones')
    zone = next(
        (line.split() for line in zones.splitlines() if line.split()[:1] == ['eu_fr']), None
    )
    t.check(
        zone is not None and zone[1] == 'Europe/Paris',
        f'zone eu_fr of tz {XIVO_ZONE} loaded as Europe/Paris',
    )
    # the zone after `=` must be one Asterisk knows: at the epoch Paris was UTC+1
    ami = AmiClient('127.0.0.1', AMI_PORT, AMI_USER, AMI_SECRET, 5)
    offset = ami.action('Getvar', Variable=f'STRFTIME(0,{zone[1] if zone else ""},%z)')
    t.say(f'AMI Getvar STRFTIME(0,<zone of eu_fr>,%z) -> {offset.get("Value")!r}')
    t.check(offset.get('Value') == '+0100', 'Asterisk reads the zone as UTC+1 in January 1970')
    t.check(
        not [line for line in asterisk.log().splitlines() if 'app_voicemail' in line],
        'app_voicemail logged no warning or error',
    )
    transports = asterisk.cli('pjsip show transports')
    t.check(
        any(
            line.split()[1:3] == ['transport-tls', 'tls'] and f'127.0.0.1:{TLS_PORT}' in line
            for line in transports.splitlines()
            if line.startswith('Transport:')
        ),
        f'transport-tls loaded on 127.0.0.1:{TLS_PORT}',
    )
    tls_registration(t, asterisk, cert, pbx.carol_line)
    t.check(
        'xivo-meetme-1' in asterisk.cli('confbridge show profile bridges'),
        'conference bridge profile loaded',
    )

    t.say()
    t.say('## 3. two SIP phones register with their lines\' credentials and call each other')
    reg = os.path.join(HERE, 'register.xml')
    call = os.path.join(HERE, 'call.xml')
    from tests.asterisk.scenario import ALICE_SECRET, BOB_SECRET

    t.check(
        sipp(
            [
                '-sf',
                reg,
                '-p',
                str(BOB_PORT),
                '-key',
                'user',
                pbx.bob_line,
                '-au',
                pbx.bob_line,
                '-ap',
                BOB_SECRET,
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
        sipp(
            [
                '-sf',
                reg,
                '-p',
                str(ALICE_PORT),
                '-key',
                'user',
                pbx.alice_line,
                '-au',
                pbx.alice_line,
                '-ap',
                ALICE_SECRET,
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
    contacts = asterisk.cli('pjsip show contacts')
    t.check(
        f'{pbx.bob_line}/sip:{pbx.bob_line}@127.0.0.1:{BOB_PORT}' in contacts,
        'Bob\'s contact known',
    )
    bob_uas = sipp(
        ['-sn', 'uas', '-p', str(BOB_PORT), '-m', '2'], t, 90, background=True, log_dir=sipp_dir
    )
    time.sleep(1)
    t.check(
        sipp(
            [
                '-sf',
                call,
                '-p',
                str(ALICE_PORT),
                '-key',
                'user',
                pbx.alice_line,
                '-au',
                pbx.alice_line,
                '-ap',
                ALICE_SECRET,
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

    t.say()
    t.say('## 4. the queue rings the logged agent\'s phone')
    t.say(
        '(the agent is logged in as the worker does it: AstDB key + QueueAdd, sent here '
        'through the AMI adapter xivows.ami.client.AmiClient)'
    )
    ami.action('DBPut', Family='xivows/agent', Key=str(pbx.agent), Val=f'PJSIP/{pbx.bob_line}')
    ami.queue_add(
        'support',
        f'Local/id-{pbx.agent}@agentcallback',
        member_name='Agent/8001',
        state_interface=f'PJSIP/{pbx.bob_line}',
    )
    t.check('Agent/8001' in asterisk.cli('queue show support'), 'Agent/8001 is a member')
    t.check(
        sipp(
            [
                '-sf',
                call,
                '-p',
                str(ALICE_PORT),
                '-key',
                'user',
                pbx.alice_line,
                '-au',
                pbx.alice_line,
                '-ap',
                ALICE_SECRET,
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
        'Alice called the queue 3001: the agent answered',
    )
    try:
        status = bob_uas.wait(timeout=20)
    except subprocess.TimeoutExpired:
        status = None
    t.check(status == 0, f'Bob\'s UAS answered both calls (exit status {status})')
    asterisk.cli('queue show support')
    path = [
        line.split(' -- ', 1)[-1]
        for line in asterisk.log('full.log').splitlines()
        if '@agentcallback' in line and 'Executing' in line
    ]
    for line in path:
        t.say(line)
    t.check(
        any(
            f'Dial("Local/id-{pbx.agent}@agentcallback' in line and f'PJSIP/{pbx.bob_line}' in line
            for line in path
        ),
        'the queue call went through agentcallback to the agent\'s line',
    )

    t.say()
    t.say('## 5. a change through json.php, then apply: only what changed is reloaded')
    from tests.asterisk.scenario import add_user

    with app.app_context():
        database.connect(reuse_if_open=True)
        dave = add_user(api, 'Dave', '1004', DAVE_SECRET)
    with app.app_context():
        database.connect(reuse_if_open=True)
        result = config.apply(asterisk.etc, ami, sip_settings=sip_settings)
    t.say(f'apply: changed {result.changed}, reloaded {result.reloaded}')
    t.check(
        set(result.changed) == {'pjsip.conf', 'extensions.conf'},
        'only pjsip.conf and extensions.conf changed',
    )
    t.check(
        result.reloaded == ['res_pjsip.so', 'pbx_config.so'],
        'only res_pjsip and the dial plan reloaded',
    )
    time.sleep(1)
    t.check(dave.line in asterisk.cli('pjsip show endpoints'), 'the new endpoint is live')
    t.check(
        "'1004' =>" in asterisk.cli('dialplan show 1004@default'),
        'the new number is in the dial plan',
    )
    t.check(
        sipp(
            [
                '-sf',
                reg,
                '-p',
                str(DAVE_PORT),
                '-key',
                'user',
                dave.line,
                '-au',
                dave.line,
                '-ap',
                DAVE_SECRET,
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

    t.say()
    t.say('## 6. Asterisk\'s log: no warning, no error')
    log = asterisk.log()
    bad = [
        line
        for line in log.splitlines()
        if (' WARNING[' in line or ' ERROR[' in line)
        and not any(known.search(line) for known in UNRELATED_WARNINGS)
    ]
    for line in log.splitlines():
        if any(known.search(line) for known in UNRELATED_WARNINGS):
            t.say(f'(known pjproject 2.15.1 false positive, not counted) {line}')
    for line in bad:
        t.say(line)
    t.check(not bad, f'no WARNING or ERROR line in messages.log ({len(bad)} found)')
    return bob_uas


if __name__ == '__main__':
    sys.exit(main())
