"""/v1/admin/core: channels (GET, DELETE hangs up), systems (Asterisk's core
settings and status) and modules (GET; POST loads, PUT reloads, DELETE unloads),
read from the live tables; the writes are asked of the background worker
(xivows.live.requests), outside any transaction, and answer once Asterisk did."""

import re
import time

from compat.v1 import envelope
from compat.v1.auth import own_transactions
from compat.v1.common import found, fresh, page
from xivows import transaction
from xivows.errors import InvalidInput, NotFound, ServiceError
from xivows.live import queries as live
from xivows.live import requests

CHANNEL = {
    'unique_id': str,
    'linked_id': str,
    'channel': str,
    'channel_state': int,
    'channel_state_desc': str,
    'context': str,
    'exten': str,
    'priority': str,
    'caller_id_name': str,
    'caller_id_num': str,
    'connected_line_name': str,
    'connected_line_num': str,
    'account_code': str,
    'language': str,
    'application': str,
    'application_data': str,
    'bridge_id': str,
    'duration': int,
    'hangup_cause': int,
    'hangup_cause_desc': str,
    'variables': dict,
    'tm_update': str,
}
SYSTEM = {
    'id': str,
    'system_name': str,
    'ami_version': str,
    'ast_version': str,
    'cdr_enabled': str,
    'http_enabled': str,
    'real_time_enabled': str,
    'current_calls': int,
    'processed_calls': int,
    'max_calls': int,
    'max_file_handles': int,
    'max_load_avg': float,
    'reload_date': str,
    'reload_time': str,
    'run_group': str,
    'run_user': str,
    'startup_date': str,
    'startup_time': str,
    'tm_update': str,
}
MODULE = {
    'name': str,
    'load': str,
    'size': int,
    'description': str,
    'use_count': int,
    'status': str,
    'support_level': str,
    'tm_update': str,
}
SCHEMAS = {
    name: envelope.schemas(name, shape)
    for name, shape in (('Channel', CHANNEL), ('System', SYSTEM), ('Module', MODULE))
}

_MODULE_NAME = re.compile(r'[a-z][a-z0-9_]{0,62}(\.so)?')


def asked(answer, kind, ident):
    """The worker's answer: done (200), or Asterisk's refusal (404 when it knows
    no such object, else 409), its message kept."""
    if answer.ok:
        return envelope.answer()
    message = answer.message or 'refused'
    if 'no such' in message.lower() or 'not found' in message.lower():
        raise NotFound(f'no such {kind}: {ident} (Asterisk: {message})')
    raise ServiceError(f'Asterisk refused: {message}', 409)


# -- channels ------------------------------------------------------------------------------


def _channel(row, now):
    return {
        'unique_id': row['uniqueid'],
        'linked_id': row['linkedid'],
        'channel': row['channel'],
        'channel_state': row['state'],
        'channel_state_desc': row['state_desc'],
        'context': row['context'],
        'exten': row['exten'],
        'priority': str(row['priority']),
        'caller_id_name': row['caller_id_name'],
        'caller_id_num': row['caller_id_num'],
        'connected_line_name': row['connected_line_name'],
        'connected_line_num': row['connected_line_num'],
        'account_code': row['account_code'],
        'language': row['language'],
        'application': row['application'],
        'application_data': row['application_data'],
        'bridge_id': row['bridge_id'] or None,
        'duration': max(int(now - row['created_at']), 0) if row['created_at'] else None,
        'hangup_cause': None,
        'hangup_cause_desc': None,
        'variables': None,
        'tm_update': envelope.stamp(row['changed_at']),
    }


def list_channels():
    limit, offset = page()
    fresh()
    now = time.time()
    return envelope.listed([_channel(row, now) for row in live.channel_page(limit, offset)])


def _channel_row(unique_id):
    fresh()
    return found(live.channel_row(unique_id), 'channel', unique_id)


def get_channel(unique_id):
    return envelope.answer(_channel(_channel_row(unique_id), time.time()))


@own_transactions
def delete_channel(unique_id):
    row = transaction.run_read(_channel_row, unique_id)
    return asked(requests.ask('hangup', channel=row['channel']), 'channel', unique_id)


# -- systems -------------------------------------------------------------------------------


def _system(row):
    return {
        'id': str(row['id']),
        'system_name': row['system_name'],
        'ami_version': row['ami_version'],
        'ast_version': row['asterisk_version'],
        'cdr_enabled': row['cdr_enabled'],
        'http_enabled': row['http_enabled'],
        'real_time_enabled': row['real_time_enabled'],
        'current_calls': row['current_calls'],
        'processed_calls': row['processed_calls'],
        'max_calls': row['max_calls'],
        'max_file_handles': row['max_file_handles'],
        'max_load_avg': row['max_load_avg'],
        'reload_date': row['reload_date'],
        'reload_time': row['reload_time'],
        'run_group': row['run_group'],
        'run_user': row['run_user'],
        'startup_date': row['startup_date'],
        'startup_time': row['startup_time'],
        'tm_update': envelope.stamp(row['changed_at']),
    }


def list_systems():
    limit, offset = page()
    fresh()
    return envelope.listed([_system(row) for row in live.system_page(limit, offset)])


def get_system(system_id):
    fresh()
    row = (
        live.system_row(int(system_id))
        if system_id.isascii() and system_id.isdigit() and len(system_id) < 10
        else None
    )
    return envelope.answer(_system(found(row, 'system', system_id)))


# -- modules --------------------------------------------------------------------------------


def _module(row):
    name = row['name'].removesuffix('.so')
    return {
        'name': name,
        'load': row['status'],
        'size': None,
        'description': row['description'],
        'use_count': row['use_count'],
        'status': row['status'],
        'support_level': row['support_level'],
        'tm_update': envelope.stamp(row['changed_at']),
    }


def _file(name):
    """A module name as ModuleLoad wants it (with `.so`), or InvalidInput."""
    if not _MODULE_NAME.fullmatch(name):
        raise InvalidInput(f'module: not a module name: {name}')
    return name if name.endswith('.so') else name + '.so'


def list_modules():
    limit, offset = page()
    fresh()
    return envelope.listed([_module(row) for row in live.module_page(limit, offset)])


def _module_row(name):
    fresh()
    return found(live.module_row(name), 'module', name)


def get_module(name):
    return envelope.answer(_module(_module_row(name)))


@own_transactions
def post_module(name):
    module = _file(name)
    transaction.run_read(fresh)
    return asked(requests.ask('module_load', module=module), 'module', name)


@own_transactions
def put_module(name):
    module = _file(name)
    transaction.run_read(_module_row, name)
    return asked(requests.ask('module_reload', module=module), 'module', name)


@own_transactions
def delete_module(name):
    module = _file(name)
    transaction.run_read(_module_row, name)
    return asked(requests.ask('module_unload', module=module), 'module', name)
