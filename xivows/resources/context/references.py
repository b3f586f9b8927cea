"""Which tables hold context names. A context named in any declared column is in
use: it cannot be deleted, and the list and view show it as not deletable.

The columns of the core tables are built in below; a resource whose own table
stores a context name is declared once by the explicit wiring step
(`xivows.wiring`), whatever dialects are enabled:

    references.declare(Incall.context, 'incalls')

`condition` (an expression over the same table) narrows the rows that count,
e.g. only the dial actions that send calls to an extension. The check itself is
one UNION query, whatever the number of declared tables or of contexts."""

import functools
import operator
from collections import defaultdict
from dataclasses import dataclass

from peewee import Value

from xivows.models.agent import AgentFeatures
from xivows.models.agent_status import AgentLoginStatus
from xivows.models.context import ContextMember
from xivows.models.dialaction import Dialaction
from xivows.models.extension import Extension
from xivows.models.line import LineFeatures, SCCPLine, UserCustom, UserSIP
from xivows.models.queue import GroupFeatures, Queue, QueueFeatures
from xivows.models.voicemail import Voicemail

# A search result bigger than this checks every name rather than a huge IN list.
_MAX_IN = 900


@dataclass(frozen=True)
class Reference:
    field: object
    label: str
    condition: object = None


_references = {}


def declare(field, label, condition=None):
    """`field` (a peewee field) holds context names; `label` names its objects in
    the refusal reason. Declaring the same column again changes nothing."""
    key = (field.model._meta.table_name, field.column_name)
    _references.setdefault(key, Reference(field, label, condition))
    return field


def declared():
    return list(_references.values())


def _select(reference, names):
    field = reference.field
    query = field.model.select(field.alias('name'), Value(reference.label).alias('label'))
    query = query.where(field.is_null(False))
    if reference.condition is not None:
        query = query.where(reference.condition)
    if names is not None:
        query = query.where(field.in_(names))
    return query


def users(names=None):
    """{context name: set of labels} of the contexts in use, among `names`
    (every context when None). One query."""
    if names is not None:
        names = sorted(set(names))
        if not names:
            return {}
        if len(names) > _MAX_IN:
            names = None
    references = declared()
    if not references:
        return {}
    query = functools.reduce(operator.or_, (_select(ref, names) for ref in references))
    found = defaultdict(set)
    for name, label in query.tuples():
        found[name].add(label)
    return dict(found)


def used_by(name):
    """Sorted labels of what uses the context (empty when it is free)."""
    return sorted(users([name]).get(name, ()))


# The tables that existed when the registry was written; later resources are
# declared by the wiring step (xivows.wiring).
declare(Extension.context, 'extensions')
declare(LineFeatures.context, 'lines')
declare(UserSIP.context, 'SIP accounts')
declare(UserSIP.subscribecontext, 'SIP accounts')
declare(SCCPLine.context, 'SCCP lines')
declare(UserCustom.context, 'custom accounts')
declare(Voicemail.context, 'voicemails')
declare(Voicemail.exitcontext, 'voicemails')
declare(AgentFeatures.context, 'agents')
declare(AgentLoginStatus.context, 'agent logins')
declare(Queue.context, 'groups or queues')
declare(GroupFeatures.context, 'groups')
declare(QueueFeatures.context, 'queues')
declare(ContextMember.context, 'context members')
# Includes do not hold a context: deleting it removes the includes naming it (the
# original did so; xivo-ws's clean_many_entities deletes an included context first).
# A dial action "extension" holds the extension in actionarg1, its context in actionarg2.
declare(Dialaction.actionarg2, 'dial actions', Dialaction.action == 'extension')
