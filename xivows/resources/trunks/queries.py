from __future__ import annotations

from typing import TYPE_CHECKING

from peewee import fn

from xivows.models.context import Context
from xivows.models.line import UserCustom, UserSIP
from xivows.models.outcall import Outcall, OutcallTrunk
from xivows.models.trunk import TrunkFeatures, TrunkRegister, UserIAX
from xivows.search import contains_any

if TYPE_CHECKING:
    from peewee import Expression, Field

MODELS = {'sip': UserSIP, 'iax': UserIAX, 'custom': UserCustom}


def search_fields(protocol: str) -> list[Field]:
    model = MODELS[protocol]
    if protocol == 'custom':
        return [model.name]
    return [model.name, model.username]


def find(protocol: str, trunk_id: int) -> TrunkFeatures | None:
    """The trunkfeatures row of a trunk of this protocol, or None."""
    return TrunkFeatures.get_or_none(
        (TrunkFeatures.id == trunk_id) & (TrunkFeatures.protocol == protocol)
    )


def protocol_row(features: TrunkFeatures) -> UserSIP | UserIAX | UserCustom | None:
    model = MODELS[features.protocol]
    return model.get_or_none(model.id == features.protocolid)


def register_of(features: TrunkFeatures) -> TrunkRegister | None:
    if not features.registerid:
        return None
    return TrunkRegister.get_or_none(TrunkRegister.id == features.registerid)


def listed(protocol: str, term: str | None = None) -> list[tuple[dict, dict, dict | None]]:
    """[(features dict, protocol row dict, register dict or None)] in id order:
    one query for the trunks, one for their registers."""
    model = MODELS[protocol]
    query = (
        model.select(
            model,
            TrunkFeatures.id.alias('tf_id'),
            TrunkFeatures.protocolid.alias('tf_protocolid'),
            TrunkFeatures.registerid.alias('tf_registerid'),
            TrunkFeatures.registercommented.alias('tf_registercommented'),
            TrunkFeatures.description.alias('tf_description'),
        )
        .join(
            TrunkFeatures,
            on=((TrunkFeatures.protocolid == model.id) & (TrunkFeatures.protocol == protocol)),
        )
        .order_by(TrunkFeatures.id)
    )
    if term:
        query = query.where(contains_any(search_fields(protocol), term))
    rows = list(query.dicts())
    registers = {}
    register_ids = [row['tf_registerid'] for row in rows if row['tf_registerid']]
    if register_ids and protocol != 'custom':
        selected = TrunkRegister.select()
        if len(register_ids) <= 900:
            selected = selected.where(TrunkRegister.id.in_(register_ids))
        registers = {row['id']: row for row in selected.dicts()}
    result = []
    for row in rows:
        features = {
            'id': row.pop('tf_id'),
            'protocol': protocol,
            'protocolid': row.pop('tf_protocolid'),
            'registerid': row.pop('tf_registerid'),
            'registercommented': row.pop('tf_registercommented'),
            'description': row.pop('tf_description'),
        }
        result.append((features, row, registers.get(features['registerid'])))
    return result


def one(trunk_id: int) -> Expression:
    """The condition naming one trunk (for first_used and delete_trunks)."""
    return TrunkFeatures.id == trunk_id


def of_protocol(protocol: str) -> Expression:
    """The condition naming every trunk of a protocol."""
    return TrunkFeatures.protocol == protocol


def count_of(protocol: str) -> int:
    return TrunkFeatures.select().where(of_protocol(protocol)).count()


def name_taken(protocol: str, name: str, except_id: int | None = None) -> bool:
    model = MODELS[protocol]
    query = model.select().where(model.name == name)
    if protocol == 'custom':
        query = query.where(model.category == 'trunk')
    if except_id is not None:
        query = query.where(model.id != except_id)
    return query.exists()


def interface_taken(interface: str, suffix: str, except_id: int | None = None) -> bool:
    query = UserCustom.select().where(
        (UserCustom.interface == interface) & (UserCustom.intfsuffix == suffix)
    )
    if except_id is not None:
        query = query.where(UserCustom.id != except_id)
    return query.exists()


def context_exists(name: str) -> bool:
    return Context.select().where(Context.name == name).exists()


def first_used(which: Expression) -> tuple[int, list[str]] | None:
    """(id, outcall names) of the first trunk of `which` an outcall dials
    through, or None: one query."""
    trunks = TrunkFeatures.select(TrunkFeatures.id).where(which)
    first = OutcallTrunk.select(fn.MIN(OutcallTrunk.trunkfeaturesid)).where(
        OutcallTrunk.trunkfeaturesid.in_(trunks)
    )
    rows = list(
        Outcall.select(OutcallTrunk.trunkfeaturesid, Outcall.name)
        .join(OutcallTrunk, on=(OutcallTrunk.outcallid == Outcall.id))
        .where(OutcallTrunk.trunkfeaturesid == first)
        .order_by(Outcall.name)
        .tuples()
    )
    if not rows:
        return None
    return rows[0][0], [name for _, name in rows]


def delete_trunks(protocol: str, which: Expression) -> None:
    """The register lines, protocol rows and trunkfeatures rows of the trunks
    of `which` (of `protocol`): three statements, whatever their number."""
    model = MODELS[protocol]
    (
        TrunkRegister.delete()
        .where(TrunkRegister.id.in_(TrunkFeatures.select(TrunkFeatures.registerid).where(which)))
        .execute()
    )
    (
        model.delete()
        .where(
            model.id.in_(TrunkFeatures.select(TrunkFeatures.protocolid).where(which))
            & (model.category == 'trunk')
        )
        .execute()
    )
    TrunkFeatures.delete().where(which).execute()
