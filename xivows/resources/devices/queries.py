from __future__ import annotations

from typing import TYPE_CHECKING

from xivows.models.device import Device
from xivows.models.line import LineFeatures
from xivows.search import contains_any

if TYPE_CHECKING:
    from collections.abc import Collection

    from peewee import ModelSelect

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


def all_devices() -> ModelSelect:
    return Device.select().order_by(Device.id)


def search(term: str) -> ModelSelect:
    return all_devices().where(contains_any(SEARCHABLE, term))


def find(device_id: str) -> Device | None:
    return Device.get_or_none(Device.id == device_id)


def find_by_mac(mac: str) -> Device | None:
    return Device.get_or_none(Device.mac == mac)


def macs_in_use(macs: Collection[str]) -> set[str]:
    """The subset of `macs` already stored (one query)."""
    if not macs:
        return set()
    query = Device.select(Device.mac)
    if len(macs) <= 900:
        query = query.where(Device.mac.in_(list(macs)))
    return {row.mac for row in query} & set(macs)


def lines_by_device() -> dict[str, tuple[str, str]]:
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


def line_of(device_id: str) -> LineFeatures | None:
    return (
        LineFeatures.select()
        .where(LineFeatures.device == device_id)
        .order_by(LineFeatures.num, LineFeatures.id)
        .first()
    )
