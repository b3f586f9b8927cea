from xivows.models.agent import AgentFeatures
from xivows.models.queue import QueueFeatures
from xivows.models.statsconf import StatsConf, StatsConfAgent, StatsConfQueue, StatsConfXivoUser
from xivows.models.webuser import WebUser
from xivows.search import contains_any

LINKS = (StatsConfQueue, StatsConfAgent, StatsConfXivoUser)


def all_confs():
    return StatsConf.select().order_by(StatsConf.id)


def search(term):
    return all_confs().where(contains_any([StatsConf.name, StatsConf.description], term))


def find(conf_id):
    return StatsConf.get_or_none(StatsConf.id == conf_id)


def name_taken(name, except_id=None):
    query = StatsConf.select().where(StatsConf.name == name)
    if except_id is not None:
        query = query.where(StatsConf.id != except_id)
    return query.exists()


def existing_ids(model, ids):
    if not ids:
        return set()
    return {row.id for row in model.select(model.id).where(model.id.in_(list(ids)))}


def queues_of(conf_id):
    return (
        QueueFeatures.select(QueueFeatures, StatsConfQueue.qos)
        .join(StatsConfQueue, on=(StatsConfQueue.queuefeatures_id == QueueFeatures.id))
        .where(StatsConfQueue.stats_conf_id == conf_id)
        .order_by(QueueFeatures.name)
        .objects()
    )


def agents_of(conf_id):
    return (
        AgentFeatures.select()
        .join(StatsConfAgent, on=(StatsConfAgent.agentfeatures_id == AgentFeatures.id))
        .where(StatsConfAgent.stats_conf_id == conf_id)
        .order_by(AgentFeatures.lastname, AgentFeatures.firstname)
    )


def webusers_of(conf_id):
    return (
        WebUser.select()
        .join(StatsConfXivoUser, on=(StatsConfXivoUser.user_id == WebUser.id))
        .where(StatsConfXivoUser.stats_conf_id == conf_id)
        .order_by(WebUser.id)
    )


def delete_links(conf_id, models=LINKS):
    for model in models:
        model.delete().where(model.stats_conf_id == conf_id).execute()
