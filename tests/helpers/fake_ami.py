"""A programmable Asterisk Manager Interface peer on a local socket, replaying what
a real Asterisk 21.12.3 answers (../shared/spec/ami-live.md).

Line protocol: banner on accept, `Key: Value` CRLF blocks ending with an empty
line, ActionID echoed second (last in the QueueStatus/ParkedCalls items), list
actions as `EventList: start` + items + `<X>Complete`, unsolicited events with
`Privilege: <class>,all` second, `Permission denied` before Login, a refused Login
answered after `login_failure_delay` (1 s on a real server) then closed, Logoff
answered `Goodbye` then closed.

State kept in memory: queues and their members (dynamic), callers waiting,
channels, device states, PJSIP endpoints/contacts/aors/auths, outbound
registrations, parked calls, the AstDB. Every action received is recorded.

Failure modes: `fail_next(action, message)`, `hang` (action names never
answered), `hang_connect` (accept, never send the banner), `delay` (seconds before
every answer: slow), `refuse_for(seconds)` (connections refused, then accepted),
`stop()`/`start()` (down/up), `restart(persistent_members=...)` (Shutdown event,
connections closed, dynamic members kept only with persistentmembers)."""

import socket
import threading
import time

BANNER = 'Asterisk Call Manager/10.0.0\r\n'
TRUE = ('yes', 'true', '1')
DEVICE_CODES = {
    'UNKNOWN': '0',
    'NOT_INUSE': '1',
    'INUSE': '2',
    'BUSY': '3',
    'INVALID': '4',
    'UNAVAILABLE': '5',
    'RINGING': '6',
    'RINGINUSE': '7',
    'ONHOLD': '8',
}
DEVICE_TEXT = {
    'NOT_INUSE': 'Not in use',
    'INUSE': 'In use',
    'UNAVAILABLE': 'Unavailable',
    'RINGING': 'Ringing',
    'BUSY': 'Busy',
    'ONHOLD': 'On Hold',
    'INVALID': 'Invalid',
    'UNKNOWN': 'Unknown',
}
MODULES = ('app_queue.so', 'res_pjsip.so', 'chan_pjsip.so', 'res_parking.so', 'app_voicemail.so')
# `module show` columns of those modules: description, support level
MODULE_INFO = {
    'app_queue.so': ('True Call Queueing', 'core'),
    'res_pjsip.so': ('Basic SIP resource', 'core'),
    'chan_pjsip.so': ('PJSIP Channel Driver', 'core'),
    'res_parking.so': ('Call Parking Resource', 'core'),
    'app_voicemail.so': ('Comedian Mail (Voicemail System)', 'core'),
}
SNAPSHOT = (
    'ChannelState',
    'ChannelStateDesc',
    'CallerIDNum',
    'CallerIDName',
    'ConnectedLineNum',
    'ConnectedLineName',
    'Language',
    'AccountCode',
    'Context',
    'Exten',
    'Priority',
    'Uniqueid',
    'Linkedid',
)
STATE_DESC = {'0': 'Down', '4': 'Ring', '5': 'Ringing', '6': 'Up'}


class _Session:
    def __init__(self, connection):
        self.connection = connection
        self.stream = connection.makefile('rwb', buffering=0)
        self.lock = threading.Lock()
        self.logged = False
        self.events = False

    def send(self, *blocks):
        text = ''.join(
            ''.join(f'{key}: {value}\r\n' for key, value in block.items()) + '\r\n'
            for block in blocks
        )
        with self.lock:
            self.stream.write(text.encode())

    def close(self):
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.connection.close()


