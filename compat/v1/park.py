"""/v1/admin/park: parked calls (GET; DELETE hangs the parkee up) and parking
lots as res_parking has them (live tables), and cfg_parkinglots: the parking
lots of the store through the parking lot service json.php uses. A
cfg_parkinglot is {"name", "description", "data": {res_parking.conf options}}:
`context` (the lot's dial plan context), `parkext`, `parkpos` (first-last),
`findslot` (next/first), `parkingtime`, `parkedmusicclass`,
`parkedcall{transfers,reparking,hangup,recording}` (caller/callee/both/no),
`parkinghints` (yes/no)."""

import time

from marshmallow import fields

from compat.v1 import envelope
from compat.v1.auth import own_transactions
from compat.v1.common import ReadOnly, StrictSchema, found, fresh, loaded, page
from compat.v1.configs import conf_value
from compat.v1.core import asked
from xivows import transaction
from xivows.errors import InvalidInput
from xivows.live import queries as live
from xivows.live import requests
from xivows.resources.parkinglot import service
from xivows.resources.parkinglot.inputs import ParkinglotInput

PARKED = {
    'parkee_unique_id': str,
    'parkee_linked_id': str,
    'parkee_channel': str,
    'parkee_channel_state': str,
    'parkee_channel_state_desc': str,
    'parkee_caller_id_name': str,
    'parkee_caller_id_num': str,
    'parkee_connected_line_name': str,
    'parkee_connected_line_num': str,
    'parkee_account_code': str,
    'parkee_context': str,
    'parkee_exten': str,
    'parkee_priority': str,
    'parker_dial_string': str,
    'parking_duration': int,
    'parking_lot': str,
    'parking_space': str,
    'parking_timeout': int,
    'tm_update': str,
}
LOT = {
    'name': str,
    'start_space': str,
    'stop_space': str,
    'stop_spcae': str,
    'timeout': int,
    'tm_update': str,
}
CFG = {'name': str, 'description': str, 'data': dict}
SCHEMAS = {
    name: envelope.schemas(name, shape)
    for name, shape in (('ParkedCall', PARKED), ('ParkingLot', LOT), ('CfgParkingLot', CFG))
}

WHO = {'': 'no', 'caller': 'caller', 'callee': 'callee', 'both': 'both'}
WHO_KEYS = {
    'parkedcalltransfers': 'calltransfers',
    'parkedcallreparking': 'callreparking',
    'parkedcallhangup': 'callhangup',
    'parkedcallrecording': 'callrecording',
}
DATA_KEYS = (
    'context',
    'parkext',
    'parkpos',
    'findslot',
    'parkingtime',
    'parkedmusicclass',
    *WHO_KEYS,
    'parkinghints',
)
YES, NO = ('yes', 'true', '1', 'on'), ('no', 'false', '0', 'off')
MOVED = (
    'parking lots are configured in the store: change them through /v1/admin/park/cfg_parkinglots'
)


def _text(value, where):
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InvalidInput(f'{where}: must be a string')
    return str(value).strip()


# -- parked calls ---------------------------------------------------------------------------


def _parked(row, now):
    def channel(key):
        value = row.get(key)
        return None if value is None else str(value)

    return {
        'parkee_unique_id': row['uniqueid'],
        'parkee_linked_id': row['linkedid'],
        'parkee_channel': row['channel'],
        'parkee_channel_state': channel('state'),
        'parkee_channel_state_desc': row.get('state_desc'),
        'parkee_caller_id_name': row['caller_id_name'],
        'parkee_caller_id_num': row['caller_id_num'],
        'parkee_connected_line_name': row['connected_line_name'],
        'parkee_connected_line_num': row['connected_line_num'],
        'parkee_account_code': row.get('account_code'),
        'parkee_context': row.get('context'),
        'parkee_exten': row.get('exten'),
        'parkee_priority': channel('priority'),
        'parker_dial_string': row['parker_dial_string'],
        'parking_duration': max(int(now - row['parked_at']), 0),
        'parking_lot': row['parkinglot'],
        'parking_space': row['space'],
        'parking_timeout': max(int(row['timeout_at'] - now), 0),
        'tm_update': envelope.stamp(max(row['changed_at'], row.get('channel_changed_at') or 0)),
    }


def list_parked():
    limit, offset = page()
    fresh()
    now = time.time()
    return envelope.listed([_parked(row, now) for row in live.parked_page(limit, offset)])


def _parked_row(unique_id):
    fresh()
    return found(live.parked_row(unique_id), 'parked call', unique_id)


def get_parked(unique_id):
    return envelope.answer(_parked(_parked_row(unique_id), time.time()))


@own_transactions
def delete_parked(unique_id):
    row = transaction.run_read(_parked_row, unique_id)
    return asked(requests.ask('hangup', channel=row['channel']), 'parked call', unique_id)


# -- parking lots (live) ----------------------------------------------------------------------


def _lot(row):
    return {
        'name': row['name'],
        'start_space': row['start_space'],
        'stop_space': row['stop_space'],
        'stop_spcae': row['stop_space'],
        'timeout': row['timeout'],
        'tm_update': envelope.stamp(row['changed_at']),
    }


