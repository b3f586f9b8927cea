"""/v1/device_states and /v1/device_states/ (`device` in the query or body):
Asterisk's device states (NOT_INUSE, INUSE, RINGING, UNAVAILABLE...), live."""

from compat.v1 import envelope
from compat.v1.common import found, fresh, key, page
from xivows.live import queries as live

SHAPE = {'device': str, 'state': str, 'tm_update': str}
ITEM, ONE, MANY = envelope.schemas('DeviceState', SHAPE)
_, _, NAME_LIST = envelope.schemas('DeviceName', {'device': str})


def list_devices():
    limit, offset = page()
    fresh()
    return envelope.listed([{'device': row['device']} for row in live.device_page(limit, offset)])


def get_device():
    device = key('device')
    fresh()
    row = found(live.device_row(device), 'device', device)
    return envelope.answer(
        {
            'device': row['device'],
            'state': row['state'],
            'tm_update': envelope.stamp(row['changed_at']),
        }
    )
