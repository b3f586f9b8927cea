from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from peewee import JOIN, fn

from xivows import db
from xivows.idsets import in_ids
from xivows.models.agent import AgentFeatures
from xivows.models.context import Context
from xivows.models.cti import CtiProfile
from xivows.models.entity import Entity
from xivows.models.extension import Extension
from xivows.models.line import LineFeatures, UserLine
from xivows.models.moh import MusicOnHold
from xivows.models.queue import GroupFeatures, QueueFeatures, QueueMember
from xivows.models.user import PhoneFunckey, UserFeatures
from xivows.models.voicemail import Voicemail
from xivows.prepared import Columns, Prepared, param
from xivows.probe import lookup
from xivows.search import (
    ASCII,
    MATCH_KINDS,
    UNICODE,
    contains_any,
    contains_param,
    equals_ci,
    equals_param,
    lowered_equals_param,
    match_kind,
    params,
)

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator

    from peewee import Field, Model, ModelSelect

    from xivows.prepared import Bound


def find(user_id: int) -> UserFeatures | None:
    return UserFeatures.get_or_none(UserFeatures.id == user_id)


def all_ids() -> list[int]:
    return [row[0] for row in UserFeatures.select(UserFeatures.id).tuples()]


def listed() -> ModelSelect:
    """Users whose entity exists (the original's list joined the entity)."""
    return (
        UserFeatures.select(UserFeatures)
        .join(Entity, on=(Entity.id == UserFeatures.entityid))
        .order_by(UserFeatures.id)
    )


def search(term: str) -> ModelSelect:
    """Name contains, userfield equals, or a line number contains the term."""
    full_name = UserFeatures.firstname.concat(' ').concat(UserFeatures.lastname)
    with_line = (
        UserFeatures.select(UserFeatures.id)
        .join(UserLine, on=(UserLine.user_id == UserFeatures.id))
        .join(LineFeatures, on=(LineFeatures.id == UserLine.line_id))
        .where(contains_any([LineFeatures.number], term))
    )
    return listed().where(
        contains_any([full_name], term)
        | equals_ci(UserFeatures.userfield, term)
        | UserFeatures.id.in_(with_line)
    )


def _search_query(kind: str, spaced: bool) -> ModelSelect:
    """search() with the term bound at run time.

    SQLite scans the users once; a term without a space is in "firstname
    lastname" exactly when it is in one of them, and each column is matched
    alone then (cheaper than matching the joined text). PostgreSQL gathers the
    ids of each way of matching apart, each served by its index (trigrams,
    migration 0070; lower(userfield), 0095), as an OR over them would scan the
    table."""
    full_name = UserFeatures.firstname.concat(' ').concat(UserFeatures.lastname)
    with_line = (
        UserLine.select(UserLine.user_id)
        .join(LineFeatures, on=(LineFeatures.id == UserLine.line_id))
        .where(contains_param(LineFeatures.number, kind))
    )
    tagged = equals_param(UserFeatures.userfield, kind)
    if not db.is_sqlite():
        named = UserFeatures.select(UserFeatures.id).where(contains_param(full_name, kind))
        # the userfield by its lower() index (migration 0095)
        tagged = lowered_equals_param(UserFeatures.userfield)
        return listed().where(
            UserFeatures.id.in_(
                named | UserFeatures.select(UserFeatures.id).where(tagged) | with_line
            )
        )
    if spaced:
        by_name = contains_param(full_name, kind)
    else:
        by_name = contains_param(UserFeatures.firstname, kind) | contains_param(
            UserFeatures.lastname, kind
        )
    return listed().where(by_name | tagged | UserFeatures.id.in_(with_line))


def _not_ascii(column: str) -> str:
    # as migration 0090 writes its indexes' conditions (and search._not_ascii)
    return f'length({column}) != length(CAST({column} AS BLOB))'


