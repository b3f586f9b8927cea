"""One Asterisk Manager Interface session, every exchange bounded in time.

pyst2 0.5.1 stays the protocol library: its reader thread splits the stream into
messages and its dispatch thread delivers events. Four of its habits are worked
around here (it has not changed since 2019, so the internals used below are fixed):

- `Manager.connect()` has no timeout: neither the TCP connect nor the banner read
  is bounded, and when the banner never comes the calling thread stays blocked for
  good on a queue nobody feeds (a leaked thread per attempt). We open the socket
  ourselves (`socket.create_connection` with a timeout, banner peeked with a
  timeout) and hand it to pyst2's reader (`_Manager.start_on`).
- `send_action()` waits without a timeout and matches replies in arrival order: we
  send one action at a time (a lock), wait on pyst2's reply queue with a deadline,
  and drop the connection after a missed deadline (a late reply would otherwise be
  taken for the next action's).
- List actions: pyst2 folds the items of `QueueStatus` and `Status` into the
  response text (it looks for "status will follow") and delivers the items of every
  other list as events. Both are gathered here by ActionID until `EventList:
  Complete`.
- `close()`/`__del__` log off and join without a bound: replaced by shutting the
  socket down, which ends pyst2's three threads (reader, message loop, dispatch);
  they are joined with a bound, so no thread or socket outlives a session.

Header values never contain CR or LF (they would start a new header or action)."""

import itertools
import logging
import os
import queue
import select
import socket
import threading
import time

from asterisk import manager as pyst

logger = logging.getLogger(__name__)

OUTPUT = ('Output',)  # key of a response's CLI output lines (never a header name)

BANNER_PREFIX = 'Asterisk Call Manager/'
_ids = itertools.count(1)


class AmiError(Exception):
    """Asterisk refused an action, or could not be reached in time."""


class _Manager(pyst.Manager):
    """pyst2's reader and event dispatch, on a socket opened by the adapter."""

    def start_on(self, sock, banner):
        # Buffered: iterating pyst2's unbuffered socket file costs a recv() per byte.
        self._sock = sock.makefile('rwb')
        self.title, _, self.version = banner.partition('/')
        self._connected.set()
        self._running.set()
        self.message_thread.name = 'ami-messages'
        self.event_dispatch_thread.name = 'ami-events'
        self.message_thread.start()
        self.event_dispatch_thread.start()

    def close(self):
        # pyst2's close() (also its __del__) logs off and joins without a bound;
        # the adapter stops the threads itself (AmiClient._drop).
        self._running.clear()


def parse_blocks(text):
    """`Key: Value` blocks separated by empty lines -> list of dicts. Values keep
    everything after the first colon (stripped); a stray bare LF is tolerated."""
    blocks = []
    for chunk in text.replace('\r\n', '\n').split('\n\n'):
        block = {}
        for line in chunk.split('\n'):
            key, sep, value = line.partition(':')
            if sep and key.strip():
                block.setdefault(key.strip(), value.strip())
        if block:
            blocks.append(block)
    return blocks


def _clean(value):
    return str(value).replace('\r', ' ').replace('\n', ' ')


class _Collector:
    """The items of one list action, gathered by ActionID."""

    def __init__(self):
        self.items = []
        self.done = threading.Event()

    def add(self, block):
        if block.get('EventList', '').lower() == 'complete':
            self.complete = block
            self.done.set()
        else:
            self.items.append(block)


