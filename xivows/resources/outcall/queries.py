from __future__ import annotations

from typing import TYPE_CHECKING

from xivows.models.context import Context
from xivows.models.extension import Extension
from xivows.models.outcall import DialPattern, Outcall, OutcallTrunk
from xivows.models.trunk import TrunkFeatures
from xivows.search import contains_any

if TYPE_CHECKING:
    from collections.abc import Collection

KIND = 'outcall'


def find(outcall_id: int) -> Outcall | None:
    return Outcall.get_or_none(Outcall.id == outcall_id)


def listed(term: str | None = None) -> list[dict]:
    query = Outcall.select().order_by(Outcall.id)
    if term:
        query = query.where(contains_any([Outcall.name, Outcall.description], term))
    return list(query.dicts())


def all_ids() -> list[int]:
    return [row.id for row in Outcall.select(Outcall.id).order_by(Outcall.id)]


def name_taken(name: str, except_id: int | None = None) -> bool:
    query = Outcall.select().where(Outcall.name == name)
    if except_id is not None:
        query = query.where(Outcall.id != except_id)
    return query.exists()


def context_exists(name: str) -> bool:
    return Context.select().where(Context.name == name).exists()


def existing_trunk_ids(ids: Collection[int]) -> set[int]:
    if not ids:
        return set()
    return {
        row.id for row in TrunkFeatures.select(TrunkFeatures.id).where(TrunkFeatures.id.in_(ids))
    }


def patterns_of(outcall_id: int) -> list[DialPattern]:
    return list(
        DialPattern.select()
        .where((DialPattern.type == KIND) & (DialPattern.typeid == outcall_id))
        .order_by(DialPattern.id)
    )


def trunks_of(outcall_id: int) -> list[OutcallTrunk]:
    return list(
        OutcallTrunk.select()
        .where(OutcallTrunk.outcallid == outcall_id)
        .order_by(OutcallTrunk.priority, OutcallTrunk.id)
    )


def extens_taken(
    context: str, extens: Collection[str], pattern_ids: Collection[int] = ()
) -> list[str]:
    """The extens among `extens` held in the context by anything but the
    outcall's own patterns."""
    if not extens:
        return []
    query = Extension.select(Extension.exten).where(
        (Extension.context == context) & Extension.exten.in_(list(extens))
    )
    if pattern_ids:
        own = (Extension.type == KIND) & Extension.typeval.in_([str(i) for i in pattern_ids])
        query = query.where(~own)
    return sorted(row.exten for row in query)


def delete_patterns(outcall_id: int) -> None:
    patterns = patterns_of(outcall_id)
    if patterns:
        ids = [str(pattern.id) for pattern in patterns]
        Extension.delete().where((Extension.type == KIND) & Extension.typeval.in_(ids)).execute()
        DialPattern.delete().where(DialPattern.id.in_([p.id for p in patterns])).execute()


def delete_trunks(outcall_id: int) -> None:
    OutcallTrunk.delete().where(OutcallTrunk.outcallid == outcall_id).execute()


def delete_every_part() -> None:
    """The patterns (and their extensions) and trunk links of every outcall."""
    Extension.delete().where(Extension.type == KIND).execute()
    DialPattern.delete().where(DialPattern.type == KIND).execute()
    OutcallTrunk.delete().execute()
