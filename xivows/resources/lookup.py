"""What every resource's `get` does: the stored object, or NotFound naming it."""

from xivows.errors import NotFound


def found(row, kind: str, ident):
    """`row`, or NotFound(`no such <kind>: <ident>`) when it is None."""
    if row is None:
        raise NotFound.of(kind, ident)
    return row
