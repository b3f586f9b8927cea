"""The destinations incalls answer to (users, groups, queues, rooms, voicemail
boxes, schedules, outcalls): per destination type its table, the columns that
describe a destination and the columns that `search` matches.

Destination tables are found by table name: meetme and outcall belong to
resources built alongside this one, and a table that does not exist yet is
simply not described."""

import functools
from dataclasses import dataclass

from peewee import Cast

from xivows import models
from xivows.models.dialaction import Dialaction
from xivows.search import contains_any


@dataclass(frozen=True)
class Kind:
    actiontype: str
    table: str
    described: tuple  # columns that describe a destination
    searched: tuple = ()  # columns matched by search

    def columns(self):
        return tuple(dict.fromkeys((*self.described, *self.searched)))


KINDS = (
    Kind('user', 'userfeatures', ('firstname', 'lastname'), searched=('firstname', 'lastname')),
    Kind('group', 'groupfeatures', ('name', 'number', 'context'), searched=('name', 'number')),
    Kind('queue', 'queuefeatures', ('name', 'number', 'context'), searched=('name', 'number')),
    Kind('meetme', 'meetmefeatures', ('name', 'confno', 'context'), searched=('name', 'confno')),
    Kind(
        'voicemail',
        'voicemail',
        ('fullname', 'mailbox', 'context'),
        searched=('fullname', 'mailbox', 'email'),
    ),
    Kind('schedule', 'schedule', ('name',)),
    Kind('outcall', 'outcall', ('name',)),
)
BY_ACTIONTYPE = {kind.actiontype: kind for kind in KINDS}


@functools.cache
def _model(table):
    for model in models.all_models():
        if model._meta.table_name == table:
            return model
    return None


def _usable(kind):
    """The kind's model, or None when its table (or a column) is not there."""
    model = _model(kind.table)
    if model is None or not all(column in model._meta.fields for column in kind.columns()):
        return None
    return model


def _id_text(model):
    # actionarg1 is text: ids are compared cast to text.
    return Cast(model._meta.primary_key, 'TEXT')


def details(actiontype: str) -> dict | None:
    """{id as text: row (a dict of the described columns)} of the `actiontype`
    destinations that incalls answer to (one query); None when the type is not
    described."""
    kind = BY_ACTIONTYPE.get(actiontype)
    model = _usable(kind) if kind else None
    if model is None:
        return None
    referenced = Dialaction.select(Dialaction.actionarg1).where(
        (Dialaction.category == 'incall')
        & (Dialaction.event == 'answer')
        & (Dialaction.action == actiontype)
        & Dialaction.linked
    )
    query = model.select(
        model._meta.primary_key.alias('destination_id'),
        *(getattr(model, column) for column in kind.columns()),
    ).where(_id_text(model).in_(referenced))
    return {str(row['destination_id']): row for row in query.dicts()}


def search_condition(term: str):
    """Dial actions whose destination matches `term` (case-insensitive contains)."""
    condition = None
    for kind in KINDS:
        model = _usable(kind)
        if model is None or not kind.searched:
            continue
        fields = [getattr(model, column) for column in kind.searched]
        if kind.actiontype == 'user':
            fields.append(model.firstname.concat(' ').concat(model.lastname))
        matching = model.select(_id_text(model)).where(contains_any(fields, term))
        clause = (
            (Dialaction.action == kind.actiontype)
            & Dialaction.linked
            & Dialaction.actionarg1.in_(matching)
        )
        condition = clause if condition is None else condition | clause
    return condition
