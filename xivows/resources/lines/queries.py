from __future__ import annotations

from typing import TYPE_CHECKING

from peewee import JOIN

from xivows import numbering
from xivows.idsets import in_ids
from xivows.models.context import Context
from xivows.models.device import Device
from xivows.models.entity import Entity
from xivows.models.line import LineFeatures, SCCPLine, UserCustom, UserLine, UserSIP
from xivows.models.user import UserFeatures
from xivows.prepared import Prepared, Rows, param
from xivows.probe import lookup
from xivows.search import contains_any

if TYPE_CHECKING:
    from collections.abc import Collection

    from peewee import Model, ModelSelect

    from xivows.prepared import Bound

PROTOCOL_MODELS = {'sip': UserSIP, 'sccp': SCCPLine, 'custom': UserCustom}


# Rows every line view reads, prepared (xivows/prepared.py)
_LINE = Rows(LineFeatures, ('id',), limit=1)
_PROTOCOL_ROW = {
    protocol: Rows(model, ('id',), limit=1) for protocol, model in PROTOCOL_MODELS.items()
}
_USER_LINE = Rows(UserLine, ('line_id',), limit=1)


def find(line_id: int) -> LineFeatures | None:
    return _LINE.first(id=line_id)


def lines(
    search: str | None = None,
    free: bool | None = None,
    protocol: str | None = None,
    context: str | None = None,
) -> ModelSelect:
    """Lines with their user (or None), filtered as list/search ask."""
    query = (
        LineFeatures.select(LineFeatures, UserLine.user_id.alias('user_id'))
        .join(UserLine, JOIN.LEFT_OUTER, on=(UserLine.line_id == LineFeatures.id))
        .order_by(LineFeatures.id)
    )
    if free is True:
        query = query.where(UserLine.id.is_null())
    elif free is False:
        query = query.where(UserLine.id.is_null(False))
    if protocol:
        query = query.where(LineFeatures.protocol == protocol)
    if context:
        query = query.where(LineFeatures.context == context)
    if search:
        fields = [LineFeatures.number, LineFeatures.name]
        if not context:
            fields.append(LineFeatures.context)
        query = query.where(contains_any(fields, search))
    return query.dicts()


def protocol_rows(protocol: str, ids: Collection[int]) -> dict[int, dict]:
    """{id: row dict} of the protocol rows (one query)."""
    if not ids:
        return {}
    model = PROTOCOL_MODELS[protocol]
    if len(ids) > 900:  # whole table beats a huge IN list
        query = model.select()
    else:
        query = model.select().where(model.id.in_(list(ids)))
    return {row['id']: row for row in query.dicts()}


def protocol_objects(
    protocol: str, ids: Collection[int]
) -> dict[int, UserSIP | SCCPLine | UserCustom]:
    """{id: protocol row} (one query)."""
    model = PROTOCOL_MODELS[protocol]
    return {row.id: row for row in model.select().where(in_ids(model.id, ids))}


def users_by_id(ids: Collection[int]) -> dict[int, dict]:
    if not ids:
        return {}
    query = UserFeatures.select(UserFeatures.id, UserFeatures.firstname, UserFeatures.lastname)
    if len(ids) <= 900:
        query = query.where(UserFeatures.id.in_(list(ids)))
    return {row['id']: row for row in query.dicts()}


def entities_by_context() -> dict[str, dict]:
    """{context name: entity row} for contexts that belong to an entity."""
    query = (
        Context.select(Context.name.alias('context_name'), Entity)
        .join(Entity, on=(Entity.name == Context.entity))
        .dicts()
    )
    return {row.pop('context_name'): row for row in query}


def protocol_row(line: LineFeatures) -> UserSIP | SCCPLine | UserCustom | None:
    return _PROTOCOL_ROW[line.protocol].first(id=line.protocolid)


def user_line_of(line_id: int) -> UserLine | None:
    return _USER_LINE.first(line_id=line_id)


def with_owner(line_id: int) -> tuple[LineFeatures | None, int | None]:
    """(line, its user id or None), one query; (None, None) when no such line."""
    row = (
        LineFeatures.select(LineFeatures, UserLine.user_id.alias('owner_id'))
        .join(UserLine, JOIN.LEFT_OUTER, on=(UserLine.line_id == LineFeatures.id))
        .where(LineFeatures.id == line_id)
        .objects()
        .first()
    )
    return (row, row.owner_id) if row is not None else (None, None)


def all_with_owner() -> list[LineFeatures]:
    """Every line with its `user_id` (None when free), one query."""
    return list(
        LineFeatures.select(LineFeatures, UserLine.user_id.alias('user_id'))
        .join(UserLine, JOIN.LEFT_OUTER, on=(UserLine.line_id == LineFeatures.id))
        .objects()
    )