class FakeAmi:
    def __init__(
        self, username='xivows', secret='ami-secret', queues=('support',), login_failure_delay=1.0
    ):
        self.username, self.secret = username, secret
        self.login_failure_delay = login_failure_delay
        self.queues = {}
        for name in queues:
            self.add_queue(name)
        self.members = {}  # (queue lower, interface lower) -> member headers (event names)
        self.entries = []  # callers waiting: dicts with Queue, Channel, ...
        self.channels = {}  # name -> snapshot + Application, ApplicationData, BridgeId
        self.devices = {}  # device -> state name
        self.endpoints = {}  # name -> {Transport, Aor, Auths, OutboundAuths}
        self.contacts = {}  # object name -> ContactList headers
        self.registrations = {}  # name -> {ClientUri, ServerUri, Status}
        self.parked = {}  # parkee channel -> ParkedCall headers
        self.parking_lots = {
            'default': {'StartSpace': '701', 'StopSpace': '720', 'Timeout': '300'}
        }
        self.loaded = set(MODULES)  # modules loaded (`module show`)
        self.started = time.time()
        self.reloaded = self.started
        self.processed_calls = 0
        self.astdb = {}  # (family, key) -> value
        self.actions = []  # every action received, headers as a dict
        self.failures = {}  # action name -> [messages] (answered as errors, in turn)
        self.hang = set()  # action names never answered
        self.hang_connect = False
        self.delay = 0.0
        self.refuse_login = False
        self.logins = 0
        self.connects = 0
        self._uniqueid = 1796498560
        self._server = None
        self._port = None
        self._sessions = []
        self._lock = threading.RLock()

    # -- control ------------------------------------------------------------------

    @property
    def port(self):
        return self._port

    def start(self):
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(('127.0.0.1', self._port or 0))
        server.listen(16)
        self._port = server.getsockname()[1]
        self._server = server
        threading.Thread(
            target=self._accept, args=(server,), daemon=True, name='fake-ami-accept'
        ).start()
        return self

    def stop(self):
        """Close the listening socket and every connection (AMI down: refused)."""
        server, self._server = self._server, None
        if server is not None:
            try:
                server.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
            except OSError:
                pass
            server.close()
        with self._lock:
            sessions, self._sessions = self._sessions, []
        for session in sessions:
            session.close()

    def refuse_for(self, seconds):
        """Connections refused for `seconds`, then accepted again."""
        self.stop()
        timer = threading.Timer(seconds, self.start)
        timer.daemon = True
        timer.name = 'fake-ami-timer'
        timer.start()
        return timer

    def restart(self, persistent_members=True, down=0.0):
        """Asterisk restarts: `Shutdown` to every session, connections closed,
        channels/callers/parked calls gone, AstDB kept; dynamic members kept only
        with `persistentmembers = yes` (then with their pause state)."""
        self.broadcast('Shutdown', 'system', Shutdown='Cleanly', Restart='True')
        self.stop()
        with self._lock:
            if not persistent_members:
                self.members.clear()
            self.entries.clear()
            self.channels.clear()
            self.parked.clear()
        if down:
            time.sleep(down)
        self.start()

    def fail_next(self, action, message):
        self.failures.setdefault(action, []).append(message)

    def received(self, name=None):
        """The actions received (without Login/Logoff), optionally of one name."""
        return [
            action
            for action in self.actions
            if action.get('Action') not in ('Login', 'Logoff')
            and (name is None or action.get('Action') == name)
        ]

    def member(self, queue, interface):
        return self.members.get((queue.lower(), interface.lower()))

    # -- state changes driven by a test (each sends the events Asterisk sends) -------

    def add_queue(self, name, strategy='ringall'):
        self.queues[name.lower()] = {
            'Queue': name,
            'Max': '0',
            'Strategy': strategy,
            'Holdtime': '0',
            'TalkTime': '0',
            'Completed': '0',
            'Abandoned': '0',
            'ServiceLevel': '0',
            'ServicelevelPerf': '0.0',
            'ServicelevelPerf2': '0.0',
            'Weight': '0',
        }

    def add_member(
        self,
        queue,
        interface,
        member_name=None,
        state_interface=None,
        penalty=0,
        paused=False,
        reason='',
        membership='dynamic',
    ):
        """A member added behind xivows's back (another tool, queues.conf)."""
        member = self._new_member(
            self.queues[queue.lower()]['Queue'],
            interface,
            member_name,
            state_interface,
            str(penalty),
            paused,
            reason,
        )
        member['Membership'] = membership
        self.members[(queue.lower(), interface.lower())] = member
        self.broadcast('QueueMemberAdded', 'agent', **member)
        return member

    def set_device(self, device, state):
        self.devices[device] = state
        self.broadcast('DeviceStateChange', 'call', Device=device, State=state)
        for member in self.members.values():
            if member['StateInterface'].lower() == device.lower():
                member['Status'] = DEVICE_CODES.get(state, '0')
                self.broadcast('QueueMemberStatus', 'agent', **member)

    def new_channel(self, name, context='default', exten='s', caller=('', ''), state='0'):
        self._uniqueid += 1
        self.processed_calls += 1
        snapshot = {
            'Channel': name,
            'ChannelState': state,
            'ChannelStateDesc': STATE_DESC.get(state, 'Down'),
            'CallerIDNum': caller[0] or '<unknown>',
            'CallerIDName': caller[1] or '<unknown>',
            'ConnectedLineNum': '<unknown>',
            'ConnectedLineName': '<unknown>',
            'Language': 'en',
            'AccountCode': '',
            'Context': context,
            'Exten': exten,
            'Priority': '1',
            'Uniqueid': f'{self._uniqueid}.{len(self.channels)}',
            'Linkedid': f'{self._uniqueid}.{len(self.channels)}',
        }
        self.channels[name] = dict(
            snapshot, Application='', ApplicationData='', BridgeId='', started=time.time()
        )
        self.broadcast('Newchannel', 'call', **snapshot)
        return snapshot

    def set_channel_state(self, name, state):
        channel = self.channels[name]
        channel['ChannelState'], channel['ChannelStateDesc'] = state, STATE_DESC.get(state, 'Down')
        self.broadcast('Newstate', 'call', **self._snapshot(channel))

    def hangup_channel(self, name, cause='16'):
        channel = self.channels.pop(name)
        self.entries = [entry for entry in self.entries if entry['Channel'] != name]
        self.parked.pop(name, None)
        self.broadcast(
            'Hangup',
            'call',
            **self._snapshot(channel),
            Cause=cause,
            **{'Cause-txt': 'Normal Clearing'},
        )

    def caller_joins(self, queue, channel):
        """A caller (an existing channel) enters `queue`."""
        waiting = [entry for entry in self.entries if entry['Queue'].lower() == queue.lower()]
        snapshot = self._snapshot(self.channels[channel])
        entry = {
            'Queue': self.queues[queue.lower()]['Queue'],
            'Position': str(len(waiting) + 1),
            'Channel': channel,
            'joined': time.time(),
            **snapshot,
        }
        self.entries.append(entry)
        self.broadcast(
            'QueueCallerJoin',
            'agent',
            **snapshot,
            Queue=entry['Queue'],
            Position=entry['Position'],
            Count=str(len(waiting) + 1),
        )

    def caller_leaves(self, channel, abandon=False):
        entry = next(entry for entry in self.entries if entry['Channel'] == channel)
        self.entries.remove(entry)
        queue = self.queues[entry['Queue'].lower()]
        snapshot = self._snapshot(self.channels[channel])
        if abandon:
            queue['Abandoned'] = str(int(queue['Abandoned']) + 1)
            self.broadcast(
                'QueueCallerAbandon',
                'agent',
                **snapshot,
                Queue=entry['Queue'],
                Position=entry['Position'],
                OriginalPosition=entry['Position'],
                HoldTime=str(int(time.time() - entry['joined'])),
            )
        count = sum(1 for other in self.entries if other['Queue'] == entry['Queue'])
        self.broadcast(
            'QueueCallerLeave',
            'agent',
            **snapshot,
            Queue=entry['Queue'],
            Position=entry['Position'],
            Count=str(count),
        )

    def add_endpoint(self, name, aor=None, auth=None):
        self.endpoints[name] = {
            'Transport': 'transport-udp',
            'Aor': aor or name,
            'Auths': auth or f'{name}-auth',
            'OutboundAuths': '',
        }

    def register_contact(self, endpoint, uri, user_agent='SIPp'):
        aor = self.endpoints[endpoint]['Aor']
        name = f'{aor};@{abs(hash(uri)):032x}'[: len(aor) + 34]
        self.contacts[name] = {
            'ObjectType': 'contact',
            'ObjectName': name,
            'ViaAddr': '127.0.0.1',
            'QualifyTimeout': '3.000000',
            'Qualify2xxOnly': 'false',
            'CallId': f'1-{name}',
            'RegServer': '',
            'PruneOnBoot': 'no',
            'Path': '',
            'Endpoint': endpoint,
            'ViaPort': '5071',
            'AuthenticateQualify': 'no',
            'Uri': uri,
            'QualifyFrequency': '0',
            'UserAgent': user_agent,
            'ExpirationTime': str(int(time.time()) + 3600),
            'OutboundProxy': '',
            'Status': 'NonQualified',
            'RoundtripUsec': 'N/A',
        }
        self.broadcast(
            'PeerStatus',
            'system',
            ChannelType='PJSIP',
            Peer=f'PJSIP/{endpoint}',
            PeerStatus='Reachable',
        )
        self.broadcast(
            'ContactStatus',
            'system',
            URI=uri,
            ContactStatus='NonQualified',
            AOR=aor,
            EndpointName=endpoint,
            RoundtripUsec='N/A',
            UserAgent=user_agent,
            RegExpire=self.contacts[name]['ExpirationTime'],
            ViaAddress='127.0.0.1:5071',
            CallID=f'1-{name}',
        )
        self.set_device(f'PJSIP/{endpoint}', 'NOT_INUSE')
        return name

    def unregister_contact(self, endpoint):
        for name, contact in list(self.contacts.items()):
            if contact['Endpoint'] == endpoint:
                del self.contacts[name]
                self.broadcast(
                    'PeerStatus',
                    'system',
                    ChannelType='PJSIP',
                    Peer=f'PJSIP/{endpoint}',
                    PeerStatus='Unreachable',
                )
                self.broadcast(
                    'ContactStatus',
                    'system',
                    URI=contact['Uri'],
                    ContactStatus='Removed',
                    AOR=self.endpoints[endpoint]['Aor'],
                    EndpointName=endpoint,
                    RoundtripUsec='0',
                )
        self.set_device(f'PJSIP/{endpoint}', 'UNAVAILABLE')

    def add_registration(self, name, client_uri, server_uri, status='Registered'):
        self.registrations[name] = {
            'ClientUri': client_uri,
            'ServerUri': server_uri,
            'Status': status,
        }

    def set_registration(self, name, status):
        registration = self.registrations[name]
        registration['Status'] = status
        self.broadcast(
            'Registry',
            'system',
            ChannelType='PJSIP',
            Username=registration['ClientUri'],
            Domain=registration['ServerUri'],
            Status=status,
        )

    def park(self, channel, space='701', lot='default', timeout=300):
        snapshot = self._snapshot(self.channels[channel])
        parked = {
            ('Parkee' + key): value
            for key, value in [('Channel', channel)] + [(key, snapshot[key]) for key in SNAPSHOT]
        }
        parked.update(
            {
                'ParkerDialString': channel.split('-')[0],
                'Parkinglot': lot,
                'ParkingSpace': space,
                'ParkingTimeout': str(timeout),
                'ParkingDuration': '0',
                'parked': time.time(),
            }
        )
        self.parked[channel] = parked
        self.broadcast('ParkedCall', 'call', **self._parked_view(parked))

    def unpark(self, channel, event='ParkedCallGiveUp'):
        parked = self.parked.pop(channel)
        self.broadcast(event, 'call', **self._parked_view(parked))

    def broadcast(self, event, privilege, **headers):
        """An unsolicited event to every logged session with events on."""
        block = {'Event': event, 'Privilege': f'{privilege},all'}
        block.update(headers)
        with self._lock:
            sessions = [session for session in self._sessions if session.logged and session.events]
        for session in sessions:
            try:
                session.send(block)
            except OSError:
                pass

    # -- protocol -------------------------------------------------------------------

    def _accept(self, server):
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            self.connects += 1
            session = _Session(connection)
            with self._lock:
                self._sessions.append(session)
            threading.Thread(
                target=self._serve, args=(session,), daemon=True, name='fake-ami-session'
            ).start()

    def _serve(self, session):
        try:
            if self.hang_connect:
                while session.connection.recv(4096):
                    pass  # accepted, never a banner
                return
            with session.lock:
                session.stream.write(BANNER.encode())
            block = {}
            for raw in session.stream:
                line = raw.decode('utf-8', 'replace').rstrip('\r\n')
                if line:
                    key, _, value = line.partition(':')
                    block.setdefault(key.strip(), value.strip())
                    continue
                if not block:
                    continue
                action, block = block, {}
                self.actions.append(action)
                if not self._answer(session, action):
                    break
        except (OSError, ValueError):
            pass
        finally:
            with self._lock:
                if session in self._sessions:
                    self._sessions.remove(session)
            session.close()

    @staticmethod
    def _reply(session, action, response, message=None, **extra):
        block = {'Response': response}
        if 'ActionID' in action:
            block['ActionID'] = action['ActionID']
        if message is not None:
            block['Message'] = message
        block.update(extra)
        session.send(block)

    def _answer(self, session, action):
        """Answer one action; False to close the connection."""
        name = action.get('Action')
        if name is not None and name in self.hang:
            return True
        if self.delay:
            time.sleep(self.delay)
        if name is None:
            self._reply(session, action, 'Error', 'Missing action in request')
            return True
        if name.lower() == 'login':
            if (
                self.refuse_login
                or action.get('Username') != self.username
                or action.get('Secret') != self.secret
            ):
                time.sleep(self.login_failure_delay)
                self._reply(session, action, 'Error', 'Authentication failed')
                return False
            self.logins += 1
            session.logged = True
            session.events = action.get('Events', 'on').lower() != 'off'
            self._reply(session, action, 'Success', 'Authentication accepted')
            if session.events:
                session.send(
                    {
                        'Event': 'FullyBooted',
                        'Privilege': 'system,all',
                        'Uptime': '3',
                        'LastReload': '3',
                        'Status': 'Fully Booted',
                    },
                    {
                        'Event': 'SuccessfulAuth',
                        'Privilege': 'security,all',
                        'Severity': 'Informational',
                        'Service': 'AMI',
                        'EventVersion': '1',
                        'AccountID': self.username,
                    },
                )
            return True
        if not session.logged:
            self._reply(session, action, 'Error', 'Permission denied')
            return True
        if name.lower() == 'logoff':
            self._reply(session, action, 'Goodbye', 'Thanks for all the fish.')
            return False
        pending = self.failures.get(name)
        if pending:
            self._reply(session, action, 'Error', pending.pop(0))
            return True
        handler = getattr(self, f'_{name.lower()}', None)
        if handler is None:
            self._reply(
                session,
                action,
                'Error',
                f'Invalid/unknown command: {name}. Use Action: ListCommands to show '
                'available commands.',
            )
        else:
            with self._lock:
                handler(session, action)
        return True

    def _list(self, session, action, message, event, items, complete_event, **complete):
        """A list answer; items get the ActionID second (`first`) or last."""
        action_id = action.get('ActionID')
        self._reply(session, action, 'Success', EventList='start', Message=message)
        blocks = []
        for item, last in items:
            block = {'Event': item.pop('Event', event)}
            if action_id is not None and not last:
                block['ActionID'] = action_id
            block.update(item)
            if action_id is not None and last:
                block['ActionID'] = action_id
            blocks.append(block)
        end = {'Event': complete_event}
        if action_id is not None:
            end['ActionID'] = action_id
        end.update(
            {'EventList': 'Complete', 'ListItems': str(complete.pop('list_items', len(blocks)))}
        )
        end.update(complete)
        session.send(*blocks, end)

    def _ping(self, session, action):
        self._reply(session, action, 'Success', Ping='Pong', Timestamp=f'{time.time():.6f}')

    # -- queues ---------------------------------------------------------------------

    def _device_code(self, state_interface):
        state = self.devices.get(state_interface)
        if state is None:
            technology = state_interface.split('/', 1)[0].lower()
            if technology == 'pjsip':
                endpoint = state_interface.split('/', 1)[1]
                registered = any(
                    contact['Endpoint'] == endpoint for contact in self.contacts.values()
                )
                state = 'NOT_INUSE' if registered else 'UNAVAILABLE'
            elif technology in ('sip', 'sccp', 'iax2'):
                state = 'INVALID'  # no such channel driver in this Asterisk
            elif technology == 'local':
                state = 'NOT_INUSE'
            else:
                state = 'UNKNOWN'
        return DEVICE_CODES.get(state, '0')

    def _new_member(
        self,
        queue,
        interface,
        member_name,
        state_interface,
        penalty,
        paused,
        reason,
        wrapuptime='0',
    ):
        state_interface = state_interface or interface
        return {
            'Queue': queue,
            'MemberName': member_name or interface,
            'Interface': interface,
            'StateInterface': state_interface,
            'Membership': 'dynamic',
            'Penalty': penalty if penalty.isdigit() else '0',
            'CallsTaken': '0',
            'LastCall': '0',
            'LastPause': str(int(time.time())) if paused else '0',
            'LoginTime': str(int(time.time())),
            'InCall': '0',
            'Status': self._device_code(state_interface),
            'Paused': '1' if paused else '0',
            'PausedReason': reason if paused else '',
            'Ringinuse': '0',
            'Wrapuptime': wrapuptime if wrapuptime.isdigit() else '0',
        }

    def _queueadd(self, session, action):
        interface = action.get('Interface')
        if not interface:
            self._reply(session, action, 'Error', "'Interface' not specified.")
            return
        queue = self.queues.get(action.get('Queue', '').lower())
        if queue is None:
            self._reply(
                session, action, 'Error', 'Unable to add interface to queue: No such queue'
            )
            return
        key = (queue['Queue'].lower(), interface.lower())
        if key in self.members:
            self._reply(session, action, 'Error', 'Unable to add interface: Already there')
            return
        paused = action.get('Paused', '').lower() in TRUE
        member = self._new_member(
            queue['Queue'],
            interface,
            action.get('MemberName'),
            action.get('StateInterface'),
            action.get('Penalty', '0'),
            paused,
            action.get('Reason', ''),
            action.get('Wrapuptime', '0'),
        )
        self.members[key] = member
        self._reply(session, action, 'Success', 'Added interface to queue')
        self.broadcast('QueueMemberAdded', 'agent', **member)

    def _queueremove(self, session, action):
        queue = self.queues.get(action.get('Queue', '').lower())
        if queue is None:
            self._reply(
                session, action, 'Error', 'Unable to remove interface from queue: No such queue'
            )
            return
        key = (queue['Queue'].lower(), action.get('Interface', '').lower())
        member = self.members.get(key)
        if member is None:
            self._reply(session, action, 'Error', 'Unable to remove interface: Not there')
            return
        if member['Membership'] != 'dynamic':
            self._reply(session, action, 'Error', 'Member not dynamic')
            return
        del self.members[key]
        self._reply(session, action, 'Success', 'Removed interface from queue')
        self.broadcast('QueueMemberRemoved', 'agent', **member)

    def _queuepause(self, session, action):
        interface, paused = action.get('Interface'), action.get('Paused')
        if not interface or paused is None:
            self._reply(session, action, 'Error', "Need 'Interface' and 'Paused' parameters.")
            return
        queue = action.get('Queue', '').lower()
        found = [
            member
            for key, member in self.members.items()
            if key[1] == interface.lower() and (not queue or key[0] == queue)
        ]
        if not found:
            self._reply(session, action, 'Error', 'Interface not found')
            return
        paused = paused.lower() in TRUE
        for member in found:
            member['Paused'] = '1' if paused else '0'
            member['PausedReason'] = action.get('Reason', '') if paused else ''
            member['LastPause'] = str(int(time.time()))
        self._reply(
            session,
            action,
            'Success',
            f'Interface {"paused" if paused else "unpaused"} successfully',
        )
        for member in found:
            self.broadcast('QueueMemberPause', 'agent', **member)

    def _queuepenalty(self, session, action):
        queue = action.get('Queue', '').lower()
        penalty = action.get('Penalty', '')
        found = [
            member
            for key, member in self.members.items()
            if key[1] == action.get('Interface', '').lower() and (not queue or key[0] == queue)
        ]
        if not found or not penalty.isdigit():
            self._reply(session, action, 'Error', 'Invalid interface, queuename or penalty')
            return
        for member in found:
            member['Penalty'] = penalty
        self._reply(session, action, 'Success', 'Interface penalty set successfully')
        for member in found:
            self.broadcast(
                'QueueMemberPenalty',
                'agent',
                Queue=member['Queue'],
                MemberName=member['MemberName'],
                Interface=member['Interface'],
                Penalty=penalty,
            )

    def _queuestatus(self, session, action):
        queue_filter = action.get('Queue', '').lower()
        member_filter = action.get('Member', '').lower()
        items = []
        for lower, params in sorted(self.queues.items()):
            if queue_filter and lower != queue_filter:
                continue
            waiting = [entry for entry in self.entries if entry['Queue'].lower() == lower]
            items.append((dict(params, Event='QueueParams', Calls=str(len(waiting))), True))
            for (queue, interface), member in sorted(self.members.items()):
                if queue != lower or (member_filter and interface != member_filter):
                    continue
                items.append(
                    (
                        {
                            'Event': 'QueueMember',
                            'Queue': member['Queue'],
                            'Name': member['MemberName'],
                            'Location': member['Interface'],
                            'StateInterface': member['StateInterface'],
                            'Membership': member['Membership'],
                            'Penalty': member['Penalty'],
                            'CallsTaken': member['CallsTaken'],
                            'LastCall': member['LastCall'],
                            'LastPause': member['LastPause'],
                            'LoginTime': member['LoginTime'],
                            'InCall': member['InCall'],
                            'Status': member['Status'],
                            'Paused': member['Paused'],
                            'PausedReason': member['PausedReason'],
                            'Wrapuptime': member['Wrapuptime'],
                        },
                        True,
                    )
                )
            for entry in waiting:
                items.append(
                    (
                        {
                            'Event': 'QueueEntry',
                            'Queue': entry['Queue'],
                            'Position': entry['Position'],
                            'Channel': entry['Channel'],
                            'Uniqueid': entry['Uniqueid'],
                            'CallerIDNum': entry['CallerIDNum'],
                            'CallerIDName': entry['CallerIDName'],
                            'ConnectedLineNum': entry['ConnectedLineNum'],
                            'ConnectedLineName': entry['ConnectedLineName'],
                            'Wait': str(int(time.time() - entry['joined'])),
                            'Priority': '0',
                        },
                        True,
                    )
                )
        self._list(session, action, 'Queue status will follow', None, items, 'QueueStatusComplete')

    # -- channels, devices ----------------------------------------------------------

    @staticmethod
    def _snapshot(channel):
        return {'Channel': channel['Channel'], **{key: channel[key] for key in SNAPSHOT}}

    def _coreshowchannels(self, session, action):
        items = []
        for channel in self.channels.values():
            seconds = int(time.time() - channel['started'])
            items.append(
                (
                    {
                        **self._snapshot(channel),
                        'Application': channel['Application'],
                        'ApplicationData': channel['ApplicationData'],
                        'Duration': f'{seconds // 3600:02d}:{seconds // 60 % 60:02d}:'
                        f'{seconds % 60:02d}',
                        'BridgeId': channel['BridgeId'],
                    },
                    False,
                )
            )
        self._list(
            session,
            action,
            'Channels will follow',
            'CoreShowChannel',
            items,
            'CoreShowChannelsComplete',
        )

    def _status(self, session, action):
        name = action.get('Channel')
        if name and name not in self.channels:
            self._reply(session, action, 'Error', 'No such channel')
            return
        items = []
        for channel in self.channels.values():
            if name and channel['Channel'] != name:
                continue
            items.append(
                (
                    {
                        'Privilege': 'Call',
                        **self._snapshot(channel),
                        'Type': channel['Channel'].split('/')[0],
                        'DNID': '',
                        'EffectiveConnectedLineNum': channel['ConnectedLineNum'],
                        'EffectiveConnectedLineName': channel['ConnectedLineName'],
                        'TimeToHangup': '0',
                        'BridgeID': channel['BridgeId'],
                        'Application': channel['Application'],
                        'Data': channel['ApplicationData'],
                        'Seconds': str(int(time.time() - channel['started'])),
                    },
                    True,
                )
            )
        self._list(
            session,
            action,
            'Channel status will follow',
            'Status',
            items,
            'StatusComplete',
            Items=str(len(items)),
        )

    def _hangup(self, session, action):
        name = action.get('Channel')
        if not name:
            self._reply(session, action, 'Error', 'No channel specified')
            return
        if name not in self.channels:
            self._reply(session, action, 'Error', 'No such channel')
            return
        self._reply(session, action, 'Success', 'Channel Hungup')
        self.hangup_channel(name, cause=action.get('Cause', '16'))

    def _devicestatelist(self, session, action):
        items = [
            ({'Device': device, 'State': state}, False) for device, state in self.devices.items()
        ]
        self._list(
            session,
            action,
            'Device State Changes will follow',
            'DeviceStateChange',
            items,
            'DeviceStateListComplete',
        )

    # -- PJSIP ------------------------------------------------------------------------

    def _pjsipshowendpoints(self, session, action):
        items = []
        for name, endpoint in sorted(self.endpoints.items()):
            contacts = ''.join(
                f'{contact["ObjectName"].split(";@")[0]}/{contact["Uri"]},'
                for contact in self.contacts.values()
                if contact['Endpoint'] == name
            )
            state = self.devices.get(f'PJSIP/{name}', 'NOT_INUSE' if contacts else 'UNAVAILABLE')
            active = sum(1 for channel in self.channels if channel.startswith(f'PJSIP/{name}-'))
            items.append(
                (
                    {
                        'ObjectType': 'endpoint',
                        'ObjectName': name,
                        **endpoint,
                        'Contacts': contacts,
                        'DeviceState': DEVICE_TEXT.get(state, state),
                        'ActiveChannels': str(active),
                    },
                    False,
                )
            )
        self._list(
            session,
            action,
            'A listing of Endpoints follows, presented as EndpointList events',
            'EndpointList',
            items,
            'EndpointListComplete',
        )

    def _pjsipshowcontacts(self, session, action):
        items = [(dict(contact), False) for contact in self.contacts.values()]
        self._list(
            session,
            action,
            'A listing of Contacts follows, presented as ContactList events',
            'ContactList',
            items,
            'ContactListComplete',
        )

    def _pjsipshowaors(self, session, action):
        items = []
        for name, endpoint in sorted(self.endpoints.items()):
            contacts = ','.join(
                f'{endpoint["Aor"]}/{contact["Uri"]}'
                for contact in self.contacts.values()
                if contact['Endpoint'] == name
            )
            items.append(
                (
                    {
                        'ObjectType': 'aor',
                        'ObjectName': endpoint['Aor'],
                        'MinimumExpiration': '60',
                        'DefaultExpiration': '3600',
                        'QualifyTimeout': '3.000000',
                        'Qualify2xxOnly': 'false',
                        'Mailboxes': '',
                        'SupportPath': 'false',
                        'RemoveUnavailable': 'false',
                        'VoicemailExtension': '',
                        'MaxContacts': '1',
                        'AuthenticateQualify': 'false',
                        'Contacts': contacts,
                        'MaximumExpiration': '7200',
                        'QualifyFrequency': '0',
                        'RemoveExisting': 'true',
                        'OutboundProxy': '',
                    },
                    False,
                )
            )
        self._list(
            session,
            action,
            'A listing of AORs follows, presented as AorList events',
            'AorList',
            items,
            'AorListComplete',
        )

    def _pjsipshowauths(self, session, action):
        items = [
            (
                {
                    'ObjectType': 'auth',
                    'ObjectName': endpoint['Auths'],
                    'OauthSecret': '',
                    'PasswordDigest': '',
                    'SupportedAlgorithmsUas': 'MD5',
                    'RefreshToken': '',
                    'Username': name,
                    'Md5Cred': '',
                    'Realm': '',
                    'AuthType': 'userpass',
                    'Password': f'{name}pw',
                    'SupportedAlgorithmsUac': 'MD5',
                    'NonceLifetime': '32',
                    'OauthClientid': '',
                },
                False,
            )
            for name, endpoint in sorted(self.endpoints.items())
        ]
        self._list(
            session,
            action,
            'A listing of Auths follows, presented as AuthList events',
            'AuthList',
            items,
            'AuthListComplete',
        )

    def _pjsipshowregistrationsoutbound(self, session, action):
        items = []
        for name, registration in sorted(self.registrations.items()):
            items.append(
                (
                    {
                        'ObjectType': 'registration',
                        'ObjectName': name,
                        'MaxRetries': '10',
                        'ClientUri': registration['ClientUri'],
                        'SecurityNegotiation': 'no',
                        'AuthRejectionPermanent': 'true',
                        'ServerUri': registration['ServerUri'],
                        'MaxRandomInitialDelay': '10',
                        'Expiration': '3600',
                        'OutboundAuth': f'{name}-auth',
                        'Status': registration['Status'],
                        'NextReg': '0',
                    },
                    False,
                )
            )
            items.append(
                (
                    {
                        'Event': 'AuthDetail',
                        'ObjectType': 'auth',
                        'ObjectName': f'{name}-auth',
                        'Username': name,
                        'Password': f'{name}pw',
                    },
                    False,
                )
            )
        registered = sum(
            1
            for registration in self.registrations.values()
            if registration['Status'] == 'Registered'
        )
        self._list(
            session,
            action,
            'Following are Events for each Outbound registration',
            'OutboundRegistrationDetail',
            items,
            'OutboundRegistrationDetailComplete',
            list_items=len(self.registrations),
            Registered=str(registered),
            NotRegistered=str(len(self.registrations) - registered),
        )

    # -- parking ----------------------------------------------------------------------

    @staticmethod
    def _parked_view(parked):
        view = {key: value for key, value in parked.items() if key != 'parked'}
        elapsed = int(time.time() - parked['parked'])
        view['ParkingDuration'] = str(elapsed)
        view['ParkingTimeout'] = str(max(int(parked['ParkingTimeout']) - elapsed, 0))
        return view

    def _parkedcalls(self, session, action):
        lot = action.get('ParkingLot')
        if lot and lot != 'default':
            self._reply(session, action, 'Error', 'Requested parking lot could not be found.')
            return
        items = [(self._parked_view(parked), True) for parked in self.parked.values()]
        self._list(
            session,
            action,
            'Parked calls will follow',
            'ParkedCall',
            items,
            'ParkedCallsComplete',
            Total=str(len(items)),
        )

    # -- modules ------------------------------------------------------------------------

    def _moduleload(self, session, action):
        load_type, module = action.get('LoadType', '').lower(), action.get('Module')
        if load_type == 'reload' and not module:
            self._reply(session, action, 'Success', 'All modules reloaded')
            return
        if module not in MODULES:
            self._reply(session, action, 'Error', 'Module not found.')
            return
        message = {
            'reload': 'Module reloaded.',
            'load': 'Module loaded.',
            'unload': 'Module unloaded.',
        }.get(load_type)
        if message is None:
            self._reply(session, action, 'Error', 'Incomplete ModuleLoad action.')
            return
        if load_type == 'unload':
            self.loaded.discard(module)
        elif load_type == 'load':
            self.loaded.add(module)
        else:
            self.reloaded = time.time()
        self._reply(session, action, 'Success', message)
        if load_type == 'reload':
            self.broadcast('Reload', 'system', Module=module[:-3], Status='0')

    # -- core ---------------------------------------------------------------------------

    def _coresettings(self, session, action):
        self._reply(
            session,
            action,
            'Success',
            AMIversion='10.0.0',
            AsteriskVersion='21.12.3',
            SystemName='',
            CoreMaxCalls='0',
            CoreMaxLoadAvg='0.000000',
            CoreRunUser='root',
            CoreRunGroup='root',
            CoreMaxFilehandles='0',
            CoreRealTimeEnabled='No',
            CoreCDRenabled='Yes',
            CoreHTTPenabled='No',
            SoundsSearchCustomDir='No',
        )

    def _corestatus(self, session, action):
        def stamp(epoch):
            return time.strftime('%Y-%m-%d', time.localtime(epoch)), time.strftime(
                '%H:%M:%S', time.localtime(epoch)
            )

        (start_date, start_time), (reload_date, reload_time) = (
            stamp(self.started),
            stamp(self.reloaded),
        )
        # Asterisk counts calls, not channels: a Local channel's two halves are one call.
        calls = len({name.split(';')[0] for name in self.channels})
        self._reply(
            session,
            action,
            'Success',
            CoreStartupDate=start_date,
            CoreStartupTime=start_time,
            CoreReloadDate=reload_date,
            CoreReloadTime=reload_time,
            CoreCurrentCalls=str(calls),
            CoreProcessedCalls=str(self.processed_calls),
        )

    def _command(self, session, action):
        """The CLI commands xivows sends: `module show` (Asterisk 21 format)."""
        if action.get('Command', '').strip() != 'module show':
            self._reply(
                session,
                action,
                'Error',
                'Command output follows',
                Output=f"No such command '{action.get('Command', '')}'",
            )
            return
        lines = [
            '%-30s %-40.40s %-10s %-11s %13s'
            % ('Module', 'Description', 'Use Count', 'Status', 'Support Level')
        ]
        for name in sorted(self.loaded):
            description, support = MODULE_INFO.get(name, ('', 'unknown'))
            lines.append(
                '%-30s %-40.40s %-10d %-11s %13s' % (name, description, 0, 'Running', support)
            )
        lines.append(f'{len(self.loaded)} modules loaded')
        block = {'Response': 'Success'}
        if 'ActionID' in action:
            block['ActionID'] = action['ActionID']
        block['Message'] = 'Command output follows'
        text = ''.join(f'{key}: {value}\r\n' for key, value in block.items())
        text += ''.join(f'Output: {line}\r\n' for line in lines) + '\r\n'
        with session.lock:
            session.stream.write(text.encode())

    def _parkinglots(self, session, action):
        items = [({'Name': name, **lot}, False) for name, lot in sorted(self.parking_lots.items())]
        self._list(
            session, action, 'Parking lots will follow', 'Parkinglot', items, 'ParkinglotsComplete'
        )

    # -- AstDB ------------------------------------------------------------------------

    def _dbput(self, session, action):
        family, key = action.get('Family'), action.get('Key')
        if not family:
            self._reply(session, action, 'Error', 'No family specified')
            return
        if not key:
            self._reply(session, action, 'Error', 'No key specified')
            return
        self.astdb[(family, key)] = action.get('Val', '')
        self._reply(session, action, 'Success', 'Updated database successfully')

    def _dbget(self, session, action):
        value = self.astdb.get((action.get('Family'), action.get('Key')))
        if value is None:
            self._reply(session, action, 'Error', 'Database entry not found')
            return
        self._list(
            session,
            action,
            'Result will follow',
            'DBGetResponse',
            [({'Family': action['Family'], 'Key': action['Key'], 'Val': value}, False)],
            'DBGetComplete',
        )

    def _dbdel(self, session, action):
        if self.astdb.pop((action.get('Family'), action.get('Key')), None) is None:
            self._reply(session, action, 'Error', 'Database entry not found')
            return
        self._reply(session, action, 'Success', 'Key deleted successfully')

    def _dbgettree(self, session, action):
        family = action.get('Family', '')
        items = [
            ({'Family': entry_family, 'Key': key, 'Val': value}, False)
            for (entry_family, key), value in sorted(self.astdb.items())
            if not family or entry_family == family or entry_family.startswith(family + '/')
        ]
        self._list(
            session, action, 'Result will follow', 'DBGetTreeResponse', items, 'DBGetTreeComplete'
        )
