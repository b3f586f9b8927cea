from peewee import JOIN, fn

from xivows.models.context import Context
from xivows.models.entity import Entity
from xivows.models.moh import MusicOnHold
from xivows.models.queue import GroupFeatures, Queue, QueueFeatures, QueueMember
from xivows.resources.queue_members import service as queue_members
from xivows.search import contains_any

CATEGORY = 'group'


def listed(term=None):
    """Groups not flagged deleted whose context belongs to an entity (as the
    original listed them), with their options' `commented`, the entity's display
    name and the number of members: one query."""
    counts = (QueueMember.select(QueueMember.queue_name, fn.COUNT(QueueMember.id).alias('count'))
              .where(QueueMember.category == CATEGORY)
              .group_by(QueueMember.queue_name).alias('counts'))
    query = (GroupFeatures
             .select(GroupFeatures, Queue.commented,
                     Entity.displayname.alias('entity_displayname'),
                     counts.c.count.alias('nb_qmember'))
             .join_from(GroupFeatures, Context, on=(Context.name == GroupFeatures.context))
             .join_from(Context, Entity, on=(Entity.name == Context.entity))
             .join_from(GroupFeatures, Queue, JOIN.LEFT_OUTER,
                        on=((Queue.name == GroupFeatures.name) & (Queue.category == CATEGORY)))
             .join_from(GroupFeatures, counts, JOIN.LEFT_OUTER,
                        on=(counts.c.queue_name == GroupFeatures.name))
             .where(GroupFeatures.deleted == False)  # noqa: E712
             .order_by(GroupFeatures.id))
    if term:
        query = query.where(contains_any([GroupFeatures.name, GroupFeatures.number], term))
    return list(query.dicts())


def find(group_id):
    return GroupFeatures.get_or_none(GroupFeatures.id == group_id)


def all_ids():
    return [row.id for row in GroupFeatures.select(GroupFeatures.id).order_by(GroupFeatures.id)]


def options_of(name):
    return Queue.get_or_none((Queue.name == name) & (Queue.category == CATEGORY))


def name_taken(name, group_id=None):
    """Group and queue names share the Asterisk queue namespace."""
    groups = GroupFeatures.select().where(GroupFeatures.name == name)
    if group_id is not None:
        groups = groups.where(GroupFeatures.id != group_id)
        own = find(group_id)
        queues = Queue.select().where((Queue.name == name) & (Queue.name != own.name))
    else:
        queues = Queue.select().where(Queue.name == name)
    return (groups.exists() or queues.exists()
            or QueueFeatures.select().where(QueueFeatures.name == name).exists())


def context_exists(name):
    return Context.select().where(Context.name == name).exists()


def moh_exists(name):
    return MusicOnHold.select().where(MusicOnHold.name == name).exists()




def members(name):
    return list(QueueMember.select()
                .where((QueueMember.queue_name == name) & (QueueMember.category == CATEGORY)
                       & (QueueMember.usertype == 'user'))
                .order_by(QueueMember.position, QueueMember.id))


def rename(old, new):
    """The options row and the members follow the group's new name."""
    Queue.update(name=new).where((Queue.name == old) & (Queue.category == CATEGORY)).execute()
    queue_members.rename_queue(old, new, CATEGORY)


def delete_options_and_members(name):
    queue_members.delete_queue(name, CATEGORY)
    Queue.delete().where((Queue.name == name) & (Queue.category == CATEGORY)).execute()