class AmiClient:
    """A lazily connected session: `action()` and `list_action()` connect when
    needed; any failure drops the connection (the next exchange reconnects).
    `on_event(headers)` receives unsolicited events (on pyst2's dispatch thread)
    when `events` is true."""

    def __init__(
        self, host, port=5038, username='', secret='', timeout=5.0, events=False, on_event=None
    ):
        self.host, self.port = host, int(port)
        self.username, self.secret = username, secret
        self.timeout = float(timeout)
        self.events = events
        self.on_event = on_event
        self._lock = threading.RLock()
        self._manager = None
        self._sock = None
        self._pid = None
        self._collectors = {}
        self.last_error = None

    # -- connection ----------------------------------------------------------------

    def connected(self):
        return self._manager is not None and self._pid == os.getpid() and self._manager.connected()

    def connect(self):
        """Open and log in (if not already); AmiError when that fails in time."""
        with self._lock:
            self._current()

    def _current(self):
        if self._manager is not None and not self.connected():
            self._drop()
        if self._manager is None:
            self._open()
        return self._manager

    def _read_banner(self, sock, deadline):
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AmiError(f'no banner from the AMI within {self.timeout:g} s')
            sock.settimeout(remaining)
            try:
                peeked = sock.recv(512, socket.MSG_PEEK)
            except socket.timeout:
                continue
            if not peeked:
                raise AmiError('the AMI closed the connection before its banner')
            if b'\n' in peeked:
                line = sock.recv(peeked.index(b'\n') + 1)
                banner = line.decode('utf-8', 'replace').strip()
                if not banner.startswith(BANNER_PREFIX):
                    raise AmiError(f'not an Asterisk Manager Interface: {banner[:60]!r}')
                return banner
            if len(peeked) >= 512:
                raise AmiError('not an Asterisk Manager Interface (no banner line)')
            time.sleep(0.01)

    def _open(self):
        deadline = time.monotonic() + self.timeout
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        except OSError as exc:
            raise AmiError(f'AMI unreachable at {self.host}:{self.port}: {exc}') from None
        try:
            banner = self._read_banner(sock, deadline)
        except (OSError, AmiError) as exc:
            sock.close()
            raise AmiError(f'AMI unreachable at {self.host}:{self.port}: {exc}') from None
        sock.settimeout(None)  # pyst2's reader blocks; exchanges carry their own deadline
        manager = _Manager()
        manager.register_event('*', self._on_event)
        self._manager, self._sock, self._pid = manager, sock, os.getpid()
        manager.start_on(sock, banner)
        try:
            response = self._exchange(
                {
                    'Action': 'Login',
                    'Username': self.username,
                    'Secret': self.secret,
                    'Events': 'on' if self.events else 'off',
                },
                deadline + self.timeout,
            )
        except AmiError as exc:
            self._drop()
            raise AmiError(f'AMI unreachable at {self.host}:{self.port}: {exc}') from None
        if response.get('Response') != 'Success':
            self._drop()
            raise AmiError(f'AMI login refused: {response.get("Message", "")}')

    def _drop(self):
        """Forget the session; shutting the socket down ends pyst2's threads."""
        manager, sock = self._manager, self._sock
        self._manager = self._sock = None
        for collector in list(self._collectors.values()):
            collector.done.set()
        if manager is None:
            return
        if self._pid != os.getpid():
            # Another process's session (we were forked): its threads are not
            # ours, and shutting the shared socket down would cut the parent off.
            if sock is not None:
                sock.close()
            return
        manager._connected.clear()
        manager._running.clear()
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        manager._response_queue.put(None)
        current = threading.current_thread()
        for thread in (manager.message_thread, manager.event_dispatch_thread):
            if thread is not current and thread.is_alive():
                thread.join(2.0)

    def close(self):
        """Log off (bounded, best effort) and drop the session."""
        with self._lock:
            if self.connected():
                try:
                    self._exchange({'Action': 'Logoff'}, time.monotonic() + min(self.timeout, 1.0))
                except AmiError:
                    pass
            self._drop()

    # -- exchanges -----------------------------------------------------------------

    def _write(self, text, deadline):
        sock = self._sock
        remaining = deadline - time.monotonic()
        if sock is None or remaining <= 0:
            raise AmiError('not connected')
        _, writable, _ = select.select([], [sock], [], remaining)
        if not writable:
            raise AmiError(f'the AMI did not read within {self.timeout:g} s')
        sock.sendall(text.encode('utf-8'))

    def _exchange(self, command, deadline):
        """Send one action, wait for its response (headers as a dict, with the
        blocks pyst2 folded into its text under the key None)."""
        manager = self._manager
        command.setdefault('ActionID', f'xivows-{os.getpid()}-{next(_ids)}')
        text = ''.join(f'{key}: {_clean(value)}\r\n' for key, value in command.items()) + '\r\n'
        # Registered as a waiter, pyst2 wakes us (None) when the connection ends.
        manager._reswaiting.insert(0, 1)
        try:
            self._write(text, deadline)
            message = manager._response_queue.get(timeout=max(deadline - time.monotonic(), 0))
        except queue.Empty:
            self._drop()
            raise AmiError(f'no answer from the AMI within {self.timeout:g} s') from None
        except OSError as exc:
            self._drop()
            raise AmiError(f'AMI connection lost: {exc}') from None
        finally:
            if manager._reswaiting:
                manager._reswaiting.pop(0)
        if message is None:
            self._drop()
            raise AmiError('AMI connection lost')
        headers = dict(message.headers)
        # `Command` answers one `Output:` line per CLI line; pyst2 keeps the last.
        headers[OUTPUT] = [
            line.partition(':')[2].strip()
            for line in message.response
            if line.startswith('Output:')
        ]
        blocks = parse_blocks(message.data) if message.data else []
        # A value ending in a bare LF pushes the rest of the response into the
        # text (QueueMemberRingInUse, PJSIPShowEndpoint errors): take it back.
        if blocks and 'EventList' not in headers:
            for key, value in blocks.pop(0).items():
                headers.setdefault(key, value)
        headers[None] = blocks
        return headers

    def action(self, name, **headers):
        """Send one action; its response headers, or AmiError (refusal, no answer
        in time, connection lost). None-valued headers are left out."""
        command = {'Action': name}
        command.update({key: value for key, value in headers.items() if value is not None})
        with self._lock:
            self._current()
            response = self._exchange(command, time.monotonic() + self.timeout)
        response.pop(None, None)
        output = response.pop(OUTPUT, [])
        if response.get('Response') == 'Error':
            raise AmiError('; '.join(output) or response.get('Message') or f'{name} failed')
        return response

    def command(self, line):
        """A CLI command (`Command` action): its output lines; AmiError when
        refused (unknown command, or the AMI user lacks the `command` class)."""
        command = {'Action': 'Command', 'Command': line}
        with self._lock:
            self._current()
            response = self._exchange(command, time.monotonic() + self.timeout)
        response.pop(None, None)
        output = response.pop(OUTPUT, [])
        if response.get('Response') == 'Error':
            raise AmiError('; '.join(output) or response.get('Message') or 'Command failed')
        return output

    def list_action(self, name, **headers):
        """A list action: (response headers, [item dicts]) once `EventList:
        Complete` arrived, all within the timeout."""
        command = {'Action': name}
        command.update({key: value for key, value in headers.items() if value is not None})
        action_id = command['ActionID'] = f'xivows-{os.getpid()}-{next(_ids)}'
        collector = _Collector()
        with self._lock:
            self._current()
            deadline = time.monotonic() + self.timeout
            self._collectors[action_id] = collector
            try:
                response = self._exchange(command, deadline)
                folded = response.pop(None, [])
                response.pop(OUTPUT, None)
                if response.get('Response') == 'Error':
                    raise AmiError(response.get('Message') or f'{name} failed')
                if response.get('EventList', '').lower() != 'start':
                    return response, []
                for block in folded:
                    if block.get('ActionID') == action_id:
                        collector.add(block)
                    elif 'Event' in block:
                        self._deliver(block)  # an event that came in between
                if not collector.done.wait(max(deadline - time.monotonic(), 0)):
                    self._drop()
                    raise AmiError(f'{name}: the list did not complete within {self.timeout:g} s')
                if not hasattr(collector, 'complete'):
                    raise AmiError(f'{name}: AMI connection lost')
                return response, collector.items
            finally:
                self._collectors.pop(action_id, None)

    # -- events ----------------------------------------------------------------------

    def _on_event(self, event, _manager):
        headers = dict(event.headers)
        collector = self._collectors.get(headers.get('ActionID'))
        if collector is not None:
            collector.add(headers)
        else:
            self._deliver(headers)

    def _deliver(self, headers):
        if self.on_event is None:
            return
        try:
            self.on_event(headers)
        except Exception:  # never kill pyst2's dispatch thread
            logger.exception('AMI event handler failed on %s', headers.get('Event'))

    # -- queue actions ---------------------------------------------------------------

    def queue_add(
        self,
        queue,
        interface,
        penalty=0,
        member_name=None,
        state_interface=None,
        paused=False,
        reason=None,
    ):
        self.action(
            'QueueAdd',
            Queue=queue,
            Interface=interface,
            Penalty=int(penalty),
            MemberName=member_name,
            StateInterface=state_interface,
            Paused='true' if paused else 'false',
            Reason=reason if paused else None,
        )

    def queue_remove(self, queue, interface):
        self.action('QueueRemove', Queue=queue, Interface=interface)

    def queue_pause(self, interface, paused, queue=None, reason=None):
        self.action(
            'QueuePause',
            Interface=interface,
            Paused='true' if paused else 'false',
            Queue=queue,
            Reason=reason,
        )

    def queue_penalty(self, queue, interface, penalty):
        self.action('QueuePenalty', Queue=queue, Interface=interface, Penalty=int(penalty))

    def queue_status(self, queue=None, member=None):
        """The QueueParams, QueueMember and QueueEntry items Asterisk lists."""
        return self.list_action('QueueStatus', Queue=queue, Member=member)[1]
