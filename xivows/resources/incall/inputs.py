"""An incall as callers give it, to add one or to change one."""

from dataclasses import dataclass, field

from xivows.resources.ownerlinks.inputs import OwnerLinks


@dataclass
class IncallInput:
    """`fields`: the incall's own fields (exten, context, preprocess_subroutine,
    description, commented, as in `IncallSchema`); `links`: its answer
    (`dialaction` {'answer': {actiontype, action?, actionarg1?, actionarg2?}}),
    call permissions, caller id rule and schedule. An add needs the fields and
    the answer. An edit gives only what changes: absent fields keep their
    values, a dial action event not given keeps its stored one, and the other
    links are replaced only when not None."""

    fields: dict = field(default_factory=dict)
    links: OwnerLinks = field(default_factory=OwnerLinks)
