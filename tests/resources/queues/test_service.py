"""The queue service with its typed input (no json.php document): what other
dialects express (members with a penalty in ring order, wrap-up time, a
member's ring time), refusals of wrongly typed or unchangeable fields, and the
query budget of each write."""

import pytest

from tests.helpers.budget import queries_of
from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import unchanged_store
from xivows import db
from xivows.errors import InvalidInput
from xivows.models.agent import AgentFeatures
from xivows.models.context import ContextMember
from xivows.models.dialaction import Dialaction
from xivows.models.extension import Extension
from xivows.models.queue import Queue, QueueFeatures, QueueMember
from xivows.resources.queue_members.inputs import MemberInput
from xivows.resources.queues import service
from xivows.resources.queues.inputs import QueueInput


@pytest.fixture
def agents(app):
    make_default_context()
    return [
        AgentFeatures.create(number=str(2000 + index), context='default', autologoff=0).id
        for index in range(12)
    ]


def queue(name='sales', number='3000', **parts):
    return QueueInput(features={'name': name, 'number': number, 'context': 'default'}, **parts)


def members_of(name='sales'):
    return [
        (row.userid, row.position, row.penalty)
        for row in QueueMember.select()
        .where(QueueMember.queue_name == name)
        .order_by(QueueMember.position)
    ]


def test_members_with_penalties_in_ring_order(agents):
    first, second, third = agents[:3]
    queue_id = service.create(
        queue(
            options={'wrapuptime': 5, 'timeout': 60},
            agents=[MemberInput(second, 2), MemberInput(first)],
        )
    )
    assert members_of() == [(second, 1, 2), (first, 2, 0)]
    options = Queue.get(Queue.name == 'sales')
    assert (options.wrapuptime, options.timeout) == (5, 60)
    # The list replaces the members: kept ones keep their penalty unless given.
    service.edit(
        queue_id,
        QueueInput(agents=[MemberInput(first), MemberInput(third, 3), MemberInput(second)]),
    )
    assert members_of() == [(first, 1, 0), (third, 2, 3), (second, 3, 2)]
    service.edit(queue_id, QueueInput(agents=[MemberInput(second, 0)], options={'wrapuptime': 10}))
    assert members_of() == [(second, 1, 0)]
    options = Queue.get(Queue.name == 'sales')
    assert (options.wrapuptime, options.timeout) == (10, 60)
    assert QueueMember.get().interface == 'Agent/2001'


@pytest.mark.parametrize(
    'changes,reason',
    [
        (QueueInput(features={'name': 'other'}), 'queuefeatures.name: cannot be changed'),
        (QueueInput(features={'name': ['sales']}), 'queuefeatures.name: must be a string'),
        (QueueInput(features={'number': 'abc'}), 'queuefeatures.number: has an invalid format'),
        (QueueInput(features={'number': {'a': 1}}), 'queuefeatures.number: must be a string'),
        (QueueInput(features={'context': ['default']}), 'queuefeatures.context: must be a string'),
        (QueueInput(features={'timeout': 'abc'}), 'queuefeatures.timeout: must be an integer'),
        (QueueInput(features='x'), 'queuefeatures: must be an object'),
        (QueueInput(options=[]), 'queue: must be an object'),
        (QueueInput(options={'wrapuptime': {'a': 1}}), 'queue.wrapuptime: must be an integer'),
        (
            QueueInput(options={'strategy': 42}),
            'queue.strategy: must be one of: ringall, '
            'leastrecent, fewestcalls, rrmemory, random, wrandom, linear',
        ),
        (QueueInput(agents=['1']), 'agent: must be a list of members'),
        (QueueInput(agents=(1,)), 'agent: must be a list of members'),
        (QueueInput(agents=[MemberInput('1')]), 'agent: must be a list of agent ids'),
        (QueueInput(users=[MemberInput(True)]), 'user: must be a list of user ids'),
        (QueueInput(agents=[MemberInput(999999)]), 'agent: no such agent: 999999'),
    ],
)
def test_wrong_or_unchangeable_fields_are_refused(agents, changes, reason):
    queue_id = service.create(queue(agents=[MemberInput(agents[0])]))
    with unchanged_store():
        with pytest.raises(InvalidInput) as refused:
            service.edit(queue_id, changes)
    assert refused.value.message == reason


@pytest.mark.parametrize('penalty', [-1, 21, '3', 2.5, True])
def test_penalty_out_of_range_or_wrongly_typed(agents, penalty):
    with unchanged_store():
        with pytest.raises(InvalidInput) as refused:
            service.create(queue(agents=[MemberInput(agents[0], penalty)]))
    assert refused.value.message == f'agent.{agents[0]}.penalty: must be 0 to 20'


def test_plain_ids_are_members_without_a_penalty(agents):
    queue_id = service.create(queue(agents=[agents[1], MemberInput(agents[0], 3)]))
    assert members_of() == [(agents[1], 1, 0), (agents[0], 2, 3)]
    service.edit(queue_id, QueueInput(agents=[agents[0]]))
    assert members_of() == [(agents[0], 1, 3)]


def test_the_stored_name_given_back_is_accepted(agents):
    queue_id = service.create(queue())
    service.edit(queue_id, QueueInput(features={'name': 'sales', 'displayname': 'Sales'}))
    assert QueueFeatures.get_by_id(queue_id).displayname == 'Sales'


# -- query budgets (issue 8): the same number of statements whatever the size ---------

BUDGET = {'add': 11, 'edit': 2, 'edit members': 6, 'delete': 17, 'deleteall': 17}


@pytest.mark.parametrize('size', [1, 10])
def test_query_budget(agents, size):
    members = [MemberInput(agent_id) for agent_id in agents[:size]]
    queue_id, count = queries_of(service.create, queue(agents=members))
    # PostgreSQL reads the number's ranges in the probe's statement (one less)
    assert count == BUDGET['add'] - (1 if db.is_postgresql() else 0)
    _, count = queries_of(service.edit, queue_id, QueueInput(features={'displayname': 'S'}))
    assert count == BUDGET['edit']
    # Every member moves (a reversed list): one statement rewrites them all.
    reordered = QueueInput(agents=[MemberInput(agents[size]), *reversed(members)])
    _, count = queries_of(service.edit, queue_id, reordered)
    assert count == BUDGET['edit members']
    assert [row[0] for row in members_of()] == [agents[size]] + [
        member.id for member in reversed(members)
    ]
    _, count = queries_of(service.delete, queue_id)
    assert count == BUDGET['delete']
    for index in range(size):
        service.create(queue(f'q{index}', str(3000 + index), agents=[MemberInput(agents[index])]))
    assert queries_of(service.delete_all)[1] == BUDGET['deleteall']
    assert not QueueFeatures.select().exists() and not Queue.select().exists()
    assert not QueueMember.select().exists() and not Extension.select().exists()
    assert not ContextMember.select().where(ContextMember.type == 'queue').exists()
    assert not Dialaction.select().exists()