def _sqlite_search(kind: str, spaced: bool) -> str:
    """SQLite, a term of ASCII (match_kind CASELESS or ASCII): the ids of each
    way of matching gathered apart, each read as cheaply as SQLite can, with the
    indexes of migration 0090: the names by a scan of their index, the userfield
    by its index (LIKE without wildcards for a term of ASCII is equality folding
    ASCII case: NOCASE), the line numbers as before; for match_kind ASCII, the
    unicode match of the rows holding characters outside ASCII, read from the
    partial indexes (each subquery holds its index's condition as it is
    written there). The same rows as _search_query, without reading every
    user's whole row nor testing its columns for such characters."""
    like = "{} LIKE :search_contains ESCAPE '\\'"
    unicode_like = "xivows_like(:search_contains, {}, '\\')"
    if spaced:
        native = like.format('("n"."firstname" || \' \' || "n"."lastname")')
        unicode = unicode_like.format('"a"."firstname" || \' \' || "a"."lastname"')
    else:
        native = ' OR '.join(like.format(f'"n"."{name}"') for name in ('firstname', 'lastname'))
        unicode = ' OR '.join(
            unicode_like.format(f'"a"."{name}"') for name in ('firstname', 'lastname')
        )
    others = ''
    if kind == ASCII:
        users_not_ascii = ' OR '.join(
            _not_ascii(f'"a"."{name}"') for name in ('firstname', 'lastname', 'userfield')
        )
        others = f"""
  UNION
  SELECT "a"."id" FROM "userfeatures" AS "a" INDEXED BY "userfeatures_not_ascii"
  WHERE ({users_not_ascii})
    AND ({unicode} OR xivows_like(:search_equals, "a"."userfield", '\\'))
  UNION
  SELECT "ul"."user_id" FROM "linefeatures" AS "l" INDEXED BY "linefeatures_not_ascii"
  CROSS JOIN "user_line" AS "ul" ON "ul"."line_id" = "l"."id"
  WHERE {_not_ascii('"l"."number"')} AND {unicode_like.format('"l"."number"')}"""
    return f"""
SELECT {_LISTED_U.sql} FROM "userfeatures" AS "u"
JOIN "entity" AS "e" ON "e"."id" = "u"."entityid"
WHERE "u"."id" IN (
  SELECT "n"."id" FROM "userfeatures" AS "n" WHERE {native}
  UNION
  SELECT "t"."id" FROM "userfeatures" AS "t"
  WHERE "t"."userfield" = :search_term COLLATE NOCASE
  UNION
  SELECT "ul"."user_id" FROM "user_line" AS "ul"
  JOIN "linefeatures" AS "l" ON "l"."id" = "ul"."line_id"
  WHERE {like.format('"l"."number"')}{others})
ORDER BY "u"."id"
"""


def _search_build(kind: str, spaced: bool):
    if kind != UNICODE and db.is_sqlite():
        return _sqlite_search(kind, spaced)
    return _search_query(kind, spaced)


_LISTED = Prepared(listed)
_LISTED_U = Columns(UserFeatures, 'u')
_SEARCH = {
    (kind, spaced): Prepared(lambda a=kind, s=spaced: _search_build(a, s))
    for kind in MATCH_KINDS
    for spaced in (True, False)
}


def listed_rows() -> Iterator[tuple]:
    """listed() as tuples (UserFeatures' columns in field order): one statement,
    whose rows are read as they are iterated (a list answer is written row by
    row, never holding every user at once)."""
    return iter(_LISTED.execute())


def search_rows(term: str) -> Iterator[tuple]:
    """search(term) as tuples, read as they are iterated: one statement."""
    return iter(_SEARCH[match_kind(term), ' ' in term].execute(search_term=term, **params(term)))


def main_lines(user_ids: Collection[int]) -> dict[int, LineFeatures]:
    """{user id: its main line (LineFeatures)} of the users that have one: one query."""
    if not user_ids:
        return {}
    found = {}
    query = (
        LineFeatures.select(LineFeatures, UserLine.user_id.alias('owner_id'))
        .join(UserLine, on=(UserLine.line_id == LineFeatures.id))
        .where(in_ids(UserLine.user_id, user_ids))
        .order_by(UserLine.user_id, UserLine.main_line.desc(), UserLine.id)
    )
    for line in query.objects():
        found.setdefault(line.owner_id, line)
    return found


def existing_ids(ids: Collection[int]) -> set[int]:
    """The ids among `ids` that are users (one query)."""
    if not ids:
        return set()
    return {
        row[0]
        for row in UserFeatures.select(UserFeatures.id)
        .where(in_ids(UserFeatures.id, ids))
        .tuples()
    }


