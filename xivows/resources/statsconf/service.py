"""Statistics configurations: which queues (with their quality of service),
agents and web-interface users a call-center statistics view covers."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from xivows.constants import MAX_ID
from xivows.errors import InvalidInput
from xivows.ids import batches
from xivows.models.agent import AgentFeatures
from xivows.models.queue import QueueFeatures
from xivows.models.statsconf import StatsConf, StatsConfAgent, StatsConfQueue, StatsConfXivoUser
from xivows.models.webuser import WebUser
from xivows.resources import lookup
from xivows.resources.statsconf import queries
from xivows.resources.statsconf.inputs import StatsConfInput, StatsQueue
from xivows.resources.statsconf.schemas import STORED_INPUT, stats_conf_schema
from xivows.schemas import load

if TYPE_CHECKING:
    from collections.abc import Iterable

    from peewee import Model

MEMBERS = {
    'agent': (AgentFeatures, StatsConfAgent, 'agentfeatures_id'),
    'xivouser': (WebUser, StatsConfXivoUser, 'user_id'),
}
MAX_QOS = 32767


def get(conf_id: int) -> StatsConf:
    return lookup.found(queries.find(conf_id), 'statistics configuration', conf_id)


def _is_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_ID


def _existing(model: type[Model], key: str, ids: object) -> list[int]:
    if not isinstance(ids, list) or not all(_is_id(i) for i in ids):
        raise InvalidInput(f'{key}: must be a list of ids')
    ids = list(dict.fromkeys(ids))
    known = queries.existing_ids(model, ids)
    missing = [i for i in ids if i not in known]
    if missing:
        raise InvalidInput(f'{key}: no such {key}: {missing[0]}')
    return ids


def _queues(given: object) -> list[tuple[int, int]]:
    if not isinstance(given, list) or not all(isinstance(queue, StatsQueue) for queue in given):
        raise InvalidInput('queue: must be a list of ids')
    qos = {}
    for queue in given:
        qos.setdefault(queue.id, queue.qos)
    ids = _existing(QueueFeatures, 'queue', list(qos))
    for queue_id in ids:
        value = qos[queue_id]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_QOS:
            raise InvalidInput(f'queue_qos.{queue_id}: must be a number of seconds')
    return [(queue_id, qos[queue_id]) for queue_id in ids]


def _links(given: StatsConfInput) -> dict[str, list]:
    links = {}
    if given.queues is not None:
        links['queue'] = _queues(given.queues)
    for key, ids in (('agent', given.agents), ('xivouser', given.xivousers)):
        if ids is not None:
            links[key] = _existing(MEMBERS[key][0], key, ids)
    return links


def _parse(given: StatsConfInput, conf: StatsConf | None = None) -> tuple[dict, dict[str, list]]:
    if not isinstance(given.conf, dict):
        raise InvalidInput('stats_conf: is required and must be an object')
    stored = {key: getattr(conf, key) for key in STORED_INPUT} if conf else {}
    values = load(stats_conf_schema, {**stored, **given.conf}, 'stats_conf')
    if queries.name_taken(values['name'], conf.id if conf else None):
        raise InvalidInput(f'stats_conf.name: already used: {values["name"]}')
    return values, _links(given)


def _write_links(conf_id: int, links: dict[str, list]) -> None:
    if 'queue' in links:
        queries.delete_links(conf_id, (StatsConfQueue,))
        if links['queue']:
            StatsConfQueue.insert_many(
                [
                    {'stats_conf_id': conf_id, 'queuefeatures_id': queue_id, 'qos': qos}
                    for queue_id, qos in links['queue']
                ]
            ).execute()
    for key, (_, link_model, column) in MEMBERS.items():
        if key in links:
            queries.delete_links(conf_id, (link_model,))
            if links[key]:
                link_model.insert_many(
                    [{'stats_conf_id': conf_id, column: member_id} for member_id in links[key]]
                ).execute()


def create(given: StatsConfInput) -> int:
    values, links = _parse(given)
    conf = StatsConf.create(dcreate=int(time.time()), **values)
    _write_links(conf.id, links)
    return conf.id


def edit(conf_id: int, changes: StatsConfInput) -> None:
    """Merge: absent fields keep their values; queues, agents and web users are
    replaced only when given."""
    conf = get(conf_id)
    values, links = _parse(changes, conf)
    for key, value in values.items():
        setattr(conf, key, value)
    conf.dupdate = int(time.time())
    conf.save()
    _write_links(conf.id, links)


def delete(conf_id: int) -> None:
    conf = get(conf_id)
    queries.delete_links(conf.id)
    conf.delete_instance()


def forget(model_key: str, member_id: int) -> None:
    """A queue, agent or web user is deleted: statistics stop covering it."""
    forget_many(model_key, [member_id])


def forget_many(model_key: str, member_ids: Iterable[int]) -> None:
    """Many queues, agents or web users are deleted (delete-all)."""
    if model_key == 'queue':
        link_model, column = StatsConfQueue, StatsConfQueue.queuefeatures_id
    else:
        _, link_model, name = MEMBERS[model_key]
        column = getattr(link_model, name)
    for batch in batches(member_ids):
        link_model.delete().where(column.in_(batch)).execute()