def of_users(user_ids: Collection[int]) -> list[LineFeatures]:
    """The lines of these users (with their `user_id`, `main_line` and `link_id`),
    one query."""
    return list(
        LineFeatures.select(
            LineFeatures,
            UserLine.user_id.alias('user_id'),
            UserLine.main_line.alias('main_line'),
            UserLine.id.alias('link_id'),
        )
        .join(UserLine, on=(UserLine.line_id == LineFeatures.id))
        .where(in_ids(UserLine.user_id, user_ids))
        .objects()
    )


def user_name(user_id: int) -> tuple[str, str]:
    """(firstname, lastname) of a user."""
    row = (
        UserFeatures.select(UserFeatures.firstname, UserFeatures.lastname)
        .where(UserFeatures.id == user_id)
        .tuples()
        .first()
    )
    return row or ('', '')


# -- lookups, as queries for a probe -------------------------------------------------
# Each answers many keys in one query for batches (xivows.batchprobe); keys of an
# edit (an `except_id`) are rare there and asked one by one.


def _sip_name_lookup(excluding: bool) -> ModelSelect:
    query = UserSIP.select().where(UserSIP.name == param('name', UserSIP.name))
    if excluding:
        query = query.where(UserSIP.id != param('except_id', UserSIP.id))
    return query


# Lookups asked on every add or edit, prepared (xivows/prepared.py): a probe
# uses their SQL as it is (xivows/probe.py).
_SIP_NAME_LOOKUPS = {
    excluding: Prepared(lambda e=excluding: _sip_name_lookup(e)) for excluding in (False, True)
}
_PROVISIONINGID_LOOKUP = Prepared(
    lambda: LineFeatures.select().where(
        LineFeatures.provisioningid == param('value', LineFeatures.provisioningid)
    )
)


def _names_in_use(model: type[Model]):
    """many() of a name lookup (name, except_id=None) of a protocol table."""

    def many(keys: Collection[tuple]) -> dict[tuple, bool]:
        found, plain = {}, {}
        for key in keys:
            name, except_id = key[0], key[1] if len(key) > 1 else None
            if except_id is None:
                plain.setdefault(name, []).append(key)
            else:
                found[key] = (
                    model.select().where((model.name == name) & (model.id != except_id)).exists()
                )
        for (name,) in model.select(model.name).where(in_ids(model.name, list(plain))).tuples():
            for key in plain.get(name, ()):
                found[key] = True
        return found

    return many


def _sip_name(name: str, except_id: int | None = None) -> tuple[str, str]:
    return ('sip name', name)


@lookup(many=_names_in_use(UserSIP), holds=_sip_name)
def sip_name_query(name: str, except_id: int | None = None) -> Bound:
    return _SIP_NAME_LOOKUPS[except_id is not None].bind(name=name, except_id=except_id)


def _sccp_name(name: str, except_id: int | None = None) -> tuple[str, str]:
    return ('sccp name', name)


@lookup(many=_names_in_use(SCCPLine), holds=_sccp_name)
def sccp_name_query(name: str, except_id: int | None = None) -> ModelSelect:
    query = SCCPLine.select().where(SCCPLine.name == name)
    if except_id is not None:
        query = query.where(SCCPLine.id != except_id)
    return query


def _devices_found(keys: Collection[tuple]) -> dict[tuple, bool]:
    return {
        (device,): True
        for (device,) in Device.select(Device.id)
        .where(in_ids(Device.id, {device for (device,) in keys}))
        .tuples()
    }


@lookup(many=_devices_found)
def device_query(device_id: str) -> ModelSelect:
    return Device.select().where(Device.id == device_id)


def _slots_found(keys: Collection[tuple]) -> dict[tuple, bool]:
    found = {}
    for key in keys:  # a device's slots: few lines give one
        found[key] = device_slot_query(*key).exists()
    return found


def _device_slot(
    device_id: str, num: int, except_line_id: int | None = None
) -> tuple[str, str, int]:
    return ('device slot', device_id, num)


@lookup(many=_slots_found, holds=_device_slot)
def device_slot_query(device_id: str, num: int, except_line_id: int | None = None) -> ModelSelect:
    query = LineFeatures.select().where(
        (LineFeatures.device == device_id) & (LineFeatures.num == num)
    )
    if except_line_id is not None:
        query = query.where(LineFeatures.id != except_line_id)
    return query


def _provisioningids_found(keys: Collection[tuple]) -> dict[tuple, bool]:
    return {
        (value,): True
        for (value,) in LineFeatures.select(LineFeatures.provisioningid)
        .where(in_ids(LineFeatures.provisioningid, {value for (value,) in keys}))
        .tuples()
    }


@lookup(many=_provisioningids_found)
def provisioningid_query(value: int) -> Bound:
    return _PROVISIONINGID_LOOKUP.bind(value=value)


context_query = numbering.context_query