def line_of(user_id: int) -> tuple[LineFeatures | None, UserLine | None]:
    """(the user's main line, its user_line row), or (None, None): one query."""
    link = (
        UserLine.select(UserLine, LineFeatures)
        .join(LineFeatures, on=(LineFeatures.id == UserLine.line_id), attr='line')
        .where(UserLine.user_id == user_id)
        .order_by(UserLine.main_line.desc(), UserLine.id)
        .first()
    )
    return (link.line, link) if link else (None, None)


# -- the view, in two statements ----------------------------------------------------


@dataclass
class ViewParts:
    """What a user's view shows, read at once: the user, its main line and
    user_line row, voicemail (and its context's entity display name), extension,
    schedule, entity with its contexts, and whether it has memberships, call
    permissions, dial actions or function keys (read only then)."""

    user: UserFeatures
    line: LineFeatures | None
    link: UserLine | None
    voicemail: Voicemail | None
    voicemail_entity_displayname: str
    extension: Extension | None
    schedule_id: int
    entity: Entity | None
    contexts: list
    has_members: bool
    has_rightcalls: bool
    has_dialactions: bool
    has_funckeys: bool


_U, _UL, _L = Columns(UserFeatures, 'u'), Columns(UserLine, 'ul'), Columns(LineFeatures, 'l')
_V, _X = Columns(Voicemail, 'v'), Columns(Extension, 'x')
_E, _C = Columns(Entity, 'e'), Columns(Context, 'c')

# The main line is the user's line first by main_line, then id (as line_of);
# the extension is the one `numbering.extension_of('user', id)` returns; the
# voicemail entity is the entity named by the voicemail context's `entity`.
_VIEW = Prepared(
    lambda: (
        f"""
SELECT {_U.sql}, {_UL.sql}, {_L.sql}, {_V.sql}, "ve"."displayname", {_X.sql},
  "sp"."schedule_id",
  EXISTS (SELECT 1 FROM "queuemember" AS "qm"
          WHERE "qm"."usertype" = 'user' AND "qm"."userid" = "u"."id"),
  EXISTS (SELECT 1 FROM "rightcallmember" AS "r"
          WHERE "r"."type" = 'user' AND "r"."typeval" = :id_text),
  EXISTS (SELECT 1 FROM "dialaction" AS "d"
          WHERE "d"."category" = 'user' AND "d"."categoryval" = :id_text),
  EXISTS (SELECT 1 FROM "phonefunckey" AS "f" WHERE "f"."iduserfeatures" = "u"."id")
FROM "userfeatures" AS "u"
LEFT JOIN "user_line" AS "ul" ON "ul"."id" = (
  SELECT "ul2"."id" FROM "user_line" AS "ul2"
  JOIN "linefeatures" AS "l2" ON "l2"."id" = "ul2"."line_id"
  WHERE "ul2"."user_id" = "u"."id" ORDER BY "ul2"."main_line" DESC, "ul2"."id" LIMIT 1)
LEFT JOIN "linefeatures" AS "l" ON "l"."id" = "ul"."line_id"
LEFT JOIN "voicemail" AS "v" ON "v"."uniqueid" = "u"."voicemailid"
LEFT JOIN "context" AS "vc" ON "vc"."name" = "v"."context"
LEFT JOIN "entity" AS "ve" ON "ve"."name" = "vc"."entity"
LEFT JOIN "extensions" AS "x" ON "x"."id" = (
  SELECT "x2"."id" FROM "extensions" AS "x2"
  WHERE "x2"."type" = 'user' AND "x2"."typeval" = :id_text LIMIT 1)
LEFT JOIN "schedule_path" AS "sp" ON "sp"."path" = 'user' AND "sp"."pathid" = "u"."id"
WHERE "u"."id" = :id"""
    ),
    server_side=True,
)

_ENTITY = Prepared(
    lambda: (
        f"""
SELECT {_E.sql}, {_C.sql} FROM "entity" AS "e"
LEFT JOIN "context" AS "c" ON "c"."entity" = "e"."name"
WHERE "e"."id" = :id ORDER BY "c"."name"
"""
    ),
    server_side=True,
)


