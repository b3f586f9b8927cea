"""A statistics configuration as callers give it, to add one or to change one."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class StatsQueue:
    """A queue the statistics cover, with its quality of service (seconds)."""

    id: int
    qos: int = 0


@dataclass
class StatsConfInput:
    """`conf`: the configuration's own fields (name, hour_start, hour_end,
    dbegcache, periods, days, ... as in `StatsConfSchema`). An edit gives only
    what changes: absent fields keep their values; `queues`, `agents` (agent
    ids) and `xivousers` (web-interface user ids) are replaced only when not
    None."""

    conf: dict = field(default_factory=dict)
    queues: list[StatsQueue] | None = None
    agents: list[int] | None = None
    xivousers: list[int] | None = None
