"""New rows written without waiting for the database, on PostgreSQL.

A row's INSERT waits for its new id (RETURNING), one round trip each: a user's
add writes six rows, each referring to the one before. When a write knows the
rows it is about to create, `reserved({Model: count})` draws their ids first
(one statement, from the tables' sequences, as the bulk writes do); then each
`Model.create()` of those models takes the next drawn id and its INSERT is held
back to go out with the transaction's next statement or its COMMIT
(xivows.db). Same rows, same ids in the same order, one round trip instead of
six. Ids drawn and not used stay unused (ids are never given twice anyway).

Elsewhere (SQLite: a local call, no round trip), nothing changes."""

import contextlib
from collections import deque
from contextvars import ContextVar

from xivows import bulkinsert, db

_reserved = ContextVar('xivows_reserved_ids', default=None)


@contextlib.contextmanager
def reserved(counts: dict):
    """Within it, the new rows of the models counted take drawn ids and their
    INSERTs are held (PostgreSQL; elsewhere nothing is drawn)."""
    counts = {model: count for model, count in counts.items() if count > 0}
    if not counts or not db.is_postgresql():
        yield
        return
    drawn = bulkinsert.reserve_ids_of(counts)
    token = _reserved.set({model: deque(ids) for model, ids in drawn.items()})
    try:
        yield
    finally:
        _reserved.reset(token)


def take(model) -> int | None:
    """The next drawn id of `model` within reserved(), else None."""
    reserved_ = _reserved.get()
    if reserved_ is None:
        return None
    ids = reserved_.get(model)
    return ids.popleft() if ids else None
