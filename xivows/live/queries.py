"""Reads of Asterisk's live state for the dialects: one copy in the store, fed by
the background worker. Call `require_fresh()` first: it raises
`xivows.errors.Unavailable` (503, with the reason) when the worker is not
connected to Asterisk or its data is older than `LIVE_MAX_AGE` seconds; the
functions below then return model rows (see xivows/models/live.py), each with
`changed_at`. Filters are exact matches; ordering is stable."""

import time

from peewee import JOIN, Case, fn

from xivows import settings
from xivows.db import database
from xivows.errors import Unavailable
from xivows.models.live import (
    LiveChannel,
    LiveConnection,
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

CONNECTION = 'ami'


def connection():
    """The worker's AMI link (LiveConnection row), or None if no worker ever ran."""
    return LiveConnection.get_or_none(LiveConnection.name == CONNECTION)


def require_connected():
    link = connection()
    if link is None:
        raise Unavailable('live state unavailable: the background worker has not run')
    if not link.configured:
        raise Unavailable('live state unavailable: no Asterisk configured (AMI_HOST)')
    if not link.connected:
        raise Unavailable(
            f'live state unavailable: Asterisk not connected'
            f'{": " + link.error if link.error else ""}'
        )
    return link


def require_fresh():
    """The link, when connected, resynced once, and seen alive within the bound."""
    link = require_connected()
    if link.synced_at is None:
        raise Unavailable('live state unavailable: first synchronization in progress')
    age = time.time() - (link.checked_at or 0)
    bound = float(settings.get('LIVE_MAX_AGE'))
    if age > bound:
        raise Unavailable(f'live state unavailable: last seen {age:.0f} s ago (bound {bound:g} s)')
    return link


def queues():
    return list(LiveQueue.select().order_by(LiveQueue.name))


def queue(name):
    return LiveQueue.get_or_none(LiveQueue.name == name)


def queue_members(queue_name=None):
    query = LiveQueueMember.select()
    if queue_name is not None:
        query = query.where(LiveQueueMember.queue == queue_name)
    return list(query.order_by(LiveQueueMember.queue, LiveQueueMember.interface))


def queue_entries(queue_name=None):
    """Callers waiting, by queue then position."""
    query = LiveQueueEntry.select()
    if queue_name is not None:
        query = query.where(LiveQueueEntry.queue == queue_name)
    return list(query.order_by(LiveQueueEntry.queue, LiveQueueEntry.position))


def channels():
    return list(LiveChannel.select().order_by(LiveChannel.created_at, LiveChannel.channel))


def channel(name):
    return LiveChannel.get_or_none(LiveChannel.channel == name)


def device_states():
    return list(LiveDeviceState.select().order_by(LiveDeviceState.device))


def device_state(device):
    return LiveDeviceState.get_or_none(LiveDeviceState.device == device)


def endpoints():
    return list(LivePjsipEndpoint.select().order_by(LivePjsipEndpoint.name))


def contacts(aor=None):
    query = LivePjsipContact.select()
    if aor is not None:
        query = query.where(LivePjsipContact.aor == aor)
    return list(query.order_by(LivePjsipContact.aor, LivePjsipContact.uri))


def aors():
    return list(LivePjsipAor.select().order_by(LivePjsipAor.name))


def auths():
    return list(LivePjsipAuth.select().order_by(LivePjsipAuth.name))


def registrations():
    return list(LiveRegistration.select().order_by(LiveRegistration.name))


def parked_calls(parkinglot=None):
    query = LiveParkedCall.select()
    if parkinglot is not None:
        query = query.where(LiveParkedCall.parkinglot == parkinglot)
    return list(query.order_by(LiveParkedCall.parkinglot, LiveParkedCall.space))


# -- pages of rows as dicts (list endpoints: one query, no model instances) -----------
#
# `limit` None: every row; `offset`: rows skipped first. Same order as above.


def _rows(query):
    """The rows as dicts straight from the driver's cursor: the driver already
    gives ints, floats and strings, and peewee's per-value conversion was most of
    a wallboard poll's time. Booleans are 0/1 on SQLite."""
    cursor = database.execute(query)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _page(query, limit=None, offset=0):
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return _rows(query)


def _one(query):
    rows = _rows(query.limit(1))
    return rows[0] if rows else None


def queue_page(limit=None, offset=0):
    return _page(LiveQueue.select().order_by(LiveQueue.name), limit, offset)


def queue_row(name):
    return _one(LiveQueue.select().where(LiveQueue.name == name))


def member_page(limit=None, offset=0):
    return _page(
        LiveQueueMember.select().order_by(LiveQueueMember.queue, LiveQueueMember.interface),
        limit,
        offset,
    )


def member_row(queue_name, member):
    """A queue member by its name (`Agent/1001`) or interface."""
    return _one(
        LiveQueueMember.select()
        .where(
            (LiveQueueMember.queue == queue_name)
            & ((LiveQueueMember.member_name == member) | (LiveQueueMember.interface == member))
        )
        .order_by(LiveQueueMember.interface)
    )


def member_changed_at(interface):
    """The last change of a member's rows (every queue), or None."""
    return (
        LiveQueueMember.select(fn.MAX(LiveQueueMember.changed_at))
        .where(LiveQueueMember.interface == interface)
        .scalar()
    )


def entry_page(limit=None, offset=0):
    return _page(
        LiveQueueEntry.select().order_by(LiveQueueEntry.queue, LiveQueueEntry.position),
        limit,
        offset,
    )


def entry_row(uniqueid):
    return _one(LiveQueueEntry.select().where(LiveQueueEntry.uniqueid == uniqueid))


def channel_page(limit=None, offset=0):
    return _page(
        LiveChannel.select().order_by(LiveChannel.created_at, LiveChannel.channel), limit, offset
    )


def channel_row(uniqueid):
    return _one(LiveChannel.select().where(LiveChannel.uniqueid == uniqueid))


def channel_of_device(device):
    """The newest channel of a device (`PJSIP/alice` -> `PJSIP/alice-0000002a`)."""
    prefix = device + '-'
    return _one(
        LiveChannel.select()
        .where(fn.SUBSTR(LiveChannel.channel, 1, len(prefix)) == prefix)
        .order_by(LiveChannel.created_at.desc(), LiveChannel.channel.desc())
    )


def device_page(limit=None, offset=0):
    return _page(LiveDeviceState.select().order_by(LiveDeviceState.device), limit, offset)


def device_row(device):
    return _one(LiveDeviceState.select().where(LiveDeviceState.device == device))


def endpoint_page(limit=None, offset=0):
    return _page(LivePjsipEndpoint.select().order_by(LivePjsipEndpoint.name), limit, offset)


def endpoint_row(name):
    return _one(LivePjsipEndpoint.select().where(LivePjsipEndpoint.name == name))


def endpoint_links():
    """[(endpoint name, aor, auths)]: which endpoint uses which AOR and auth."""
    return list(
        LivePjsipEndpoint.select(
            LivePjsipEndpoint.name, LivePjsipEndpoint.aor, LivePjsipEndpoint.auths
        ).tuples()
    )


def contact_page(limit=None, offset=0, endpoint=None):
    query = LivePjsipContact.select()
    if endpoint is not None:
        query = query.where(LivePjsipContact.endpoint == endpoint)
    return _page(query.order_by(LivePjsipContact.aor, LivePjsipContact.uri), limit, offset)


def contact_row(name):
    return _one(LivePjsipContact.select().where(LivePjsipContact.name == name))


def contact_counts():
    """{aor: (contacts, contacts reachable or not qualified)}."""
    usable = fn.SUM(
        Case(None, [(LivePjsipContact.status.in_(('Reachable', 'NonQualified')), 1)], 0)
    )
    return {
        aor: (total, int(registered or 0))
        for aor, total, registered in LivePjsipContact.select(
            LivePjsipContact.aor, fn.COUNT(LivePjsipContact.id), usable
        )
        .group_by(LivePjsipContact.aor)
        .tuples()
    }


def aor_page(limit=None, offset=0):
    return _page(LivePjsipAor.select().order_by(LivePjsipAor.name), limit, offset)


def aor_row(name):
    return _one(LivePjsipAor.select().where(LivePjsipAor.name == name))


def auth_page(limit=None, offset=0):
    return _page(LivePjsipAuth.select().order_by(LivePjsipAuth.name), limit, offset)


def auth_row(name):
    return _one(LivePjsipAuth.select().where(LivePjsipAuth.name == name))


def registration_page(limit=None, offset=0):
    return _page(LiveRegistration.select().order_by(LiveRegistration.name), limit, offset)


def registration_row(name):
    return _one(LiveRegistration.select().where(LiveRegistration.name == name))


def _parked_query():
    """Parked calls with their parkee's channel (state, dial plan place)."""
    return LiveParkedCall.select(
        LiveParkedCall,
        LiveChannel.state,
        LiveChannel.state_desc,
        LiveChannel.account_code,
        LiveChannel.context,
        LiveChannel.exten,
        LiveChannel.priority,
        LiveChannel.changed_at.alias('channel_changed_at'),
    ).join(LiveChannel, JOIN.LEFT_OUTER, on=(LiveChannel.channel == LiveParkedCall.channel))


def parked_page(limit=None, offset=0):
    return _page(
        _parked_query().order_by(LiveParkedCall.parkinglot, LiveParkedCall.space), limit, offset
    )


def parked_row(uniqueid):
    return _one(_parked_query().where(LiveParkedCall.uniqueid == uniqueid))


def parking_lot_page(limit=None, offset=0):
    return _page(LiveParkingLot.select().order_by(LiveParkingLot.name), limit, offset)


def parking_lot_row(name):
    return _one(LiveParkingLot.select().where(LiveParkingLot.name == name))


def module_page(limit=None, offset=0):
    return _page(LiveModule.select().order_by(LiveModule.name), limit, offset)


def module_row(name):
    """A module by its name, with or without `.so`."""
    names = [name, name[:-3] if name.endswith('.so') else name + '.so']
    return _one(LiveModule.select().where(LiveModule.name.in_(names)).order_by(LiveModule.name))


def system_page(limit=None, offset=0):
    return _page(LiveSystem.select().order_by(LiveSystem.id), limit, offset)


def system_row(system_id):
    return _one(LiveSystem.select().where(LiveSystem.id == system_id))
