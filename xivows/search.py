"""The one search helper: case-insensitive substring match over declared columns
(wildcards in the term are taken literally), folding the case of all of
unicode. PostgreSQL runs ILIKE.

SQLite's own LIKE folds ASCII case only. The unicode-aware match is a Python
function (`xivows_like`, registered in xivows.db), called for each row a
search scans: 20 ms for a search of 10,000 users. So for a term of ASCII,
SQLite's LIKE answers for the rows of ASCII (exactly what unicode folding
answers there), and the Python function only for rows holding other
characters (the Kelvin sign matches `k`); a term of ASCII without an i, k or s
needs not even that (only four characters outside ASCII match an ASCII one
ignoring case: FOLDING_TO_ASCII). For a term with other characters, the Python
function answers for every row (an ASCII row may match it).

`contains_param(field, kind)` / `equals_param(...)` are the same conditions
with the term bound by name (values from `params(term)`), for prepared queries
(xivows/prepared.py), one prepared for each `match_kind` of term."""

import operator
from functools import reduce

from peewee import OP, SQL, Expression, NodeList, Value, fn

from xivows import db
from xivows.db import UNICODE_LIKE
from xivows.prepared import param

_ESCAPE = '\\'


# What a term needs beside SQLite's own LIKE (match_kind):
CASELESS = 'caseless'  # nothing: no character outside ASCII matches one of the term's
ASCII = 'ascii'  # the unicode match for the rows holding characters outside ASCII
UNICODE = 'unicode'  # the unicode match for every row (a term with other characters)
MATCH_KINDS = (CASELESS, ASCII, UNICODE)

# Ignoring case, the only characters outside ASCII that match an ASCII one (as
# `xivows_like` matches, with Python's re.IGNORECASE; tests/test_search.py checks
# every code point): dotted and dotless I, the Kelvin sign and the long s.
FOLDING_TO_ASCII = {'i': '\u0130\u0131', 'k': '\u212a', 's': '\u017f'}


def match_kind(term):
    """CASELESS, ASCII or UNICODE (see above): a term of ASCII is answered by
    SQLite's LIKE alone unless it holds an i, k or s (a character outside ASCII
    may match those ignoring case)."""
    if not term.isascii():
        return UNICODE
    return ASCII if any(letter in FOLDING_TO_ASCII for letter in term.lower()) else CASELESS


def _escaped(term):
    return term.replace('\\', '\\\\').replace('_', '\\_').replace('%', '\\%')


def _not_ascii(field):
    """SQLite: the text holds a character outside ASCII (more bytes than characters;
    cheaper than a GLOB of the few characters that matter)."""
    return fn.length(field) != fn.length(field.cast('BLOB'))


def _match(field, pattern, kind):
    """`field` matches the LIKE `pattern` (a node, backslash escapes),
    case-insensitively over all of unicode; `kind`: the term's match_kind."""
    escape = Value(_ESCAPE, converter=False)
    # peewee writes ILIKE as SQLite's LIKE (and LIKE as GLOB)
    native = Expression(field, OP.ILIKE, NodeList((pattern, SQL('ESCAPE'), escape)))
    if not db.is_sqlite() or kind == CASELESS:
        return native
    unicode_like = getattr(fn, UNICODE_LIKE)(pattern, field, escape)
    if kind == UNICODE:
        return unicode_like
    return native | (_not_ascii(field) & unicode_like)


def _text(value):
    return Value(value, converter=False)


def contains_any(fields, term):
    """WHERE clause: any of `fields` contains `term` (case-insensitive)."""
    pattern = _text(f'%{_escaped(term)}%')
    kind = match_kind(term)
    return reduce(operator.or_, (_match(field, pattern, kind) for field in fields))


def starts_with(field, term):
    return _match(field, _text(f'{_escaped(term)}%'), match_kind(term))


def ends_with(field, term):
    return _match(field, _text(f'%{_escaped(term)}'), match_kind(term))


def equals_ci(field, term):
    """Case-insensitive equality (no wildcards)."""
    return _match(field, _text(_escaped(term)), match_kind(term))


# -- the same, prepared: the term bound at run time -------------------------------


def params(term):
    """The values of the parameters of contains_param/equals_param."""
    escaped = _escaped(term)
    return {
        'search_contains': f'%{escaped}%',
        'search_equals': escaped,
    }


def contains_param(field, kind):
    """contains_any([field], term) with the term's parameters; `kind`: the
    term's match_kind (prepare one query for each)."""
    return _match(field, param('search_contains'), kind)


def equals_param(field, kind):
    """equals_ci(field, term) with the term's parameters."""
    return _match(field, param('search_equals'), kind)


def lowered_equals_param(field):
    """PostgreSQL: equals_param(field, kind) as lower(field) = lower(term), which
    a btree index on lower(field) serves (its ILIKE without wildcards folds
    case by the same lower()); the term is bound as `search_term`."""
    return fn.LOWER(field) == fn.LOWER(param('search_term'))
