"""Statistics configurations: which queues (with their quality of service),
agents and web-interface users a call-center statistics view covers."""
import time

from xivows.errors import InvalidInput, NotFound
from xivows.ids import batches
from xivows.models.agent import AgentFeatures
from xivows.models.queue import QueueFeatures
from xivows.models.statsconf import (StatsConf, StatsConfAgent, StatsConfQueue,
                                     StatsConfXivoUser)
from xivows.models.webuser import WebUser
from xivows.resources.statsconf import queries
from xivows.resources.statsconf.schemas import STORED_INPUT, stats_conf_schema
from xivows.schemas import load
from xivows.schemas.fields import IdList, to_int
from xivows.jsonphp.documents import body_object

_ids = IdList()
MEMBERS = {'agent': (AgentFeatures, StatsConfAgent, 'agentfeatures_id'),
           'xivouser': (WebUser, StatsConfXivoUser, 'user_id')}


def get(conf_id):
    conf = queries.find(conf_id)
    if conf is None:
        raise NotFound.of('statistics configuration', conf_id)
    return conf


def _id_list(document, key):
    try:
        return _ids.deserialize(document[key])
    except Exception:
        raise InvalidInput(f'{key}: must be a list of ids') from None


def _existing(model, key, ids):
    missing = [i for i in ids if i not in queries.existing_ids(model, ids)]
    if missing:
        raise InvalidInput(f'{key}: no such {key}: {missing[0]}')


def _qos(qos, queue_id):
    if isinstance(qos, dict):
        value = qos.get(str(queue_id), 0)
    else:
        value = qos[queue_id] if queue_id < len(qos) else 0
    number = to_int(value if value not in (None, '') else 0)
    if number is None or not 0 <= number <= 32767:
        raise InvalidInput(f'queue_qos.{queue_id}: must be a number of seconds')
    return number


def _links(document):
    links = {}
    if 'queue' in document and document['queue'] not in (None, False):
        ids = _id_list(document, 'queue')
        _existing(QueueFeatures, 'queue', ids)
        qos = document.get('queue_qos')
        if ids and not isinstance(qos, (dict, list)):
            raise InvalidInput('queue_qos: an object {"<queue id>": seconds} is required '
                               'with queue')
        links['queue'] = [(queue_id, _qos(qos, queue_id)) for queue_id in ids]
    for key, (model, _, _) in MEMBERS.items():
        if key in document and document[key] not in (None, False):
            ids = _id_list(document, key)
            _existing(model, key, ids)
            links[key] = ids
    return links


def _parse(document, conf=None):
    body_object(document)
    given = document.get('stats_conf')
    if not isinstance(given, dict) and (conf is None or given is not None):
        raise InvalidInput('stats_conf: is required and must be an object')
    stored = {key: getattr(conf, key) for key in STORED_INPUT} if conf else {}
    values = load(stats_conf_schema, {**stored, **(given or {})}, 'stats_conf')
    if queries.name_taken(values['name'], conf.id if conf else None):
        raise InvalidInput(f'stats_conf.name: already used: {values["name"]}')
    return values, _links(document)


def _write_links(conf_id, links):
    if 'queue' in links:
        queries.delete_links(conf_id, (StatsConfQueue,))
        for queue_id, qos in links['queue']:
            StatsConfQueue.create(stats_conf_id=conf_id, queuefeatures_id=queue_id, qos=qos)
    for key, (_, link_model, column) in MEMBERS.items():
        if key in links:
            queries.delete_links(conf_id, (link_model,))
            for member_id in links[key]:
                link_model.create(stats_conf_id=conf_id, **{column: member_id})


def create(document):
    values, links = _parse(document)
    conf = StatsConf.create(dcreate=int(time.time()), **values)
    _write_links(conf.id, links)
    return conf.id


def edit(conf_id, document):
    """Merge: absent stats_conf keys keep their values; queue, agent and
    xivouser lists are replaced only when given."""
    conf = get(conf_id)
    values, links = _parse(document, conf)
    for key, value in values.items():
        setattr(conf, key, value)
    conf.dupdate = int(time.time())
    conf.save()
    _write_links(conf.id, links)


def delete(conf_id):
    conf = get(conf_id)
    queries.delete_links(conf.id)
    conf.delete_instance()


def forget(model_key, member_id):
    """A queue, agent or web user is deleted: statistics stop covering it."""
    forget_many(model_key, [member_id])


def forget_many(model_key, member_ids):
    """Many queues, agents or web users are deleted (delete-all)."""
    if model_key == 'queue':
        link_model, column = StatsConfQueue, StatsConfQueue.queuefeatures_id
    else:
        _, link_model, name = MEMBERS[model_key]
        column = getattr(link_model, name)
    for batch in batches(member_ids):
        link_model.delete().where(column.in_(batch)).execute()
