"""A queue as callers give it, to add one or to change one."""
from dataclasses import dataclass, field

from xivows.resources.ownerlinks.inputs import OwnerLinks


@dataclass
class QueueInput:
    """`features`: the queue's own fields (name, displayname, number, context,
    timeout, ... as in `QueueFeaturesSchema`); `options`: its Asterisk options
    (queues.conf names, as in `QueueSchema`). An edit gives only what changes:
    absent fields keep their values, and `agents`/`users` (member ids in ring
    order) and the links are replaced only when not None."""
    features: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)
    agents: list[int] | None = None
    users: list[int] | None = None
    links: OwnerLinks = field(default_factory=OwnerLinks)
