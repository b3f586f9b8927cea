"""/statistics/call_center/json.php/<mode>/settings/configuration: the acts, and
the add/edit document (`stats_conf`, `queue` ids with `queue_qos`, `agent` and
`xivouser` ids, or the view's objects keyed by id) read into a StatsConfInput."""

from xivows.errors import InvalidInput
from xivows.jsonphp import crud, documents
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.statsconf import conf_view, item
from xivows.resources.statsconf import queries, service
from xivows.resources.statsconf.inputs import StatsConfInput, StatsQueue
from xivows.schemas.fields import IdList, to_int

_ids = IdList()


def _id_list(document, key):
    """The ids under `key` (a list, or the view's object keyed by id); None
    when absent, null or false."""
    if key not in document or document[key] in (None, False):
        return None
    value = document[key]
    if isinstance(value, dict):
        value = list(value)
    try:
        return _ids.deserialize(value)
    except Exception:
        raise InvalidInput(f'{key}: must be a list of ids') from None


def _qos(qos, queue_id):
    """`queue_qos` by queue id (an object keyed by id, or a list indexed by it)."""
    if isinstance(qos, dict):
        value = qos.get(str(queue_id), 0)
    else:
        value = qos[queue_id] if queue_id < len(qos) else 0
    number = to_int(value if value not in (None, '') else 0)
    if number is None:
        raise InvalidInput(f'queue_qos.{queue_id}: must be a number of seconds')
    return number


def _queues(document):
    ids = _id_list(document, 'queue')
    if ids is None:
        return None
    qos = document.get('queue_qos')
    if qos is None and isinstance(document['queue'], dict):
        # the view's {"<queue id>": row}: each row carries its qos
        qos = {
            key: row.get('stats_qos') if isinstance(row, dict) else None
            for key, row in document['queue'].items()
        }
    if ids and not isinstance(qos, (dict, list)):
        raise InvalidInput('queue_qos: an object {"<queue id>": seconds} is required with queue')
    return [StatsQueue(queue_id, _qos(qos, queue_id)) for queue_id in ids]


def conf_input(document, adding):
    documents.body_object(document)
    conf = document.get('stats_conf')
    if not isinstance(conf, dict) and (adding or conf is not None):
        raise InvalidInput('stats_conf: is required and must be an object')
    return StatsConfInput(
        conf=conf or {},
        queues=_queues(document),
        agents=_id_list(document, 'agent'),
        xivousers=_id_list(document, 'xivouser'),
    )


def _items(term):
    return [item(conf) for conf in (queries.search(term) if term else queries.all_confs())]


register(
    JsonService(
        'statistics',
        'settings/configuration',
        acts=crud.acts(
            'statistics configuration',
            rows=_items,
            view=lambda conf_id: conf_view(service.get(conf_id)),
            create=lambda document: service.create(conf_input(document, adding=True)),
            edit=lambda conf_id, document: service.edit(
                conf_id, conf_input(document, adding=False)
            ),
            delete=service.delete,
        ),
        sum=False,
    )
)
