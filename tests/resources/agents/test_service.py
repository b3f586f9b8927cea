"""The agent service with its typed input (no json.php document): number,
memberships with a penalty, skills; refusals of wrongly typed fields; the number
change and what follows it; the query budget of each write."""

import pytest

from tests.helpers.budget import queries_of
from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import unchanged_store
from xivows.errors import InvalidInput
from xivows.models.agent import AgentFeatures
from xivows.models.agent_status import AgentLoginStatus
from xivows.models.context import ContextMember
from xivows.models.queue import QueueFeatures, QueueMember
from xivows.models.queueskill import AgentQueueSkill, QueueSkill
from xivows.models.statsconf import StatsConf, StatsConfAgent
from xivows.resources.agents import service
from xivows.resources.agents.inputs import AgentInput, AgentQueue, AgentSkill


@pytest.fixture
def queues(app):
    make_default_context()
    return [
        QueueFeatures.create(name=f'q{index}', displayname=f'Q{index}', context='default').name
        for index in range(12)
    ]


def agent(number='100', **parts):
    return AgentInput(
        features={'number': number, 'context': 'default', 'numgroup': 1, 'autologoff': 0}, **parts
    )


def memberships(agent_id):
    return sorted(
        (row.queue_name, row.interface, row.penalty)
        for row in QueueMember.select().where(QueueMember.userid == agent_id)
    )


def test_number_and_memberships_with_penalties(queues):
    skill = QueueSkill.create(name='english', catid=0)
    agent_id = service.create(
        agent(queues=[AgentQueue('q0', 1), AgentQueue('q1', 2)], skills=[AgentSkill(skill.id, 40)])
    )
    assert memberships(agent_id) == [('q0', 'Agent/100', 1), ('q1', 'Agent/100', 2)]
    assert [(row.skillid, row.weight) for row in AgentQueueSkill.select()] == [(skill.id, 40)]
    service.edit(
        agent_id,
        AgentInput(features={'number': '200'}, queues=[AgentQueue('q1', 5), AgentQueue('q2')]),
    )
    assert AgentFeatures.get_by_id(agent_id).number == '200'
    assert memberships(agent_id) == [('q1', 'Agent/200', 5), ('q2', 'Agent/200', 0)]
    service.edit(agent_id, AgentInput(features={'number': '300'}))
    assert memberships(agent_id) == [('q1', 'Agent/300', 5), ('q2', 'Agent/300', 0)]


@pytest.mark.parametrize(
    'changes,reason',
    [
        (AgentInput(features={'number': {'a': 1}}), 'agentfeatures.number: must be a string'),
        (AgentInput(features={'number': 'abc'}), 'agentfeatures.number: has an invalid format'),
        (AgentInput(features={'context': ['default']}), 'agentfeatures.context: must be a string'),
        (AgentInput(features={'numgroup': 'x'}), 'agentfeatures.numgroup: must be an integer'),
        (AgentInput(features={'autologoff': [0]}), 'agentfeatures.autologoff: must be an integer'),
        (AgentInput(features=[]), 'agentfeatures: is required and must be an object'),
        (AgentInput(users=['1']), 'user-select: must be a list of user ids'),
        (AgentInput(queues=['q0']), 'queue-select: must be a list of queue names'),
        (AgentInput(queues=[AgentQueue('q0', 21)]), 'queue.q0.penalty: must be 0 to 20'),
        (AgentInput(queues=[AgentQueue('q0', '1')]), 'queue.q0.penalty: must be 0 to 20'),
        (AgentInput(queues=[AgentQueue('nowhere')]), 'queue-select: no such queue: nowhere'),
        (AgentInput(skills=[AgentSkill(1, 101)]), 'queueskills.0.weight: must be 0 to 100'),
        (AgentInput(skills=[AgentSkill('1')]), 'queueskills.0.id: must be a skill id'),
        (AgentInput(skills=[{'id': 1}]), 'queueskills: must be a list of {id, weight}'),
    ],
)
def test_wrong_fields_are_refused(queues, changes, reason):
    agent_id = service.create(agent(queues=[AgentQueue('q0')]))
    with unchanged_store():
        with pytest.raises(InvalidInput) as refused:
            service.edit(agent_id, changes)
    assert refused.value.message == reason


def test_the_number_of_a_logged_agent_cannot_change(queues):
    agent_id = service.create(agent(queues=[AgentQueue('q0')]))
    AgentLoginStatus.create(
        agent_id=agent_id,
        agent_number='100',
        extension='1001',
        context='default',
        interface=f'Local/id-{agent_id}@agentcallback',
        state_interface='PJSIP/abc',
        login_at=1,
    )
    with unchanged_store():
        with pytest.raises(InvalidInput) as refused:
            service.edit(agent_id, AgentInput(features={'number': '200'}))
    assert (
        refused.value.message
        == 'agentfeatures.number: cannot be changed while the agent is logged in'
    )


# -- query budgets (issue 8): the same number of statements whatever the size ---------

# delete and deleteall: + 1 for the agent's presence (last line, last state change)
BUDGET = {'add': 11, 'edit': 2, 'edit queues': 7, 'delete': 11, 'deleteall': 9}


@pytest.mark.parametrize('size', [1, 10])
def test_query_budget(queues, size):
    skills = [QueueSkill.create(name=f's{index}', catid=0).id for index in range(size)]
    memberships_given = [AgentQueue(name, 1) for name in queues[:size]]
    agent_id, count = queries_of(
        service.create,
        agent(queues=memberships_given, skills=[AgentSkill(skill_id, 10) for skill_id in skills]),
    )
    assert count == BUDGET['add']
    _, count = queries_of(service.edit, agent_id, AgentInput(features={'firstname': 'Ann'}))
    assert count == BUDGET['edit']
    # One queue more, every penalty changed.
    changed = [AgentQueue(name, 2) for name in queues[: size + 1]]
    _, count = queries_of(service.edit, agent_id, AgentInput(queues=changed))
    assert count == BUDGET['edit queues']
    assert memberships(agent_id) == sorted((name, 'Agent/100', 2) for name in queues[: size + 1])
    conf = StatsConf.create(name='conf', hour_start='08:00', hour_end='18:00', dbegcache='2015-01')
    StatsConfAgent.create(stats_conf_id=conf.id, agentfeatures_id=agent_id)
    _, count = queries_of(service.delete, agent_id)
    assert count == BUDGET['delete']
    for index in range(size):
        service.create(
            agent(
                str(200 + index),
                queues=[AgentQueue(queues[index])],
                skills=[AgentSkill(skills[index])],
            )
        )
    assert queries_of(service.delete_all)[1] == BUDGET['deleteall']
    assert not AgentFeatures.select().exists() and not QueueMember.select().exists()
    assert not AgentQueueSkill.select().exists() and not StatsConfAgent.select().exists()
    assert not ContextMember.select().where(ContextMember.type == 'agent').exists()
