from __future__ import annotations

from typing import TYPE_CHECKING

from xivows.models.agent import AgentFeatures
from xivows.models.queue import QueueFeatures
from xivows.models.statsconf import StatsConf, StatsConfAgent, StatsConfQueue, StatsConfXivoUser
from xivows.models.webuser import WebUser
from xivows.search import contains_any

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

    from peewee import Model, ModelSelect

LINKS = (StatsConfQueue, StatsConfAgent, StatsConfXivoUser)


def all_confs() -> ModelSelect:
    return StatsConf.select().order_by(StatsConf.id)


def search(term: str) -> ModelSelect:
    return all_confs().where(contains_any([StatsConf.name, StatsConf.description], term))


def find(conf_id: int) -> StatsConf | None:
    return StatsConf.get_or_none(StatsConf.id == conf_id)


def name_taken(name: str, except_id: int | None = None) -> bool:
    query = StatsConf.select().where(StatsConf.name == name)
    if except_id is not None:
        query = query.where(StatsConf.id != except_id)
    return query.exists()


def existing_ids(model: type[Model], ids: Collection[int]) -> set[int]:
    if not ids:
        return set()
    return {row.id for row in model.select(model.id).where(model.id.in_(list(ids)))}


def queues_of(conf_id: int) -> ModelSelect:
    return (
        QueueFeatures.select(QueueFeatures, StatsConfQueue.qos)
        .join(StatsConfQueue, on=(StatsConfQueue.queuefeatures_id == QueueFeatures.id))
        .where(StatsConfQueue.stats_conf_id == conf_id)
        .order_by(QueueFeatures.name)
        .objects()
    )


def agents_of(conf_id: int) -> ModelSelect:
    return (
        AgentFeatures.select()
        .join(StatsConfAgent, on=(StatsConfAgent.agentfeatures_id == AgentFeatures.id))
        .where(StatsConfAgent.stats_conf_id == conf_id)
        .order_by(AgentFeatures.lastname, AgentFeatures.firstname)
    )


def webusers_of(conf_id: int) -> ModelSelect:
    return (
        WebUser.select()
        .join(StatsConfXivoUser, on=(StatsConfXivoUser.user_id == WebUser.id))
        .where(StatsConfXivoUser.stats_conf_id == conf_id)
        .order_by(WebUser.id)
    )


def delete_links(conf_id: int, models: Iterable[type[Model]] = LINKS) -> None:
    for model in models:
        model.delete().where(model.stats_conf_id == conf_id).execute()
