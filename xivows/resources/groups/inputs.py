"""A group as callers give it, to add one or to change one."""

from dataclasses import dataclass, field

from xivows.resources.ownerlinks.inputs import OwnerLinks
from xivows.resources.queue_members.inputs import MemberInput


@dataclass
class GroupInput:
    """`features`: the group's own fields (name, number, context, timeout, ...
    as in `GroupFeaturesSchema`); `options`: its Asterisk options (queues.conf
    names, as in `GroupQueueSchema`; the options every group has, e.g.
    `autopause` no, cannot be given other values). An edit gives only what
    changes: absent fields keep their values (a new name renames the group, its
    options and members); `users` (members in ring order: MemberInput with an
    optional penalty, or plain ids) and the links are replaced only when not
    None."""

    features: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)
    users: list[MemberInput | int] | None = None
    links: OwnerLinks = field(default_factory=OwnerLinks)
