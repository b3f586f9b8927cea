"""What an incall's answer leads to, as list items show it: per destination
type the detail keys (userfirstname, groupname...), a label (`destidentity`)
and the columns that `search` matches.

Destination tables are found by table name: meetme and outcall belong to
resources built alongside this one, and a table that does not exist yet is
simply not described."""
import functools
from dataclasses import dataclass
from typing import Callable

from peewee import Cast

from xivows import models
from xivows.models.dialaction import Dialaction
from xivows.search import contains_any

# Every list item carries these keys (null unless the destination has that
# type); voicemenu* only ever null, as in the 2013 list xivo-ws was tested on.
DETAIL_KEYS = ('userfirstname', 'userlastname', 'groupname', 'groupnumber', 'groupcontext',
               'queuename', 'queuenumber', 'queuecontext', 'meetmename', 'meetmenumber',
               'meetmecontext', 'voicemailfullname', 'voicemailmailbox', 'voicemailcontext',
               'voicemenuname', 'voicemenunumber', 'voicemenucontext')


def _name_at(name, number, context):
    return lambda row: f'{row[name]} ({row[number]}@{row[context]})'


def _fullname(row):
    return f'{row["firstname"] or ""} {row["lastname"] or ""}'.strip() or '-'


@dataclass(frozen=True)
class Kind:
    actiontype: str
    table: str
    keys: dict           # wire key -> column
    label: Callable      # row -> destidentity
    searched: tuple = ()  # columns matched by search
    extra: tuple = ()     # other columns the label needs

    def columns(self):
        return tuple(dict.fromkeys((*self.keys.values(), *self.searched, *self.extra)))


KINDS = (
    Kind('user', 'userfeatures', {'userfirstname': 'firstname', 'userlastname': 'lastname'},
         _fullname, searched=('firstname', 'lastname')),
    Kind('group', 'groupfeatures',
         {'groupname': 'name', 'groupnumber': 'number', 'groupcontext': 'context'},
         _name_at('name', 'number', 'context'), searched=('name', 'number')),
    Kind('queue', 'queuefeatures',
         {'queuename': 'name', 'queuenumber': 'number', 'queuecontext': 'context'},
         _name_at('name', 'number', 'context'), searched=('name', 'number')),
    Kind('meetme', 'meetmefeatures',
         {'meetmename': 'name', 'meetmenumber': 'confno', 'meetmecontext': 'context'},
         _name_at('name', 'confno', 'context'), searched=('name', 'confno')),
    Kind('voicemail', 'voicemail',
         {'voicemailfullname': 'fullname', 'voicemailmailbox': 'mailbox',
          'voicemailcontext': 'context'},
         _name_at('fullname', 'mailbox', 'context'), searched=('fullname', 'mailbox', 'email')),
    Kind('schedule', 'schedule', {}, lambda row: row['name'], extra=('name',)),
    Kind('outcall', 'outcall', {}, lambda row: row['name'], extra=('name',)),
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


def details(actiontype):
    """{id as text: row} of the `actiontype` destinations that incalls answer
    to (one query); None when the type is not described."""
    kind = BY_ACTIONTYPE.get(actiontype)
    model = _usable(kind) if kind else None
    if model is None:
        return None
    referenced = (Dialaction.select(Dialaction.actionarg1)
                  .where((Dialaction.category == 'incall') & (Dialaction.event == 'answer')
                         & (Dialaction.action == actiontype) & Dialaction.linked))
    query = (model.select(model._meta.primary_key.alias('destination_id'),
                          *(getattr(model, column) for column in kind.columns()))
             .where(_id_text(model).in_(referenced)))
    return {str(row['destination_id']): row for row in query.dicts()}


def describe(actiontype, row):
    """(detail keys, label) of a found destination."""
    kind = BY_ACTIONTYPE[actiontype]
    return {key: row[column] for key, column in kind.keys.items()}, kind.label(row)


def search_condition(term):
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
        clause = ((Dialaction.action == kind.actiontype) & Dialaction.linked
                  & Dialaction.actionarg1.in_(matching))
        condition = clause if condition is None else condition | clause
    return condition
