"""A context as callers give it, to add one or to change one."""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class NumberRange:
    """Numbers a context gives one type of objects: `numberbeg`, `numberend`
    (none: a single number), `didlength` (incall ranges only). Values are
    digits, checked by the service (`RangeSchema`)."""

    numberbeg: Any = None
    numberend: Any = None
    didlength: Any = None


@dataclass
class ContextInput:
    """`context`: the context's own fields (name, displayname, entity,
    contexttype, description, commented, as in `ContextSchema`); on edit, absent
    or None fields keep their values and the name cannot change. `includes`:
    the names of the contexts it includes, in priority order (None: kept).
    `numbers`: {type: [NumberRange]} for the types given (user, group, queue,
    meetme, incall); each type given replaces its ranges, others are kept."""

    context: dict = field(default_factory=dict)
    includes: list[str] | None = None
    numbers: dict[str, list[NumberRange]] = field(default_factory=dict)
