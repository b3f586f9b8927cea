"""A programmable Asterisk Manager Interface peer on a local socket.

It speaks the real line protocol (banner, `Key: Value` blocks ending with an
empty line, ActionID echoed, Response: Success|Error with Asterisk's messages,
events) for Login, Logoff, Ping and the queue actions, keeps queues and
members in memory, records every action it receives, and can be told to fail
an action, hang (never answer), refuse logins or stop (AMI down)."""
import socket
import threading

BANNER = 'Asterisk Call Manager/10.0.0\r\n'
TRUE = ('yes', 'true', '1')


class FakeAmi:
    def __init__(self, username='xivows', secret='ami-secret', queues=('support',)):
        self.username, self.secret = username, secret
        self.queues = {name.lower(): name for name in queues}
        self.members = {}  # (queue lower, interface lower) -> member dict
        self.actions = []  # every action received, headers as a dict
        self.failures = {}  # action name -> [messages] (answered as errors, in turn)
        self.hang = set()  # action names never answered
        self.refuse_login = False
        self.logins = 0
        self._server = None
        self._port = None
        self._threads = []
        self._connections = []
        self._lock = threading.Lock()

    # -- control ------------------------------------------------------------------

    @property
    def port(self):
        return self._port

    def start(self):
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(('127.0.0.1', self._port or 0))
        server.listen(8)
        self._port = server.getsockname()[1]
        self._server = server
        thread = threading.Thread(target=self._accept, args=(server,), daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def stop(self):
        """Close the listening socket and every connection (AMI down)."""
        server, self._server = self._server, None
        if server is not None:
            try:
                server.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
            except OSError:
                pass
            server.close()
        with self._lock:
            connections, self._connections = self._connections, []
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            connection.close()

    def fail_next(self, action, message):
        self.failures.setdefault(action, []).append(message)

    def received(self, name=None):
        """The actions received (without Login/Logoff), optionally of one name."""
        return [action for action in self.actions
                if action['Action'] not in ('Login', 'Logoff')
                and (name is None or action['Action'] == name)]

    # -- protocol -------------------------------------------------------------------

    def _accept(self, server):
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            with self._lock:
                self._connections.append(connection)
            thread = threading.Thread(target=self._serve, args=(connection,), daemon=True)
            thread.start()

    def _serve(self, connection):
        stream = connection.makefile('rwb', buffering=0)
        try:
            stream.write(BANNER.encode())
            logged = False
            block = {}
            for raw in stream:
                line = raw.decode('utf-8', 'replace').rstrip('\r\n')
                if line:
                    key, _, value = line.partition(':')
                    block[key.strip()] = value.strip()
                    continue
                if not block:
                    continue
                action, block = block, {}
                self.actions.append(action)
                logged = self._answer(stream, action, logged)
                if logged is None:
                    break
        except (OSError, ValueError):
            pass
        finally:
            try:
                connection.close()
            except OSError:
                pass

    @staticmethod
    def _send(stream, *blocks):
        text = ''.join(''.join(f'{key}: {value}\r\n' for key, value in block.items()) + '\r\n'
                       for block in blocks)
        stream.write(text.encode())

    def _reply(self, stream, action, response, message, **extra):
        block = {'Response': response}
        if 'ActionID' in action:
            block['ActionID'] = action['ActionID']
        block['Message'] = message
        block.update(extra)
        self._send(stream, block)

    def _answer(self, stream, action, logged):
        name = action.get('Action', '')
        if name in self.hang:
            return logged
        if name == 'Login':
            if self.refuse_login or action.get('Username') != self.username \
                    or action.get('Secret') != self.secret:
                self._reply(stream, action, 'Error', 'Authentication failed')
                return None
            self.logins += 1
            self._reply(stream, action, 'Success', 'Authentication accepted')
            self._send(stream, {'Event': 'FullyBooted', 'Status': 'Fully Booted'},
                       {'Event': 'SuccessfulAuth', 'Service': 'AMI'})
            return True
        if not logged:
            self._reply(stream, action, 'Error', 'Permission denied')
            return logged
        if name == 'Logoff':
            self._reply(stream, action, 'Goodbye', 'Thanks for all the fish.')
            return None
        pending = self.failures.get(name)
        if pending:
            self._reply(stream, action, 'Error', pending.pop(0))
            return logged
        handler = getattr(self, f'_{name.lower()}', None)
        if handler is None:
            self._reply(stream, action, 'Error', 'Invalid/unknown command')
        else:
            handler(stream, action)
        return logged

    def _ping(self, stream, action):
        self._reply(stream, action, 'Success', '', Ping='Pong')

    def _member_event(self, event, queue, member):
        return {'Event': event, 'Queue': queue, 'MemberName': member['name'],
                'Interface': member['interface'], 'StateInterface': member['state'],
                'Membership': 'dynamic', 'Penalty': member['penalty'],
                'Paused': '1' if member['paused'] else '0'}

    def _queueadd(self, stream, action):
        interface = action.get('Interface')
        if not interface:
            self._reply(stream, action, 'Error', "'Interface' not specified.")
            return
        queue = self.queues.get(action.get('Queue', '').lower())
        if queue is None:
            self._reply(stream, action, 'Error', 'Unable to add interface to queue: No such queue')
            return
        key = (queue.lower(), interface.lower())
        if key in self.members:
            self._reply(stream, action, 'Error', 'Unable to add interface: Already there')
            return
        penalty = action.get('Penalty', '0')
        member = {'interface': interface, 'name': action.get('MemberName') or interface,
                  'state': action.get('StateInterface') or interface,
                  'penalty': penalty if penalty.isdigit() else '0',
                  'paused': action.get('Paused', '').lower() in TRUE}
        self.members[key] = member
        self._reply(stream, action, 'Success', 'Added interface to queue')
        self._send(stream, self._member_event('QueueMemberAdded', queue, member))

    def _queueremove(self, stream, action):
        queue = self.queues.get(action.get('Queue', '').lower())
        if queue is None:
            self._reply(stream, action, 'Error',
                        'Unable to remove interface from queue: No such queue')
            return
        member = self.members.pop((queue.lower(), action.get('Interface', '').lower()), None)
        if member is None:
            self._reply(stream, action, 'Error', 'Unable to remove interface: Not there')
            return
        self._reply(stream, action, 'Success', 'Removed interface from queue')
        self._send(stream, self._member_event('QueueMemberRemoved', queue, member))

    def _queuepause(self, stream, action):
        interface, paused = action.get('Interface'), action.get('Paused')
        if not interface or paused is None:
            self._reply(stream, action, 'Error', "Need 'Interface' and 'Paused' parameters.")
            return
        queue = action.get('Queue', '').lower()
        found = [(key, member) for key, member in self.members.items()
                 if key[1] == interface.lower() and (not queue or key[0] == queue)]
        if not found:
            self._reply(stream, action, 'Error', 'Interface not found')
            return
        for _, member in found:
            member['paused'] = paused.lower() in TRUE
        state = 'paused' if paused.lower() in TRUE else 'unpaused'
        self._reply(stream, action, 'Success', f'Interface {state} successfully')
        for key, member in found:
            self._send(stream, self._member_event('QueueMemberPause', self.queues[key[0]], member))

    def _queuestatus(self, stream, action):
        queue_filter = action.get('Queue', '').lower()
        action_id = {'ActionID': action['ActionID']} if 'ActionID' in action else {}
        self._reply(stream, action, 'Success', 'Queue status will follow', EventList='start')
        items = 0
        blocks = []
        for lower, name in sorted(self.queues.items()):
            if queue_filter and lower != queue_filter:
                continue
            blocks.append({'Event': 'QueueParams', 'Queue': name, 'Max': '0',
                           'Strategy': 'ringall', 'Calls': '0', **action_id})
            items += 1
            for (queue, _), member in sorted(self.members.items()):
                if queue == lower:
                    blocks.append({'Event': 'QueueMember', 'Queue': name,
                                   'Name': member['name'], 'Location': member['interface'],
                                   'StateInterface': member['state'], 'Membership': 'dynamic',
                                   'Penalty': member['penalty'],
                                   'Paused': '1' if member['paused'] else '0', **action_id})
                    items += 1
        blocks.append({'Event': 'QueueStatusComplete', 'EventList': 'Complete',
                       'ListItems': str(items), **action_id})
        self._send(stream, *blocks)
