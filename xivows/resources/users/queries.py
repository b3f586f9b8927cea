from peewee import JOIN, fn

from xivows.models.agent import AgentFeatures
from xivows.models.context import Context
from xivows.models.cti import CtiProfile
from xivows.models.entity import Entity
from xivows.models.line import LineFeatures, UserLine
from xivows.models.moh import MusicOnHold
from xivows.models.queue import GroupFeatures, QueueFeatures, QueueMember
from xivows.models.user import PhoneFunckey, UserFeatures
from xivows.search import contains_any, equals_ci


def find(user_id):
    return UserFeatures.get_or_none(UserFeatures.id == user_id)


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


def entity_exists(entity_id):
    return Entity.select().where(Entity.id == entity_id).exists()


def cti_profile_named(name):
    return CtiProfile.get_or_none(fn.LOWER(CtiProfile.name) == name.lower())


def cti_profile_exists(profile_id):
    return CtiProfile.select().where(CtiProfile.id == profile_id).exists()


def agent_by_id(agent_id):
    return AgentFeatures.get_or_none(AgentFeatures.id == agent_id)


def agent_by_number(number):
    return AgentFeatures.get_or_none(AgentFeatures.number == number)


def moh_exists(name):
    return MusicOnHold.select().where(MusicOnHold.name == name).exists()


def login_taken(login, except_id=None):
    query = UserFeatures.select().where(fn.LOWER(UserFeatures.loginclient) == login.lower())
    if except_id is not None:
        query = query.where(UserFeatures.id != except_id)
    return query.exists()


def line_link(user_id):
    return (UserLine.select().where(UserLine.user_id == user_id)
            .order_by(UserLine.main_line.desc(), UserLine.id).first())


def main_lines(user_ids):
    """{user id: its main line (LineFeatures)} of the users that have one: one query."""
    found = {}
    query = (LineFeatures.select(LineFeatures, UserLine.user_id.alias('owner_id'))
             .join(UserLine, on=(UserLine.line_id == LineFeatures.id))
             .where(UserLine.user_id.in_(list(user_ids)))
             .order_by(UserLine.user_id, UserLine.main_line.desc(), UserLine.id))
    for line in (query.objects() if user_ids else []):
        found.setdefault(line.owner_id, line)
    return found


def existing_ids(ids):
    """The ids among `ids` that are users (one query)."""
    if not ids:
        return set()
    return {row.id for row in UserFeatures.select(UserFeatures.id)
            .where(UserFeatures.id.in_(list(ids)))}


def line_of(user_id):
    link = line_link(user_id)
    return (LineFeatures.get_or_none(LineFeatures.id == link.line_id), link) if link \
        else (None, None)


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