def list_lots():
    limit, offset = page()
    fresh()
    return envelope.listed([_lot(row) for row in live.parking_lot_page(limit, offset)])


def get_lot(name):
    fresh()
    return envelope.answer(_lot(found(live.parking_lot_row(name), 'parking lot', name)))


@own_transactions
def lot_moved(name):
    raise ReadOnly(MOVED)


# -- cfg_parkinglots (the store) --------------------------------------------------------------


class CfgLotSchema(StrictSchema):
    name = fields.String()
    description = fields.String()
    data = fields.Dict(keys=fields.String())


_cfg = CfgLotSchema()


def _cfg_shown(lot):
    first = int(lot.extension) + 1 if lot.extension.isdigit() else None
    data = {
        'context': lot.context,
        'parkext': lot.extension,
        'parkpos': f'{first}-{first + lot.positions - 1}' if first else '',
        'findslot': 'next' if lot.next else 'first',
    }
    if lot.duration:
        data['parkingtime'] = conf_value(lot.duration)
    if lot.musicclass:
        data['parkedmusicclass'] = lot.musicclass
    for key, column in WHO_KEYS.items():
        data[key] = WHO.get(getattr(lot, column) or '', 'no')
    data['parkinghints'] = conf_value(bool(lot.hints))
    return {'name': lot.name, 'description': lot.description, 'data': data}


def _span(text, extension):
    """`parkpos` "first-last" -> (extension, positions); the spaces follow the
    park extension, as xivows generates them."""
    first, dash, last = text.partition('-')
    if not (dash and first.isdigit() and last.isdigit() and int(first) <= int(last)):
        raise InvalidInput('data.parkpos: must be first-last (numbers)')
    if extension is None:
        extension = str(int(first) - 1)
    if not extension.isdigit() or int(first) != int(extension) + 1:
        raise InvalidInput('data.parkpos: the spaces start right after parkext')
    return extension, int(last) - int(first) + 1


def _fields(given, stored=None):
    data = given.get('data') or {}
    unknown = sorted(key for key in data if key not in DATA_KEYS)
    if unknown:
        raise InvalidInput(f'data.{unknown[0]}: not an option xivows keeps for parking lots')
    values = {}
    for key in ('name', 'description'):
        if key in given:
            values[key] = given[key]
    text = {key: _text(value, f'data.{key}') for key, value in data.items()}
    if 'context' in text:
        values['context'] = text['context']
    if 'parkext' in text:
        values['extension'] = text['parkext']
    if 'parkpos' in text:
        extension = values.get('extension', stored.extension if stored else None)
        values['extension'], values['positions'] = _span(text['parkpos'], extension)
    if 'findslot' in text:
        if text['findslot'] not in ('next', 'first'):
            raise InvalidInput('data.findslot: must be next or first')
        values['next'] = text['findslot'] == 'next'
    if 'parkingtime' in text:
        if not text['parkingtime'].isdigit():
            raise InvalidInput('data.parkingtime: must be a number of seconds')
        values['duration'] = int(text['parkingtime'])
    if 'parkedmusicclass' in text:
        values['musicclass'] = text['parkedmusicclass']
    for key, column in WHO_KEYS.items():
        if key in text:
            if text[key] not in ('no', 'caller', 'callee', 'both'):
                raise InvalidInput(f'data.{key}: must be no, caller, callee or both')
            values[column] = '' if text[key] == 'no' else text[key]
    if 'parkinghints' in text:
        word = text['parkinghints'].lower()
        if word not in YES + NO:
            raise InvalidInput('data.parkinghints: must be yes or no')
        values['hints'] = word in YES
    return values


# domain field -> ours, in refusals
NAMES = {
    'extension': 'data.parkext',
    'context': 'data.context',
    'positions': 'data.parkpos',
    'duration': 'data.parkingtime',
    'musicclass': 'data.parkedmusicclass',
}


def _renamed(function, *args):
    """The service call; its refusals name this dialect's fields."""
    try:
        return function(*args)
    except InvalidInput as exc:
        message = exc.message
        if message.startswith('parking positions'):
            raise InvalidInput('data.parkpos: ' + message) from None
        for domain, ours in NAMES.items():
            if message.startswith(domain + ':'):
                raise InvalidInput(ours + message[len(domain) :]) from None
        raise


def list_cfg_lots():
    limit, offset = page()
    lots = service.listed()
    lots = lots[offset:] if limit is None else lots[offset : offset + limit]
    return envelope.listed([_cfg_shown(lot) for lot in lots])


def get_cfg_lot(name):
    return envelope.answer(_cfg_shown(service.get_by_name(name)))


def post_cfg_lot():
    given = loaded(_cfg)
    if not given.get('name'):
        raise InvalidInput('name: is required')
    _renamed(service.create, ParkinglotInput(fields=_fields(given)))
    return envelope.answer()


def put_cfg_lot(name):
    lot = service.get_by_name(name)
    _renamed(service.edit, lot.id, ParkinglotInput(fields=_fields(loaded(_cfg), lot)))
    return envelope.answer()


def delete_cfg_lot(name):
    service.delete(service.get_by_name(name).id)
    return envelope.answer()
