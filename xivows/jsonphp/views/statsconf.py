"""The legacy wire shapes of statistics configurations: list items and the
`view` object (members keyed by their id)."""

from xivows import wire
from xivows.models.agent import AgentFeatures
from xivows.models.queue import QueueFeatures
from xivows.models.statsconf import StatsConf
from xivows.models.webuser import WebUser
from xivows.resources.statsconf import queries
from xivows.resources.statsconf.schemas import DAYS

_ROW = wire.RowFormat(StatsConf, ints=('id',), bools=DAYS + ('homepage', 'disable'))
_QUEUE_ROW = wire.RowFormat(QueueFeatures, ints=('id',))
_AGENT_ROW = wire.RowFormat(AgentFeatures, ints=('id',))
_WEBUSER_ROW = wire.RowFormat(WebUser, ints=('id',), bools=('valid',))


def item(row):
    """List/search item and the view's `stats_conf`."""
    return _ROW(row)


def queue_entry(queue, qos):
    entry = _QUEUE_ROW(queue)
    number = f'{queue.number}@' if queue.number else ''
    entry['identity'] = f'{queue.displayname} ({number}{queue.context})'
    entry['stats_qos'] = qos
    return entry


def agent_entry(agent):
    entry = _AGENT_ROW(agent)
    fullname = f'{agent.firstname} {agent.lastname}'.strip() or '-'
    entry['fullname'] = fullname
    entry['identity'] = f'{fullname} ({agent.number}@{agent.context})'
    return entry


def webuser_entry(user):
    entry = _WEBUSER_ROW(user)
    entry['obj'] = {}
    return entry


def _keyed(entries):
    # The original kept database ids as keys: objects, not arrays; false when none.
    return {str(entry['id']): entry for entry in entries} or False


def conf_view(conf):
    return {
        'stats_conf': item(conf),
        'queue': _keyed([queue_entry(queue, queue.qos) for queue in queries.queues_of(conf.id)]),
        'agent': _keyed([agent_entry(agent) for agent in queries.agents_of(conf.id)]),
        'xivouser': _keyed([webuser_entry(user) for user in queries.webusers_of(conf.id)]),
    }
