"""The one search helper: case-insensitive substring match over declared columns
(wildcards in the term are taken literally). PostgreSQL runs ILIKE; SQLite runs
the unicode-aware LIKE registered in xivows.db."""
import operator
from functools import reduce

from peewee import OP, Expression


def contains_any(fields, term):
    """WHERE clause: any of `fields` contains `term` (case-insensitive)."""
    return reduce(operator.or_, (field.contains(term) for field in fields))


def equals_ci(field, term):
    """Case-insensitive equality (no wildcards)."""
    return Expression(field, OP.ILIKE, field._escape_like_expr(term, '%s'))
