"""A parking lot as callers give it, to add one or to change one."""

from dataclasses import dataclass, field


@dataclass
class ParkinglotInput:
    """`fields`: the lot's fields (name, context, extension, positions, next,
    duration, calltransfers, callreparking, callhangup, callrecording,
    musicclass, hints, commented, description, as in `ParkinglotSchema`). An
    edit gives only what changes: absent (or null) fields keep their values.
    Other keys are refused."""

    fields: dict = field(default_factory=dict)
