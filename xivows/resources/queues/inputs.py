"""A queue as callers give it, to add one or to change one."""

from dataclasses import dataclass, field

from xivows.resources.ownerlinks.inputs import OwnerLinks
from xivows.resources.queue_members.inputs import MemberInput


@dataclass
class QueueInput:
    """`features`: the queue's own fields (name, displayname, number, context,
    timeout, ... as in `QueueFeaturesSchema`); `options`: its Asterisk options
    (queues.conf names, e.g. `wrapuptime`, `timeout` = a member's ring time, as
    in `QueueSchema`). An edit gives only what changes: absent fields keep their
    values (the name cannot change: given, it must be the stored one); `agents`
    and `users` (members in ring order: MemberInput with an optional penalty, or
    plain ids) and the links are replaced only when not None."""

    features: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)
    agents: list[MemberInput | int] | None = None
    users: list[MemberInput | int] | None = None
    links: OwnerLinks = field(default_factory=OwnerLinks)
