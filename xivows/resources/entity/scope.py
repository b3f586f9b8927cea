"""What belongs to an entity: the objects of its contexts. An API that acts for
one entity (seed 003's applications) sees only these: another entity's number,
queue or agent is not found."""
from xivows import numbering
from xivows.models.agent import AgentFeatures
from xivows.models.context import Context
from xivows.models.extension import Extension
from xivows.models.queue import QueueFeatures

INTERNAL = 'internal'


def _contexts(entity):
    return Context.select(Context.name).where(Context.entity == entity.name)


def extensions(entity, kinds):
    """The entity's extensions of `kinds` (user, queue, ...), by id."""
    return list(Extension.select()
                .where(Extension.context.in_(_contexts(entity)) & Extension.type.in_(kinds))
                .order_by(Extension.id))


def extension(entity, extension_id, kinds):
    """One extension of the entity, of `kinds`, or None."""
    return (Extension.select()
            .where((Extension.id == extension_id) & Extension.context.in_(_contexts(entity))
                   & Extension.type.in_(kinds)).first())


def internal_context_for(entity, kind, number):
    """The first internal context of the entity (by name) whose `kind` ranges
    hold `number`, or None."""
    for context in (Context.select(Context.name)
                    .where((Context.entity == entity.name) & (Context.contexttype == INTERNAL))
                    .order_by(Context.name)):
        if numbering.in_ranges(number, numbering.context_ranges(context.name, kind), kind):
            return context.name
    return None


def first_internal_context(entity):
    row = (Context.select(Context.name)
           .where((Context.entity == entity.name) & (Context.contexttype == INTERNAL))
           .order_by(Context.name).first())
    return row.name if row else None


def agents(entity, ids=None):
    """The agents of the entity (those of its contexts), by id."""
    query = (AgentFeatures.select()
             .where(AgentFeatures.context.in_(_contexts(entity))).order_by(AgentFeatures.id))
    if ids is not None:
        query = query.where(AgentFeatures.id.in_(list(ids)))
    return list(query)


def agent(entity, agent_id):
    return (AgentFeatures.select()
            .where((AgentFeatures.id == agent_id)
                   & AgentFeatures.context.in_(_contexts(entity))).first())


def queue_of_extension(extension_row):
    """The queue holding a queue extension."""
    if extension_row.type != 'queue' or not extension_row.typeval.isdigit():
        return None
    return QueueFeatures.get_or_none(QueueFeatures.id == int(extension_row.typeval))
