"""The live-state feed: Asterisk's list actions (on every (re)connect and
periodically) and AMI events (while connected) written to the live tables
(xivows/models/live.py). A row's `changed_at` moves only when one of its values
changes."""

import logging
import re
import time

from xivows.ami import AmiError
from xivows.models.live import (
    LiveChannel,
    LiveDeviceState,
    LiveModule,
    LiveParkedCall,
    LiveParkingLot,
    LivePjsipAor,
    LivePjsipAuth,
    LivePjsipContact,
    LivePjsipEndpoint,
    LiveQueue,
    LiveQueueEntry,
    LiveQueueMember,
    LiveRegistration,
    LiveSystem,
)
from xivows.worker import store

logger = logging.getLogger(__name__)


def _int(value, default=0):
    try:
        return int(str(value).split('.')[0])
    except (TypeError, ValueError):
        return default


def _float(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _seconds(duration):
    """HH:MM:SS -> seconds."""
    try:
        hours, minutes, seconds = (int(part) for part in duration.split(':'))
    except (AttributeError, ValueError):
        return 0
    return hours * 3600 + minutes * 60 + seconds


def _pick(headers, mapping):
    """{field: converted value} for the `mapping` keys present in `headers`."""
    return {
        field: convert(headers[key]) for key, (field, convert) in mapping.items() if key in headers
    }


_S, _I = str, _int
QUEUE = {
    'Max': ('max', _I),
    'Strategy': ('strategy', _S),
    'Calls': ('calls', _I),
    'Holdtime': ('holdtime', _I),
    'TalkTime': ('talktime', _I),
    'Completed': ('completed', _I),
    'Abandoned': ('abandoned', _I),
    'ServiceLevel': ('service_level', _I),
    'ServicelevelPerf': ('service_level_perf', _float),
    'ServicelevelPerf2': ('service_level_perf2', _float),
    'Weight': ('weight', _I),
}
MEMBER = {
    'Name': ('member_name', _S),
    'MemberName': ('member_name', _S),
    'StateInterface': ('state_interface', _S),
    'Membership': ('membership', _S),
    'Penalty': ('penalty', _I),
    'CallsTaken': ('calls_taken', _I),
    'LastCall': ('last_call', _I),
    'LastPause': ('last_pause', _I),
    'LoginTime': ('login_time', _I),
    'InCall': ('in_call', lambda value: value == '1'),
    'Status': ('status', _I),
    'Paused': ('paused', lambda value: value == '1'),
    'PausedReason': ('paused_reason', _S),
    'Wrapuptime': ('wrapuptime', _I),
}
CHANNEL = {
    'Uniqueid': ('uniqueid', _S),
    'Linkedid': ('linkedid', _S),
    'ChannelState': ('state', _I),
    'ChannelStateDesc': ('state_desc', _S),
    'CallerIDNum': ('caller_id_num', _S),
    'CallerIDName': ('caller_id_name', _S),
    'ConnectedLineNum': ('connected_line_num', _S),
    'ConnectedLineName': ('connected_line_name', _S),
    'Language': ('language', _S),
    'AccountCode': ('account_code', _S),
    'Context': ('context', _S),
    'Exten': ('exten', _S),
    'Priority': ('priority', _I),
    'Application': ('application', _S),
    'ApplicationData': ('application_data', _S),
    'AppData': ('application_data', _S),
    'BridgeId': ('bridge_id', _S),
}
CALLER = {
    'Uniqueid': ('uniqueid', _S),
    'CallerIDNum': ('caller_id_num', _S),
    'CallerIDName': ('caller_id_name', _S),
    'ConnectedLineNum': ('connected_line_num', _S),
    'ConnectedLineName': ('connected_line_name', _S),
    'Position': ('position', _I),
    'Priority': ('priority', _I),
}
ENDPOINT = {
    'Transport': ('transport', _S),
    'Aor': ('aor', _S),
    'Auths': ('auths', _S),
    'OutboundAuths': ('outbound_auths', _S),
    'Contacts': ('contacts', _S),
    'DeviceState': ('device_state', _S),
    'ActiveChannels': ('active_channels', _I),
}
CONTACT = {
    'ObjectName': ('name', _S),
    'Endpoint': ('endpoint', _S),
    'Status': ('status', _S),
    'UserAgent': ('user_agent', _S),
    'ViaAddr': ('via_addr', _S),
    'ViaPort': ('via_port', _I),
    'ExpirationTime': ('expiration_time', _I),
    'RoundtripUsec': ('roundtrip_usec', _S),
    'CallId': ('call_id', _S),
    'RegServer': ('reg_server', _S),
    'QualifyFrequency': ('qualify_frequency', _I),
    'QualifyTimeout': ('qualify_timeout', _float),
    'AuthenticateQualify': ('authenticate_qualify', _S),
    'OutboundProxy': ('outbound_proxy', _S),
    'Path': ('path', _S),
}
AOR = {
    'Contacts': ('contacts', _S),
    'MaxContacts': ('max_contacts', _I),
    'MinimumExpiration': ('minimum_expiration', _I),
    'DefaultExpiration': ('default_expiration', _I),
    'MaximumExpiration': ('maximum_expiration', _I),
    'QualifyFrequency': ('qualify_frequency', _I),
    'RemoveExisting': ('remove_existing', lambda value: value.lower() in ('true', 'yes')),
    'Mailboxes': ('mailboxes', _S),
    'QualifyTimeout': ('qualify_timeout', _float),
    'AuthenticateQualify': ('authenticate_qualify', _S),
    'SupportPath': ('support_path', _S),
    'OutboundProxy': ('outbound_proxy', _S),
    'VoicemailExtension': ('voicemail_extension', _S),
}
AUTH = {
    'Username': ('username', _S),
    'Realm': ('realm', _S),
    'AuthType': ('auth_type', _S),
    'NonceLifetime': ('nonce_lifetime', _I),
}
REGISTRATION = {
    'ClientUri': ('client_uri', _S),
    'ServerUri': ('server_uri', _S),
    'Status': ('status', _S),
    'NextReg': ('next_reg', _I),
    'Expiration': ('expiration', _I),
}
PARKINGLOT = {
    'StartSpace': ('start_space', _S),
    'StopSpace': ('stop_space', _S),
    'Timeout': ('timeout', _I),
}
SETTINGS = {
    'AMIversion': ('ami_version', _S),
    'AsteriskVersion': ('asterisk_version', _S),
    'SystemName': ('system_name', _S),
    'CoreMaxCalls': ('max_calls', _I),
    'CoreMaxLoadAvg': ('max_load_avg', _float),
    'CoreMaxFilehandles': ('max_file_handles', _I),
    'CoreRunUser': ('run_user', _S),
    'CoreRunGroup': ('run_group', _S),
    'CoreRealTimeEnabled': ('real_time_enabled', _S),
    'CoreCDRenabled': ('cdr_enabled', _S),
    'CoreHTTPenabled': ('http_enabled', _S),
}
STATUS = {
    'CoreStartupDate': ('startup_date', _S),
    'CoreStartupTime': ('startup_time', _S),
    'CoreReloadDate': ('reload_date', _S),
    'CoreReloadTime': ('reload_time', _S),
    'CoreCurrentCalls': ('current_calls', _I),
    'CoreProcessedCalls': ('processed_calls', _I),
}
SYSTEM = 'asterisk'  # the name of LiveSystem's one row
# `module show`: name, description (at most 40 characters), use count, status,
# support level (Asterisk's main/loader_cli.c, "%-30s %-40.40s %-10d %-11s %13s").
_MODULE_LINE = re.compile(r'^(\S+)\s+(.*?)\s+(-?\d+)\s+(Running|Not Running)\s+(\S+)\s*$')
PARKED = {
    'ParkeeUniqueid': ('uniqueid', _S),
    'ParkeeLinkedid': ('linkedid', _S),
    'Parkinglot': ('parkinglot', _S),
    'ParkingSpace': ('space', _S),
    'ParkeeCallerIDNum': ('caller_id_num', _S),
    'ParkeeCallerIDName': ('caller_id_name', _S),
    'ParkeeConnectedLineNum': ('connected_line_num', _S),
    'ParkeeConnectedLineName': ('connected_line_name', _S),
    'ParkerDialString': ('parker_dial_string', _S),
}
DEVICE_TEXT = {
    'NOT_INUSE': 'Not in use',
    'INUSE': 'In use',
    'BUSY': 'Busy',
    'UNAVAILABLE': 'Unavailable',
    'RINGING': 'Ringing',
    'RINGINUSE': 'Ringing',
    'ONHOLD': 'On Hold',
    'INVALID': 'Invalid',
    'UNKNOWN': 'Unknown',
}


# -- writing rows ----------------------------------------------------------------------


def upsert(model, key, fields, now):
    """Insert or update the row of `key`; `changed_at` only when a value changes."""
    row = model.get_or_none(**key)
    if row is None:
        model.create(**key, **fields, changed_at=now)
        return
    changed = {name: value for name, value in fields.items() if getattr(row, name) != value}
    if changed:
        model.update(**changed, changed_at=now).where(model.id == row.id).execute()


def replace_all(model, key_fields, rows, now, where=None):
    """Make the table (or the rows matching `where`) hold exactly `rows`
    ([(key dict, fields dict)])."""
    query = model.select()
    if where is not None:
        query = query.where(where)
    existing = {tuple(getattr(row, name) for name in key_fields): row for row in query}
    seen = set()
    for key, fields in rows:
        identity = tuple(key[name] for name in key_fields)
        if identity in seen:
            continue
        seen.add(identity)
        row = existing.get(identity)
        if row is None:
            model.create(**key, **fields, changed_at=now)
            continue
        changed = {name: value for name, value in fields.items() if getattr(row, name) != value}
        if changed:
            model.update(**changed, changed_at=now).where(model.id == row.id).execute()
    gone = [row.id for identity, row in existing.items() if identity not in seen]
    for start in range(0, len(gone), 500):
        model.delete().where(model.id.in_(gone[start : start + 500])).execute()


# -- list actions -------------------------------------------------------------------


def _list(client, action, **headers):
    """The items of a list action; [] when this Asterisk lacks it (module not
    loaded: `Invalid/unknown command`)."""
    try:
        return client.list_action(action, **headers)[1]
    except AmiError as exc:
        if not client.connected():
            raise
        logger.info('%s unavailable: %s', action, exc)
        return []


def _queue_rows(items, now):
    queues, members, entries = [], [], []
    for item in items:
        event = item.get('Event')
        if event == 'QueueParams':
            queues.append(({'name': item.get('Queue', '')}, _pick(item, QUEUE)))
        elif event == 'QueueMember':
            members.append(
                (
                    {'queue': item.get('Queue', ''), 'interface': item.get('Location', '')},
                    _pick(item, MEMBER),
                )
            )
        elif event == 'QueueEntry':
            fields = _pick(item, CALLER)
            fields.update(
                queue=item.get('Queue', ''), joined_at=float(int(now) - _int(item.get('Wait')))
            )
            entries.append(({'channel': item.get('Channel', '')}, fields))
    return queues, members, entries


LISTS = (
    'QueueStatus',
    'CoreShowChannels',
    'DeviceStateList',
    'PJSIPShowEndpoints',
    'PJSIPShowContacts',
    'PJSIPShowAors',
    'PJSIPShowAuths',
    'PJSIPShowRegistrationsOutbound',
    'ParkedCalls',
    'Parkinglots',
)


def _answer(client, action, **headers):
    """The response of a plain action; {} when this Asterisk refuses it."""
    try:
        return client.action(action, **headers)
    except AmiError as exc:
        if not client.connected():
            raise
        logger.info('%s unavailable: %s', action, exc)
        return {}


def _module_rows(lines):
    rows = []
    for line in lines:
        match = _MODULE_LINE.match(line)
        if match is None or match.group(1) == 'Module':
            continue  # the header, the count at the end
        name, description, use_count, status, support = match.groups()
        rows.append(
            (
                {'name': name},
                {
                    'description': description,
                    'use_count': int(use_count),
                    'status': status,
                    'support_level': support,
                },
            )
        )
    return rows


def _modules(client):
    """[(key, fields)] of the loaded modules; None when the CLI is refused (the
    AMI user lacks the `command` privilege): the table is then left as it is."""
    try:
        return _module_rows(client.command('module show'))
    except AmiError as exc:
        if not client.connected():
            raise
        logger.info('module show unavailable: %s', exc)
        return None


def _system_fields(client):
    settings = _answer(client, 'CoreSettings')
    status = _answer(client, 'CoreStatus')
    if not settings and not status:
        return None
    return {**_pick(settings, SETTINGS), **_pick(status, STATUS)}


def resync(client, now=None, keep_alive=None):
    """Read Asterisk's whole live state and make the tables hold it. Returns the
    QueueStatus items (the reconciler's actual members). `keep_alive()` runs before
    each list action (the worker renews its lease)."""
    now = now or time.time()
    lists = []
    for action in LISTS:
        if keep_alive is not None:
            keep_alive()
        lists.append(_list(client, action))
    (
        queue_items,
        channels,
        devices,
        endpoints,
        contacts,
        aors,
        auths,
        registrations,
        parked,
        lots,
    ) = lists
    if keep_alive is not None:
        keep_alive()
    system, modules = _system_fields(client), _modules(client)
    queues, members, entries = _queue_rows(queue_items, now)
    with store.writing():
        replace_all(LiveQueue, ('name',), queues, now)
        replace_all(LiveQueueMember, ('queue', 'interface'), members, now)
        replace_all(LiveQueueEntry, ('channel',), entries, now)
        replace_all(
            LiveChannel,
            ('channel',),
            [
                (
                    {'channel': item.get('Channel', '')},
                    dict(
                        _pick(item, CHANNEL),
                        created_at=float(int(now) - _seconds(item.get('Duration'))),
                    ),
                )
                for item in channels
            ],
            now,
        )
        replace_all(
            LiveDeviceState,
            ('device',),
            [
                ({'device': item.get('Device', '')}, {'state': item.get('State', '')})
                for item in devices
            ],
            now,
        )
        replace_all(
            LivePjsipEndpoint,
            ('name',),
            [
                ({'name': item.get('ObjectName', '')}, _pick(item, ENDPOINT))
                for item in endpoints
                if item.get('Event') == 'EndpointList'
            ],
            now,
        )
        replace_all(
            LivePjsipContact,
            ('aor', 'uri'),
            [
                (
                    {'aor': item.get('ObjectName', '').split(';@')[0], 'uri': item.get('Uri', '')},
                    _pick(item, CONTACT),
                )
                for item in contacts
                if item.get('Event') == 'ContactList'
            ],
            now,
        )
        replace_all(
            LivePjsipAor,
            ('name',),
            [
                ({'name': item.get('ObjectName', '')}, _pick(item, AOR))
                for item in aors
                if item.get('Event') == 'AorList'
            ],
            now,
        )
        replace_all(
            LivePjsipAuth,
            ('name',),
            [
                ({'name': item.get('ObjectName', '')}, _pick(item, AUTH))
                for item in auths
                if item.get('Event') == 'AuthList'
            ],
            now,
        )
        replace_all(LiveRegistration, ('name',), _registration_rows(registrations), now)
        replace_all(
            LiveParkedCall,
            ('channel',),
            [
                ({'channel': item.get('ParkeeChannel', '')}, _parked_fields(item, now))
                for item in parked
                if item.get('Event') == 'ParkedCall'
            ],
            now,
        )
        replace_all(
            LiveParkingLot,
            ('name',),
            [
                ({'name': item.get('Name', '')}, _pick(item, PARKINGLOT))
                for item in lots
                if item.get('Event') == 'Parkinglot'
            ],
            now,
        )
        if system is not None:
            replace_all(LiveSystem, ('name',), [({'name': SYSTEM}, system)], now)
        if modules is not None:
            replace_all(LiveModule, ('name',), modules, now)
    return queue_items


def _registration_rows(items):
    return [
        ({'name': item.get('ObjectName', '')}, _pick(item, REGISTRATION))
        for item in items
        if item.get('Event') == 'OutboundRegistrationDetail'
    ]


def _parked_fields(item, now):
    fields = _pick(item, PARKED)
    fields['parked_at'] = float(int(now) - _int(item.get('ParkingDuration')))
    fields['timeout_at'] = float(int(now) + _int(item.get('ParkingTimeout')))
    return fields


def refresh_queue(client, queue, now=None):
    """Re-read one queue (statistics, members, callers); its QueueStatus items."""
    now = now or time.time()
    items = _list(client, 'QueueStatus', Queue=queue)
    queues, members, entries = _queue_rows(items, now)
    with store.writing():
        replace_all(LiveQueue, ('name',), queues, now, where=LiveQueue.name == queue)
        replace_all(
            LiveQueueMember,
            ('queue', 'interface'),
            members,
            now,
            where=LiveQueueMember.queue == queue,
        )
        replace_all(
            LiveQueueEntry, ('channel',), entries, now, where=LiveQueueEntry.queue == queue
        )
    return items


def refresh_registrations(client, now=None):
    now = now or time.time()
    items = _list(client, 'PJSIPShowRegistrationsOutbound')
    with store.writing():
        replace_all(LiveRegistration, ('name',), _registration_rows(items), now)


def refresh_parked(client, now=None):
    now = now or time.time()
    items = _list(client, 'ParkedCalls')
    with store.writing():
        replace_all(
            LiveParkedCall,
            ('channel',),
            [
                ({'channel': item.get('ParkeeChannel', '')}, _parked_fields(item, now))
                for item in items
                if item.get('Event') == 'ParkedCall'
            ],
            now,
        )


def refresh_modules(client, now=None):
    """Re-read the loaded modules (after a module load, unload or reload)."""
    now = now or time.time()
    modules = _modules(client)
    if modules is not None:
        with store.writing():
            replace_all(LiveModule, ('name',), modules, now)


def refresh_system(client, now=None):
    """Re-read the core status (current calls...) and settings."""
    now = now or time.time()
    fields = _system_fields(client)
    if fields is not None:
        with store.writing():
            upsert(LiveSystem, {'name': SYSTEM}, fields, now)


# -- events ----------------------------------------------------------------------------


class Followups:
    """What a batch of events asks the worker to do next."""

    def __init__(self):
        self.resync = False
        self.queues = set()
        self.registrations = False
        self.parked = False
        self.system = False  # calls came or went: the core status changed


def apply_events(events, now=None):
    """Write a batch of events in one transaction; what to re-read next."""
    now = now or time.time()
    followups = Followups()
    with store.writing():
        for event in events:
            handler = _HANDLERS.get(event.get('Event'))
            if handler is not None:
                handler(event, now, followups)
    return followups


def _member(event, now, _followups):
    upsert(
        LiveQueueMember,
        {'queue': event.get('Queue', ''), 'interface': event.get('Interface', '')},
        _pick(event, MEMBER),
        now,
    )


def _member_removed(event, _now, _followups):
    (
        LiveQueueMember.delete()
        .where(
            (LiveQueueMember.queue == event.get('Queue', ''))
            & (LiveQueueMember.interface == event.get('Interface', ''))
        )
        .execute()
    )


def _queue_calls(queue, count, now):
    LiveQueue.update(calls=count, changed_at=now).where(
        (LiveQueue.name == queue) & (LiveQueue.calls != count)
    ).execute()


def _caller_join(event, now, _followups):
    fields = _pick(event, CALLER)
    fields.update(queue=event.get('Queue', ''), joined_at=now)
    upsert(LiveQueueEntry, {'channel': event.get('Channel', '')}, fields, now)
    _queue_calls(event.get('Queue', ''), _int(event.get('Count')), now)


def _caller_leave(event, now, _followups):
    queue, position = event.get('Queue', ''), _int(event.get('Position'))
    LiveQueueEntry.delete().where(LiveQueueEntry.channel == event.get('Channel', '')).execute()
    (
        LiveQueueEntry.update(position=LiveQueueEntry.position - 1, changed_at=now)
        .where((LiveQueueEntry.queue == queue) & (LiveQueueEntry.position > position))
        .execute()
    )
    _queue_calls(queue, _int(event.get('Count')), now)


def _queue_counters(event, _now, followups):
    # Completed/abandoned/hold and talk times: Asterisk's own figures, re-read.
    followups.queues.add(event.get('Queue', ''))


def _new_channel(event, now, followups):
    followups.system = True
    fields = _pick(event, CHANNEL)
    fields['created_at'] = now
    upsert(LiveChannel, {'channel': event.get('Channel', '')}, fields, now)


def _channel_update(event, now, _followups):
    fields = _pick(event, CHANNEL)
    channel = event.get('Channel', '')
    if fields and LiveChannel.select().where(LiveChannel.channel == channel).exists():
        upsert(LiveChannel, {'channel': channel}, fields, now)


def _bridge(event, now, _followups):
    bridge = event.get('BridgeUniqueid', '') if event.get('Event') == 'BridgeEnter' else ''
    (
        LiveChannel.update(bridge_id=bridge, changed_at=now)
        .where(
            (LiveChannel.channel == event.get('Channel', '')) & (LiveChannel.bridge_id != bridge)
        )
        .execute()
    )


def _hangup(event, _now, followups):
    followups.system = True
    channel = event.get('Channel', '')
    LiveChannel.delete().where(LiveChannel.channel == channel).execute()
    LiveParkedCall.delete().where(LiveParkedCall.channel == channel).execute()


def _device(event, now, _followups):
    device, state = event.get('Device', ''), event.get('State', '')
    upsert(LiveDeviceState, {'device': device}, {'state': state}, now)
    if device.lower().startswith('pjsip/'):
        text = DEVICE_TEXT.get(state, state)
        (
            LivePjsipEndpoint.update(device_state=text, changed_at=now)
            .where(
                (LivePjsipEndpoint.name == device.split('/', 1)[1])
                & (LivePjsipEndpoint.device_state != text)
            )
            .execute()
        )


def _contact(event, now, _followups):
    aor, uri = event.get('AOR', ''), event.get('URI', '')
    if event.get('ContactStatus') == 'Removed':
        LivePjsipContact.delete().where(
            (LivePjsipContact.aor == aor) & (LivePjsipContact.uri == uri)
        ).execute()
        return
    via = event.get('ViaAddress', '')
    fields = {
        'endpoint': event.get('EndpointName', ''),
        'status': event.get('ContactStatus', ''),
        'roundtrip_usec': event.get('RoundtripUsec', ''),
    }
    if 'UserAgent' in event:
        fields['user_agent'] = event['UserAgent']
    if 'RegExpire' in event:
        fields['expiration_time'] = _int(event['RegExpire'])
    if 'CallID' in event:
        fields['call_id'] = event['CallID']
    if via:
        address, _, port = via.rpartition(':')
        fields.update(via_addr=address or via, via_port=_int(port))
    upsert(LivePjsipContact, {'aor': aor, 'uri': uri}, fields, now)


def _registry(event, now, followups):
    updated = (
        LiveRegistration.update(status=event.get('Status', ''), changed_at=now)
        .where(
            (LiveRegistration.client_uri == event.get('Username', ''))
            & (LiveRegistration.server_uri == event.get('Domain', ''))
        )
        .execute()
    )
    if not updated:
        followups.registrations = True


def _parked(event, now, _followups):
    upsert(
        LiveParkedCall,
        {'channel': event.get('ParkeeChannel', '')},
        _parked_fields(event, now),
        now,
    )


def _unparked(event, _now, _followups):
    LiveParkedCall.delete().where(
        LiveParkedCall.channel == event.get('ParkeeChannel', '')
    ).execute()


def _parked_swap(_event, _now, followups):
    followups.parked = True


def _resync(_event, _now, followups):
    followups.resync = True


_HANDLERS = {
    'QueueMemberAdded': _member,
    'QueueMemberStatus': _member,
    'QueueMemberPause': _member,
    'QueueMemberPenalty': _member,
    'QueueMemberRinginuse': _member,
    'QueueMemberRemoved': _member_removed,
    'QueueCallerJoin': _caller_join,
    'QueueCallerLeave': _caller_leave,
    'QueueCallerAbandon': _queue_counters,
    'AgentComplete': _queue_counters,
    'Newchannel': _new_channel,
    'Newstate': _channel_update,
    'NewCallerid': _channel_update,
    'NewConnectedLine': _channel_update,
    'Newexten': _channel_update,
    'NewAccountCode': _channel_update,
    'BridgeEnter': _bridge,
    'BridgeLeave': _bridge,
    'Hangup': _hangup,
    'DeviceStateChange': _device,
    'ContactStatus': _contact,
    'Registry': _registry,
    'ParkedCall': _parked,
    'ParkedCallGiveUp': _unparked,
    'ParkedCallTimeOut': _unparked,
    'UnParkedCall': _unparked,
    'ParkedCallSwap': _parked_swap,
    'FullyBooted': _resync,
    'Reload': _resync,
}
