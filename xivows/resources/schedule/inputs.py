"""A schedule as callers give it, to add one (schedules are not edited)."""

from dataclasses import dataclass, field


@dataclass
class ScheduleInput:
    """`fields`: the schedule's own fields (name, entity_id, timezone,
    description, commented, as in `ScheduleSchema`); `fallback`: where calls
    go outside the opening hours, a dial action {actiontype, action?,
    actionarg1?, actionarg2?} (None: nowhere); `opened`: the opening periods,
    each {hours: "08:00-12:00", weekdays?: "1-5", monthdays?: "1-31",
    months?: "1-12"}; `closed`: closed periods, the same with `dialaction`:
    where their calls go."""

    fields: dict = field(default_factory=dict)
    fallback: dict | None = None
    opened: list = field(default_factory=list)
    closed: list = field(default_factory=list)
