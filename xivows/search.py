"""The one search helper: case-insensitive substring match over declared columns
(wildcards in the term are taken literally), folding the case of all of
unicode. PostgreSQL runs ILIKE.

SQLite's own LIKE folds ASCII case only. The unicode-aware match is a Python
function (`xivows_like`, registered in xivows.db), called for each row a
search scans: 20 ms for a search of 10,000 users. So for a term of ASCII,
SQLite's LIKE answers for the rows of ASCII (exactly what unicode folding
answers there), and the Python function only for rows holding other
characters (a non-ASCII row may match an ASCII term: the Kelvin sign folds to
`k`); for a term with other characters, the Python function answers for every
row (an ASCII row may match it).

`contains_param(field, ascii_term)` / `equals_param(...)` are the same
conditions with the term bound by name (values from `params(term)`), for
prepared queries (xivows/prepared.py), one prepared for each `ascii_term`."""

import operator
from functools import reduce

from peewee import OP, SQL, Expression, NodeList, Value, fn

from xivows import db
from xivows.db import UNICODE_LIKE
from xivows.prepared import param

_ESCAPE = '\\'


def is_ascii(term):
    return term.isascii()


def _escaped(term):
    return term.replace('\\', '\\\\').replace('_', '\\_').replace('%', '\\%')


def _not_ascii(field):
    """SQLite: the text holds a character outside ASCII (more bytes than characters)."""
    return fn.length(field) != fn.length(field.cast('BLOB'))


def _match(field, pattern, ascii_term):
    """`field` matches the LIKE `pattern` (a node, backslash escapes),
    case-insensitively over all of unicode."""
    escape = Value(_ESCAPE, converter=False)
    if not db.is_sqlite():
        return Expression(field, OP.ILIKE, NodeList((pattern, SQL('ESCAPE'), escape)))
    unicode_like = getattr(fn, UNICODE_LIKE)(pattern, field, escape)
    if not ascii_term:
        return unicode_like
    # peewee writes ILIKE as SQLite's LIKE (and LIKE as GLOB)
    native = Expression(field, OP.ILIKE, NodeList((pattern, SQL('ESCAPE'), escape)))
    return native | (_not_ascii(field) & unicode_like)


def _text(value):
    return Value(value, converter=False)


def contains_any(fields, term):
    """WHERE clause: any of `fields` contains `term` (case-insensitive)."""
    pattern = _text(f'%{_escaped(term)}%')
    return reduce(operator.or_, (_match(field, pattern, is_ascii(term)) for field in fields))


def starts_with(field, term):
    return _match(field, _text(f'{_escaped(term)}%'), is_ascii(term))


def ends_with(field, term):
    return _match(field, _text(f'%{_escaped(term)}'), is_ascii(term))


def equals_ci(field, term):
    """Case-insensitive equality (no wildcards)."""
    return _match(field, _text(_escaped(term)), is_ascii(term))


# -- the same, prepared: the term bound at run time -------------------------------


def params(term):
    """The values of the parameters of contains_param/equals_param."""
    escaped = _escaped(term)
    return {'search_contains': f'%{escaped}%', 'search_equals': escaped}


def contains_param(field, ascii_term):
    """contains_any([field], term) with the term's parameters; `ascii_term`:
    whether the term will be ASCII (prepare one query for each)."""
    return _match(field, param('search_contains'), ascii_term)


def equals_param(field, ascii_term):
    """equals_ci(field, term) with the term's parameters."""
    return _match(field, param('search_equals'), ascii_term)
