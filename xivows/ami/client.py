"""An adapter around pyst2's Manager (Asterisk Manager Interface).

pyst2 0.5.1 waits for replies without a timeout, matches replies to actions
in arrival order and starts threads (at connect) that do not survive a fork.
So the adapter connects lazily in the process that uses it, sends one action at
a time (a lock), bounds every exchange with a timeout, and drops the connection
after any failure (a late reply would be matched to the wrong action): the next
action reconnects."""
import logging
import os
import socket
import threading

from asterisk import manager as pyst

logger = logging.getLogger(__name__)


class AmiError(Exception):
    """Asterisk refused an action, or could not be reached in time."""


def _bounded(function, timeout, *args):
    """Run `function(*args)` in a thread; AmiError when it has not returned in time."""
    outcome = {}

    def target():
        try:
            outcome['value'] = function(*args)
        except BaseException as exc:  # handed to the caller below
            outcome['error'] = exc
    worker = threading.Thread(target=target, daemon=True, name='ami-exchange')
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise AmiError(f'no answer from the AMI within {timeout:g} s')
    if 'error' in outcome:
        raise outcome['error']
    return outcome['value']


def _parse_blocks(data):
    """The raw text after a list response: one dict per `Key: Value` block."""
    blocks = []
    for chunk in data.replace('\r\n', '\n').split('\n\n'):
        headers = {}
        for line in chunk.split('\n'):
            key, sep, value = line.partition(':')
            if sep:
                headers[key.strip()] = value.strip()
        if headers:
            blocks.append(headers)
    return blocks


class AmiClient:
    def __init__(self, host, port=5038, username='', secret='', timeout=5.0):
        self.host, self.port = host, int(port)
        self.username, self.secret = username, secret
        self.timeout = float(timeout)
        self._lock = threading.Lock()
        self._manager = None
        self._pid = None

    # -- connection ----------------------------------------------------------------

    def _drop(self):
        """Forget the connection; wake pyst2's threads by shutting its socket."""
        manager, self._manager = self._manager, None
        if manager is None or self._pid != os.getpid():
            return  # another process's threads: nothing of ours to stop
        # Not connected any more: pyst2's close() (also run by its __del__)
        # would otherwise send a Logoff and wait for its answer forever.
        manager._connected.clear()
        try:
            raw = getattr(manager._sock, '_sock', None)
            if raw is not None:
                raw.shutdown(socket.SHUT_RDWR)
        except (OSError, AttributeError):
            pass

    def _reachable(self):
        # pyst2 leaks its socket when the connection is refused and has no
        # connect timeout: probe first, so that a down AMI costs it nothing.
        try:
            socket.create_connection((self.host, self.port), timeout=self.timeout).close()
        except OSError as exc:
            raise AmiError(f'AMI unreachable at {self.host}:{self.port}: {exc}') from None

    def _connect(self):
        self._reachable()
        manager = pyst.Manager()
        try:
            _bounded(manager.connect, self.timeout, self.host, self.port)
            self._manager, self._pid = manager, os.getpid()
            _bounded(manager.login, self.timeout, self.username, self.secret)
        except pyst.ManagerAuthException as exc:
            self._drop()
            raise AmiError(f'AMI login refused: {exc}') from None
        except (pyst.ManagerException, OSError, ValueError, AmiError) as exc:
            self._manager = manager
            self._pid = os.getpid()
            self._drop()
            raise AmiError(f'AMI unreachable at {self.host}:{self.port}: {exc}') from None
        return manager

    def _manager_for_this_process(self):
        if self._manager is not None and (self._pid != os.getpid()
                                          or not self._manager.connected()):
            self._drop()
        return self._manager or self._connect()

    # -- actions -------------------------------------------------------------------

    def action(self, name, **headers):
        """Send one action; its response (pyst2 ManagerMsg), or AmiError."""
        command = {'Action': name}
        command.update({key: str(value) for key, value in headers.items() if value is not None})
        with self._lock:
            manager = self._manager_for_this_process()
            try:
                # a new dict every time: pyst2's default argument is shared
                response = _bounded(manager.send_action, self.timeout, dict(command))
            except (pyst.ManagerException, OSError, ValueError, AmiError) as exc:
                # ValueError: pyst2 writes to a socket file its reader closed
                self._drop()
                raise AmiError(f'{name}: {exc}') from None
        if response.get_header('Response') == 'Error':
            raise AmiError(response.get_header('Message') or f'{name} failed')
        return response

    def queue_add(self, queue, interface, penalty=0, member_name=None, state_interface=None,
                  paused=False):
        self.action('QueueAdd', Queue=queue, Interface=interface, Penalty=int(penalty),
                    MemberName=member_name, StateInterface=state_interface,
                    Paused='true' if paused else 'false')

    def queue_remove(self, queue, interface):
        self.action('QueueRemove', Queue=queue, Interface=interface)

    def queue_pause(self, interface, paused, queue=None, reason=None):
        self.action('QueuePause', Interface=interface, Paused='true' if paused else 'false',
                    Queue=queue, Reason=reason)

    def queue_status(self, queue=None, member=None):
        """The QueueParams and QueueMember blocks Asterisk lists."""
        response = self.action('QueueStatus', Queue=queue, Member=member)
        return [block for block in _parse_blocks(response.data)
                if block.get('Event') in ('QueueParams', 'QueueMember')]

    def close(self):
        with self._lock:
            self._drop()
