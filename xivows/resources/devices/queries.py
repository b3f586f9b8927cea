from xivows.models.device import Device
from xivows.models.line import LineFeatures
from xivows.search import contains_any

SEARCHABLE = (
    Device.ip,
    Device.mac,
    Device.sn,
    Device.plugin,
    Device.vendor,
    Device.model,
    Device.version,
    Device.description,
)


def all_devices():
    return Device.select().order_by(Device.id)


def search(term):
    return all_devices().where(contains_any(SEARCHABLE, term))


def find(device_id):
    return Device.get_or_none(Device.id == device_id)


def find_by_mac(mac):
    return Device.get_or_none(Device.mac == mac)


def macs_in_use(macs):
    """The subset of `macs` already stored (one query)."""
    if not macs:
        return set()
    query = Device.select(Device.mac)
    if len(macs) <= 900:
        query = query.where(Device.mac.in_(list(macs)))
    return {row.mac for row in query} & set(macs)


def lines_by_device():
    """{device id: (number, context)} of the first line (lowest slot) of every
    device that a line uses, in one query."""
    query = (
        LineFeatures.select(LineFeatures.device, LineFeatures.number, LineFeatures.context)
        .where(LineFeatures.device != '')
        .order_by(LineFeatures.device, LineFeatures.num, LineFeatures.id)
        .tuples()
    )
    found = {}
    for device, number, context in query:
        found.setdefault(device, (number, context))
    return found


def line_of(device_id):
    return (
        LineFeatures.select()
        .where(LineFeatures.device == device_id)
        .order_by(LineFeatures.num, LineFeatures.id)
        .first()
    )
