"""A search of call events by time, as callers give it."""

import datetime
from dataclasses import dataclass, field


@dataclass
class Match:
    """Events whose `column` (accountcode or userfield) matches `value` in the
    `form` of queries.MATCHES: exact (case-insensitive), begin, contain or end."""

    column: str
    form: str
    value: str


@dataclass
class CelSearch:
    """Events from `start` to `end` inclusive, by time, at most `limit` (at
    most service.MAX_ROWS); only those of `context` when given, and matching
    every one of `matches`."""

    start: datetime.datetime
    end: datetime.datetime
    limit: int | None = None
    context: str | None = None
    matches: list[Match] = field(default_factory=list)
