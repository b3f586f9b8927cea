from peewee import JOIN, fn

from xivows.idsets import in_ids
from xivows.models.agent import AgentFeatures
from xivows.models.context import Context
from xivows.models.cti import CtiProfile
from xivows.models.entity import Entity
from xivows.models.line import LineFeatures, UserLine
from xivows.models.moh import MusicOnHold
from xivows.models.queue import GroupFeatures, QueueFeatures, QueueMember
from xivows.models.user import PhoneFunckey, UserFeatures
from xivows.models.voicemail import Voicemail
from xivows.probe import lookup
from xivows.search import contains_any, equals_ci


def find(user_id):
    return UserFeatures.get_or_none(UserFeatures.id == user_id)


def all_ids():
    return [row[0] for row in UserFeatures.select(UserFeatures.id).tuples()]


def listed():
    """Users whose entity exists (the original's list joined the entity)."""
    return (UserFeatures.select(UserFeatures)
            .join(Entity, on=(Entity.id == UserFeatures.entityid))
            .order_by(UserFeatures.id))


def search(term):
    """Name contains, userfield equals, or a line number contains the term."""
    full_name = UserFeatures.firstname.concat(' ').concat(UserFeatures.lastname)
    with_line = (UserFeatures.select(UserFeatures.id)
                 .join(UserLine, on=(UserLine.user_id == UserFeatures.id))
                 .join(LineFeatures, on=(LineFeatures.id == UserLine.line_id))
                 .where(contains_any([LineFeatures.number], term)))
    return listed().where(contains_any([full_name], term)
                          | equals_ci(UserFeatures.userfield, term)
                          | UserFeatures.id.in_(with_line))


def main_lines(user_ids):
    """{user id: its main line (LineFeatures)} of the users that have one: one query."""
    if not user_ids:
        return {}
    found = {}
    query = (LineFeatures.select(LineFeatures, UserLine.user_id.alias('owner_id'))
             .join(UserLine, on=(UserLine.line_id == LineFeatures.id))
             .where(in_ids(UserLine.user_id, user_ids))
             .order_by(UserLine.user_id, UserLine.main_line.desc(), UserLine.id))
    for line in query.objects():
        found.setdefault(line.owner_id, line)
    return found


def existing_ids(ids):
    """The ids among `ids` that are users (one query)."""
    if not ids:
        return set()
    return {row[0] for row in UserFeatures.select(UserFeatures.id)
            .where(in_ids(UserFeatures.id, ids)).tuples()}


def line_of(user_id):
    """(the user's main line, its user_line row), or (None, None): one query."""
    link = (UserLine.select(UserLine, LineFeatures)
            .join(LineFeatures, on=(LineFeatures.id == UserLine.line_id), attr='line')
            .where(UserLine.user_id == user_id)
            .order_by(UserLine.main_line.desc(), UserLine.id).first())
    return (link.line, link) if link else (None, None)


def entity_with_contexts(entity_id):
    entity = Entity.get_or_none(Entity.id == entity_id)
    if entity is None:
        return None, []
    contexts = list(Context.select().where(Context.entity == entity.name).order_by(Context.name))
    return entity, contexts


def memberships(user_id, category):
    """The user's queuemember rows of a category, with the group/queue id."""
    owner = GroupFeatures if category == 'group' else QueueFeatures
    return (QueueMember.select(QueueMember, owner.id.alias('owner_id'))
            .join(owner, JOIN.LEFT_OUTER, on=(owner.name == QueueMember.queue_name))
            .where((QueueMember.usertype == 'user') & (QueueMember.userid == user_id)
                   & (QueueMember.category == category))
            .order_by(QueueMember.queue_name).dicts())


def funckeys(user_id):
    return list(PhoneFunckey.select().where(PhoneFunckey.iduserfeatures == user_id)
                .order_by(PhoneFunckey.fknum))


def entity_displayname(context_name):
    """Display name of the entity owning a context ('' when none)."""
    row = (Entity.select(Entity.displayname).join(Context, on=(Context.entity == Entity.name))
           .where(Context.name == context_name).first())
    return row.displayname if row else ''


def existing_names(model, names):
    """The names among `names` of groups or queues (one query)."""
    if not names:
        return set()
    return {row[0] for row in model.select(model.name).where(model.name.in_(names)).tuples()}


