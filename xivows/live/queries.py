"""Reads of Asterisk's live state for the dialects: one copy in the store, fed by
the background worker. Call `require_fresh()` first: it raises
`xivows.errors.Unavailable` (503, with the reason) when the worker is not
connected to Asterisk or its data is older than `LIVE_MAX_AGE` seconds; the
functions below then return model rows (see xivows/models/live.py), each with
`changed_at`. Filters are exact matches; ordering is stable."""
import time

from xivows import settings
from xivows.errors import Unavailable
from xivows.models.live import (LiveChannel, LiveConnection, LiveDeviceState, LiveParkedCall,
                                LivePjsipAor, LivePjsipAuth, LivePjsipContact,
                                LivePjsipEndpoint, LiveQueue, LiveQueueEntry, LiveQueueMember,
                                LiveRegistration)

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
        raise Unavailable(f'live state unavailable: Asterisk not connected'
                          f'{": " + link.error if link.error else ""}')
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
