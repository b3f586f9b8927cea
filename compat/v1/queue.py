"""/v1/admin/queue: queues, members and entries (callers waiting) as Asterisk
has them (live tables), and cfg_queues: the queues of the store through the
queues service json.php uses. A cfg_queue is {"name", "displayname", "number",
"context", "data": {queues.conf options by their queues.conf names}}."""

import time

from flask import request
from marshmallow import fields

from compat.v1 import envelope
from compat.v1.common import StrictSchema, found, fresh, loaded, page
from compat.v1.configs import conf_value, renamed
from xivows.errors import InvalidInput
from xivows.live import queries as live
from xivows.resources.queues import service
from xivows.resources.queues.inputs import QueueInput
from xivows.resources.queues.schemas import queue_schema

QUEUE = {
    'name': str,
    'strategy': str,
    'max': int,
    'weight': int,
    'calls': int,
    'completed': int,
    'abandoned': int,
    'hold_time': int,
    'talk_time': int,
    'service_level': int,
    'service_level_perf': float,
    'service_level_perf2': float,
    'tm_update': str,
}
MEMBER = {
    'id': str,
    'name': str,
    'queue_name': str,
    'status': int,
    'membership': str,
    'state_interface': str,
    'location': str,
    'paused': int,
    'paused_reason': str,
    'penalty': int,
    'calls_taken': int,
    'in_call': int,
    'last_call': int,
    'last_pause': int,
    'login_time': int,
    'wrapuptime': int,
    'ring_inuse': int,
    'tm_update': str,
}
ENTRY = {
    'unique_id': str,
    'queue_name': str,
    'channel': str,
    'caller_id_name': str,
    'caller_id_num': str,
    'connected_line_name': str,
    'connected_line_num': str,
    'position': int,
    'wait': int,
    'tm_update': str,
}
CFG = {'name': str, 'displayname': str, 'number': str, 'context': str, 'data': dict}
SCHEMAS = {
    name: envelope.schemas(name, shape)
    for name, shape in (
        ('Queue', QUEUE),
        ('QueueMember', MEMBER),
        ('QueueEntry', ENTRY),
        ('CfgQueue', CFG),
    )
}

# queues.conf option name -> the field of the service's option schema
OPTIONS = {field.data_key or name: name for name, field in queue_schema.fields.items()}
# domain field prefixes in refusals -> ours
NAMES = {'queuefeatures': '', 'queue': 'data'}


def _queue(row):
    return {
        'name': row['name'],
        'strategy': row['strategy'],
        'max': row['max'],
        'weight': row['weight'],
        'calls': row['calls'],
        'completed': row['completed'],
        'abandoned': row['abandoned'],
        'hold_time': row['holdtime'],
        'talk_time': row['talktime'],
        'service_level': row['service_level'],
        'service_level_perf': row['service_level_perf'],
        'service_level_perf2': row['service_level_perf2'],
        'tm_update': envelope.stamp(row['changed_at']),
    }


def _member(row):
    return {
        'id': f'{row["member_name"]}@{row["queue"]}',
        'name': row['member_name'],
        'queue_name': row['queue'],
        'status': row['status'],
        'membership': row['membership'],
        'state_interface': row['state_interface'],
        'location': row['interface'],
        'paused': int(row['paused']),
        'paused_reason': row['paused_reason'],
        'penalty': row['penalty'],
        'calls_taken': row['calls_taken'],
        'in_call': int(row['in_call']),
        'last_call': row['last_call'],
        'last_pause': row['last_pause'],
        'login_time': row['login_time'],
        'wrapuptime': row['wrapuptime'],
        'ring_inuse': None,
        'tm_update': envelope.stamp(row['changed_at']),
    }


def _entry(row, now):
    return {
        'unique_id': row['uniqueid'],
        'queue_name': row['queue'],
        'channel': row['channel'],
        'caller_id_name': row['caller_id_name'],
        'caller_id_num': row['caller_id_num'],
        'connected_line_name': row['connected_line_name'],
        'connected_line_num': row['connected_line_num'],
        'position': row['position'],
        'wait': max(int(now - row['joined_at']), 0),
        'tm_update': envelope.stamp(row['changed_at']),
    }


def list_queues():
    limit, offset = page()
    fresh()
    return envelope.listed([_queue(row) for row in live.queue_page(limit, offset)])


def get_queue(name):
    fresh()
    return envelope.answer(_queue(found(live.queue_row(name), 'queue', name)))


def list_members():
    limit, offset = page()
    fresh()
    return envelope.listed([_member(row) for row in live.member_page(limit, offset)])


def get_member(name):
    """`name`: a member's name (`Agent/1001`) with `?queue_name=`, or its id
    (`Agent/1001@q-sales`)."""
    queue_name = request.args.get('queue_name')
    if not queue_name:
        if '@' not in name:
            raise InvalidInput('queue_name: is required (or give the member id, name@queue)')
        name, queue_name = name.rsplit('@', 1)
    fresh()
    row = found(live.member_row(queue_name, name), 'queue member', f'{name}@{queue_name}')
    return envelope.answer(_member(row))


def list_entries():
    limit, offset = page()
    fresh()
    now = time.time()
    return envelope.listed([_entry(row, now) for row in live.entry_page(limit, offset)])


def get_entry(unique_id):
    fresh()
    row = found(live.entry_row(unique_id), 'queue entry', unique_id)
    return envelope.answer(_entry(row, time.time()))


# -- cfg_queues (the store) --------------------------------------------------------------


class CfgQueueSchema(StrictSchema):
    name = fields.String()
    displayname = fields.String()
    number = fields.String()
    context = fields.String()
    data = fields.Dict(keys=fields.String())


_cfg = CfgQueueSchema()


def _cfg_shown(features, options):
    data = {}
    if options is not None:
        for key, name in OPTIONS.items():
            value = getattr(options, name, None)
            if value is not None:
                data[key] = conf_value(value)
    return {
        'name': features.name,
        'displayname': features.displayname,
        'number': features.number,
        'context': features.context,
        'data': data,
    }


def _cfg_input(given):
    data = given.get('data') or {}
    unknown = sorted(key for key in data if key not in OPTIONS)
    if unknown:
        raise InvalidInput(f'data.{unknown[0]}: not a queues.conf option xivows keeps')
    features = {
        key: given[key] for key in ('name', 'displayname', 'number', 'context') if key in given
    }
    return QueueInput(features=features, options=dict(data))


def list_cfg_queues():
    limit, offset = page()
    return envelope.listed(
        [
            _cfg_shown(features, options)
            for features, options in service.with_options(limit, offset)
        ]
    )


def get_cfg_queue(name):
    features = service.get_by_name(name)
    return envelope.answer(_cfg_shown(features, service.options_of(features)))


def post_cfg_queue():
    given = loaded(_cfg)
    for required in ('name', 'context'):
        if not given.get(required):
            raise InvalidInput(f'{required}: is required')
    renamed(NAMES, service.create, _cfg_input(given))
    return envelope.answer()


def put_cfg_queue(name):
    features = service.get_by_name(name)
    given = loaded(_cfg)
    if given.get('name', name) != name:
        raise InvalidInput('name: cannot be changed')
    renamed(NAMES, service.edit, features.id, _cfg_input(given))
    return envelope.answer()


def delete_cfg_queue(name):
    service.delete(service.get_by_name(name).id)
    return envelope.answer()
