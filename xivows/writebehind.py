"""New rows written without waiting for the database, on PostgreSQL.

A row's INSERT waits for its new id (RETURNING), one round trip each: a user's
add writes six rows, each referring to the one before. When a write knows the
rows it is about to create, `reserved({Model: count})` draws their ids first
(one statement, from the tables' sequences, as the bulk writes do); then each
`Model.create()` of those models takes the next drawn id and its INSERT is held
back to go out with the transaction's next statement or its COMMIT
(xivows.db). Same rows, same ids in the same order, one round trip instead of
six. Ids drawn and not used stay unused (ids are never given twice anyway).
Given the write's probe (`reserved(counts, probe)`, before the probe runs),
the ids are drawn by the probe's query, with the write's checks: no statement
of their own. They are drawn then even if a check refuses the write.

Elsewhere (SQLite: a local call, no round trip), nothing changes."""

import contextlib
from collections import deque
from contextvars import ContextVar

from xivows import bulkinsert, db

_reserved = ContextVar('xivows_reserved_ids', default=None)


@contextlib.contextmanager
def reserved(counts: dict, probe=None):
    """Within it, the new rows of the models counted take drawn ids and their
    INSERTs are held (PostgreSQL; elsewhere nothing is drawn). With `probe`
    (a xivows.probe.Probe), the ids are drawn by its next query."""
    counts = {model: count for model, count in counts.items() if count > 0}
    if not counts or not db.is_postgresql():
        yield
        return
    if probe is None:
        drawn = bulkinsert.reserve_ids_of(counts)
    else:
        drawn = {model: probe.draw(sql) for model, sql in bulkinsert.id_draws(counts)}
    token = _reserved.set(_Drawn(drawn))
    try:
        yield
    finally:
        _reserved.reset(token)


class _Drawn:
    """The drawn ids of each model: a list, or a probe's answer read at the
    first take."""

    def __init__(self, drawn: dict):
        self._drawn = drawn
        self._left = {}

    def take(self, model) -> int | None:
        left = self._left.get(model)
        if left is None:
            drawn = self._drawn.get(model)
            if drawn is None:
                return None
            ids = drawn if isinstance(drawn, list) else drawn.value
            left = self._left[model] = deque(sorted(ids))
        return left.popleft() if left else None


def take(model) -> int | None:
    """The next drawn id of `model` within reserved(), else None."""
    reserved_ = _reserved.get()
    if reserved_ is None:
        return None
    return reserved_.take(model)
