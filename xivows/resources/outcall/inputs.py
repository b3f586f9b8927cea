"""An outcall as callers give it, to add one or to change one."""

from dataclasses import dataclass, field

from xivows.resources.ownerlinks.inputs import OwnerLinks


@dataclass
class OutcallInput:
    """`fields`: the outcall's own fields (name, context, internal,
    hangupringtime, preprocess_subroutine, description, commented... as in
    `OutcallSchema`); `trunks`: the ids of the trunks it dials through, in
    priority order; `patterns`: its dial patterns ({exten, externprefix?,
    prefix?, stripnum?, callerid?} as in `DialPatternSchema`); `links`: call
    permissions and schedule. An add needs the fields and at least one trunk.
    An edit gives only what changes: absent fields keep their values, and the
    trunks, patterns and links are replaced only when not None."""

    fields: dict = field(default_factory=dict)
    trunks: list[int] | None = None
    patterns: list[dict] | None = None
    links: OwnerLinks = field(default_factory=OwnerLinks)
