"""What an owner (user, group, queue, incall, outcall) has in shared tables, as
a caller gives it. Each part is None when not given: the stored part is kept."""

from dataclasses import dataclass, fields
from typing import Any


@dataclass
class OwnerLinks:
    # {event: {actiontype, action?, actionarg1?, actionarg2?}} for the owner's events
    dialaction: dict | None = None
    # call permission ids (or {id} rows); [] removes them
    rightcall: Any = None
    # {mode, callerdisplay}; False or {} removes the rule
    callerid: Any = None
    # a schedule id; 0, '' or False removes the schedule
    schedule_id: Any = None

    @classmethod
    def given(cls, document: dict, keys=None) -> 'OwnerLinks':
        """The parts of `keys` found (not null) in a mapping of them."""
        names = keys or [field.name for field in fields(cls)]
        return cls(**{name: document[name] for name in names if document.get(name) is not None})