def view_parts(user_id: int) -> ViewParts | None:
    """The ViewParts of a user, or None: two statements."""
    row = _VIEW.first(id=user_id, id_text=str(user_id))
    if row is None:
        return None
    at = 0
    parts = []
    for columns in (_U, _UL, _L, _V):
        parts.append(columns.instance(row, at))
        at += columns.width
    user, link, line, voicemail = parts
    displayname = row[at]
    extension = _X.instance(row, at + 1)
    at += 1 + _X.width
    schedule_id, members, rightcalls, dialactions, keys = row[at : at + 5]
    entity, contexts = None, []
    for entity_row in _ENTITY.tuples(id=user.entityid):
        entity = _E.instance(entity_row)
        context = _C.instance(entity_row, _E.width)
        if context is not None:
            contexts.append(context)
    return ViewParts(
        user=user,
        line=line if link else None,
        link=link,
        voicemail=voicemail,
        voicemail_entity_displayname=displayname or '',
        extension=extension,
        schedule_id=schedule_id or 0,
        entity=entity,
        contexts=contexts,
        has_members=bool(members),
        has_rightcalls=bool(rightcalls),
        has_dialactions=bool(dialactions),
        has_funckeys=bool(keys),
    )


def entity_with_contexts(entity_id: int) -> tuple[Entity | None, list[Context]]:
    entity = Entity.get_or_none(Entity.id == entity_id)
    if entity is None:
        return None, []
    contexts = list(Context.select().where(Context.entity == entity.name).order_by(Context.name))
    return entity, contexts


def memberships(user_id: int, category: str) -> ModelSelect:
    """The user's queuemember rows of a category, with the group/queue id."""
    owner = GroupFeatures if category == 'group' else QueueFeatures
    return (
        QueueMember.select(QueueMember, owner.id.alias('owner_id'))
        .join(owner, JOIN.LEFT_OUTER, on=(owner.name == QueueMember.queue_name))
        .where(
            (QueueMember.usertype == 'user')
            & (QueueMember.userid == user_id)
            & (QueueMember.category == category)
        )
        .order_by(QueueMember.queue_name)
        .dicts()
    )


def funckeys(user_id: int) -> list[PhoneFunckey]:
    return list(
        PhoneFunckey.select()
        .where(PhoneFunckey.iduserfeatures == user_id)
        .order_by(PhoneFunckey.fknum)
    )


def entity_displayname(context_name: str) -> str:
    """Display name of the entity owning a context ('' when none)."""
    row = (
        Entity.select(Entity.displayname)
        .join(Context, on=(Context.entity == Entity.name))
        .where(Context.name == context_name)
        .first()
    )
    return row.displayname if row else ''


def existing_names(model: type[Model], names: Collection[str]) -> set[str]:
    """The names among `names` of groups or queues (one query)."""
    if not names:
        return set()
    return {row[0] for row in model.select(model.name).where(model.name.in_(names)).tuples()}


# -- lookups, as queries for a probe -------------------------------------------------
# Each also answers many keys at once for batches (xivows.batchprobe); keys of an
# edit (an `except_id`) are rare there and asked one by one.


# Lookups asked on every add or edit, prepared (xivows/prepared.py): a probe
# uses their SQL as it is (xivows/probe.py).
_ENTITY_LOOKUP = Prepared(lambda: Entity.select().where(Entity.id == param('id', Entity.id)))
_MOH_LOOKUP = Prepared(
    lambda: MusicOnHold.select().where(MusicOnHold.name == param('name', MusicOnHold.name))
)


def _voicemail_user_lookup(excluding: bool) -> ModelSelect:
    query = (
        UserFeatures.select(UserFeatures.id)
        .join(Voicemail, on=(Voicemail.uniqueid == UserFeatures.voicemailid))
        .where(
            (Voicemail.mailbox == param('mailbox', Voicemail.mailbox))
            & (Voicemail.context == param('context', Voicemail.context))
        )
    )
    if excluding:
        query = query.where(UserFeatures.id != param('except_id', UserFeatures.id))
    return query.order_by(UserFeatures.id)


_VOICEMAIL_USER_LOOKUPS = {
    excluding: Prepared(lambda e=excluding: _voicemail_user_lookup(e))
    for excluding in (False, True)
}


def _ids_found(model: type[Model], column: Field | None = None):
    """many() of an existence lookup by one value."""
    column = column or model.id

    def many(keys: Collection[tuple]) -> dict[tuple, bool]:
        return {
            (value,): True
            for (value,) in model.select(column)
            .where(in_ids(column, {value for (value,) in keys}))
            .tuples()
        }

    return many


