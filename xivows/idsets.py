"""A set of ids as ONE query parameter, so that a statement about many objects
(a delete-all, its cascades) stays one statement whatever their number, and
never meets a database's limit of bound parameters (SQLite's is 32766 in
common builds): PostgreSQL compares with `= ANY(array)`, SQLite reads the set
from a JSON array with `json_each`. Small sets are a plain `IN` list."""

import json

from peewee import SQL, Value, fn

from xivows import db

_PLAIN_LIMIT = 100


def in_ids(field, ids):
    """`field IN ids` (`ids` ints, or strings for text columns)."""
    ids = list(ids)
    if len(ids) <= _PLAIN_LIMIT:
        return field.in_(ids)
    if db.is_postgresql():
        return field == fn.ANY(Value(ids, converter=False, unpack=False))
    return field.in_(SQL('(SELECT value FROM json_each(?))', [json.dumps(ids)]))


def texts(ids):
    """Ids as a text column holds them (dial actions' `categoryval`, ...)."""
    return [str(ident) for ident in ids]