# -- lookups, as queries for a probe -------------------------------------------------
# Each also answers many keys at once for batches (xivows.batchprobe); keys of an
# edit (an `except_id`) are rare there and asked one by one.


def _ids_found(model, column=None):
    """many() of an existence lookup by one value."""
    column = column or model.id

    def many(keys):
        return {(value,): True for (value,) in model.select(column)
                .where(in_ids(column, {value for (value,) in keys})).tuples()}
    return many


def _first_by_lower(column, result):
    """many() of a lookup by a case-insensitive name: {(name,): result column}."""
    def many(keys):
        wanted = {}
        for key in keys:
            wanted.setdefault(key[0].lower(), []).append(key)
        found = {}
        for name, value in (column.model.select(fn.LOWER(column), result)
                            .where(in_ids(fn.LOWER(column), list(wanted)))
                            .order_by(result).tuples()):
            for key in wanted.get(name, ()):
                found.setdefault(key, value)
        return found
    return many


@lookup(many=_ids_found(Entity))
def entity_query(entity_id):
    return Entity.select().where(Entity.id == entity_id)


def _logins_found(keys):
    found = {}
    plain = {}
    for key in keys:
        login, except_id = key[0], key[1] if len(key) > 1 else None
        if except_id is None:
            plain.setdefault(login.lower(), []).append(key)
        else:
            found[key] = login_query(*key).exists()
    for (login,) in (UserFeatures.select(fn.LOWER(UserFeatures.loginclient))
                     .where(in_ids(fn.LOWER(UserFeatures.loginclient), list(plain))).tuples()):
        for key in plain.get(login, ()):
            found[key] = True
    return found


def _login(login, except_id=None):
    return ('client login', login.lower())


@lookup(many=_logins_found, holds=_login)
def login_query(login, except_id=None):
    query = UserFeatures.select().where(fn.LOWER(UserFeatures.loginclient) == login.lower())
    if except_id is not None:
        query = query.where(UserFeatures.id != except_id)
    return query


@lookup(many=_first_by_lower(CtiProfile.name, CtiProfile.id))
def cti_profile_by_name_query(name):
    return CtiProfile.select(CtiProfile.id).where(fn.LOWER(CtiProfile.name) == name.lower())


@lookup(many=_ids_found(CtiProfile))
def cti_profile_query(profile_id):
    return CtiProfile.select().where(CtiProfile.id == profile_id)


def _agents_by_number(keys):
    return {(number,): agent_id for number, agent_id in
            AgentFeatures.select(AgentFeatures.number, AgentFeatures.id)
            .where(in_ids(AgentFeatures.number, {number for (number,) in keys}))
            .order_by(AgentFeatures.id.desc()).tuples()}


@lookup(many=_agents_by_number)
def agent_by_number_query(number):
    return AgentFeatures.select(AgentFeatures.id).where(AgentFeatures.number == number)


@lookup(many=_ids_found(AgentFeatures))
def agent_query(agent_id):
    return AgentFeatures.select().where(AgentFeatures.id == agent_id)


@lookup(many=_ids_found(MusicOnHold, MusicOnHold.name))
def moh_query(name):
    return MusicOnHold.select().where(MusicOnHold.name == name)


def _voicemail_users(keys):
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
        for mailbox, user_id in (UserFeatures.select(Voicemail.mailbox, fn.MIN(UserFeatures.id))
                                 .join(Voicemail,
                                       on=(Voicemail.uniqueid == UserFeatures.voicemailid))
                                 .where((Voicemail.context == context)
                                        & in_ids(Voicemail.mailbox, mailboxes))
                                 .group_by(Voicemail.mailbox).tuples()):
            for key in plain.get((mailbox, context), ()):
                found[key] = user_id
    return found


@lookup(many=_voicemail_users)
def voicemail_user_query(mailbox, context, except_id=None):
    """The id of a user of the box of mailbox@context (other than `except_id`)."""
    query = (UserFeatures.select(UserFeatures.id)
             .join(Voicemail, on=(Voicemail.uniqueid == UserFeatures.voicemailid))
             .where((Voicemail.mailbox == mailbox) & (Voicemail.context == context)))
    if except_id is not None:
        query = query.where(UserFeatures.id != except_id)
    return query.order_by(UserFeatures.id)