def _first_by_lower(column: Field, result: Field):
    """many() of a lookup by a case-insensitive name: {(name,): result column}."""

    def many(keys: Collection[tuple]) -> dict[tuple, object]:
        wanted = {}
        for key in keys:
            wanted.setdefault(key[0].lower(), []).append(key)
        found = {}
        for name, value in (
            column.model.select(fn.LOWER(column), result)
            .where(in_ids(fn.LOWER(column), list(wanted)))
            .order_by(result)
            .tuples()
        ):
            for key in wanted.get(name, ()):
                found.setdefault(key, value)
        return found

    return many


@lookup(many=_ids_found(Entity))
def entity_query(entity_id: int) -> Bound:
    return _ENTITY_LOOKUP.bind(id=entity_id)


def _logins_found(keys: Collection[tuple]) -> dict[tuple, bool]:
    found = {}
    plain = {}
    for key in keys:
        login, except_id = key[0], key[1] if len(key) > 1 else None
        if except_id is None:
            plain.setdefault(login.lower(), []).append(key)
        else:
            found[key] = login_query(*key).exists()
    for (login,) in (
        UserFeatures.select(fn.LOWER(UserFeatures.loginclient))
        .where(in_ids(fn.LOWER(UserFeatures.loginclient), list(plain)))
        .tuples()
    ):
        for key in plain.get(login, ()):
            found[key] = True
    return found


def _login(login: str, except_id: int | None = None) -> tuple[str, str]:
    return ('client login', login.lower())


@lookup(many=_logins_found, holds=_login)
def login_query(login: str, except_id: int | None = None) -> ModelSelect:
    query = UserFeatures.select().where(fn.LOWER(UserFeatures.loginclient) == login.lower())
    if except_id is not None:
        query = query.where(UserFeatures.id != except_id)
    return query


@lookup(many=_first_by_lower(CtiProfile.name, CtiProfile.id))
def cti_profile_by_name_query(name: str) -> ModelSelect:
    return CtiProfile.select(CtiProfile.id).where(fn.LOWER(CtiProfile.name) == name.lower())


@lookup(many=_ids_found(CtiProfile))
def cti_profile_query(profile_id: int) -> ModelSelect:
    return CtiProfile.select().where(CtiProfile.id == profile_id)


def _agents_by_number(keys: Collection[tuple]) -> dict[tuple, int]:
    return {
        (number,): agent_id
        for number, agent_id in AgentFeatures.select(AgentFeatures.number, AgentFeatures.id)
        .where(in_ids(AgentFeatures.number, {number for (number,) in keys}))
        .order_by(AgentFeatures.id.desc())
        .tuples()
    }


@lookup(many=_agents_by_number)
def agent_by_number_query(number: str) -> ModelSelect:
    return AgentFeatures.select(AgentFeatures.id).where(AgentFeatures.number == number)


@lookup(many=_ids_found(AgentFeatures))
def agent_query(agent_id: int) -> ModelSelect:
    return AgentFeatures.select().where(AgentFeatures.id == agent_id)


@lookup(many=_ids_found(MusicOnHold, MusicOnHold.name))
def moh_query(name: str) -> Bound:
    return _MOH_LOOKUP.bind(name=name)


def _voicemail_users(keys: Collection[tuple]) -> dict[tuple, int | None]:
    """many() of voicemail_user_query: the lowest user id per box."""
    found = {}
    plain = {}
    for key in keys:
        mailbox, context, except_id = (key + (None,))[:3]
        if except_id is None:
            plain.setdefault((mailbox, context), []).append(key)
        else:
            found[key] = voicemail_user_query(*key).scalar()
    for context in {context for _, context in plain}:
        mailboxes = [mailbox for mailbox, in_context in plain if in_context == context]
        for mailbox, user_id in (
            UserFeatures.select(Voicemail.mailbox, fn.MIN(UserFeatures.id))
            .join(Voicemail, on=(Voicemail.uniqueid == UserFeatures.voicemailid))
            .where((Voicemail.context == context) & in_ids(Voicemail.mailbox, mailboxes))
            .group_by(Voicemail.mailbox)
            .tuples()
        ):
            for key in plain.get((mailbox, context), ()):
                found[key] = user_id
    return found


@lookup(many=_voicemail_users)
def voicemail_user_query(mailbox: str, context: str, except_id: int | None = None) -> Bound:
    """The id of a user of the box of mailbox@context (other than `except_id`)."""
    return _VOICEMAIL_USER_LOOKUPS[except_id is not None].bind(
        mailbox=mailbox, context=context, except_id=except_id
    )
