"""The statistics configuration service with its typed input: queues with their
quality of service, agents; wrongly typed fields refused."""

import pytest

from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import unchanged_store
from xivows.errors import InvalidInput
from xivows.models.agent import AgentFeatures
from xivows.models.queue import QueueFeatures
from xivows.models.statsconf import StatsConfAgent, StatsConfQueue
from xivows.resources.statsconf import service
from xivows.resources.statsconf.inputs import StatsConfInput, StatsQueue

CONF = {
    'name': 'weekly',
    'hour_start': '8:00',
    'hour_end': '18:00',
    'dbegcache': '2012-01',
    'dendcache': '0',
    'default_delta': '0',
    'period1': '0-10',
}


@pytest.fixture
def members(app):
    make_default_context()
    queue = QueueFeatures.create(name='support', displayname='Support', context='default')
    agent = AgentFeatures.create(number='1001', context='default')
    return queue.id, agent.id


def test_create_and_replace_links(members):
    queue_id, agent_id = members
    conf_id = service.create(
        StatsConfInput(CONF, queues=[StatsQueue(queue_id, 20)], agents=[agent_id])
    )
    assert [(row.queuefeatures_id, row.qos) for row in StatsConfQueue.select()] == [(queue_id, 20)]
    service.edit(conf_id, StatsConfInput({'hour_end': '19:00'}, agents=[]))
    assert not StatsConfAgent.select().exists()
    assert StatsConfQueue.select().count() == 1


@pytest.mark.parametrize(
    'changes,reason',
    [
        (StatsConfInput({'name': ['weekly']}), 'stats_conf.name: must be a string'),
        (
            StatsConfInput({'hour_start': 8}),
            'stats_conf.hour_start: must be an hour H:MM or HH:MM',
        ),
        (StatsConfInput({'monday': 'maybe'}), 'stats_conf.monday: must be a boolean'),
        (StatsConfInput('x'), 'stats_conf: is required and must be an object'),
        (StatsConfInput(queues=[1]), 'queue: must be a list of ids'),
        (StatsConfInput(agents=['1']), 'agent: must be a list of ids'),
        (StatsConfInput(agents=[999999]), 'agent: no such agent: 999999'),
    ],
)
def test_wrong_fields_are_refused(members, changes, reason):
    conf_id = service.create(StatsConfInput(CONF))
    with unchanged_store():
        with pytest.raises(InvalidInput) as refused:
            service.edit(conf_id, changes)
    assert refused.value.message == reason


def test_quality_of_service_range(members):
    queue_id, _ = members
    with unchanged_store():
        with pytest.raises(InvalidInput) as refused:
            service.create(StatsConfInput(CONF, queues=[StatsQueue(queue_id, 40000)]))
    assert refused.value.message == f'queue_qos.{queue_id}: must be a number of seconds'
