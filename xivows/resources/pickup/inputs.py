"""A call pickup group as callers give it, to add one (groups are not edited)."""

from dataclasses import dataclass, field


@dataclass
class PickupInput:
    """`fields`: the group's own fields (name, entity_id, description,
    commented, as in `PickupSchema`; no entity: the first one); `members`: its
    members, each {category: member|pickup, membertype: user|group|queue,
    memberid} (`member`: can be intercepted, `pickup`: can intercept)."""

    fields: dict = field(default_factory=dict)
    members: list | None = None
