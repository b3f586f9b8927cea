"""The group service with its typed input (no json.php document): members with
a penalty in ring order, a rename, refusals of wrongly typed or unchangeable
fields, and the query budget of each write."""

import pytest

from tests.helpers.budget import queries_of
from tests.helpers.fixtures import make_default_context
from tests.helpers.scenarios import unchanged_store
from xivows import db
from xivows.errors import InvalidInput
from xivows.models.dialaction import Dialaction
from xivows.models.entity import Entity
from xivows.models.extension import Extension
from xivows.models.queue import GroupFeatures, Queue, QueueMember
from xivows.resources.groups import service
from xivows.resources.groups.inputs import GroupInput
from xivows.resources.queue_members.inputs import MemberInput


@pytest.fixture
def user_ids(api):
    make_default_context()
    entity_id = Entity.get(Entity.name == 'acme').id
    ids = []
    for index in range(12):
        response = api.add(
            'ipbx',
            'pbx_settings/users',
            {
                'userfeatures': {'firstname': f'U{index}', 'entityid': entity_id},
                'linefeatures': {
                    'protocol': ['sip'],
                    'context': ['default'],
                    'number': [str(1100 + index)],
                },
            },
        )
        assert response.status_code == 200, response.get_data(as_text=True)
        ids.append(int(response.get_data(as_text=True).strip('"')))
    return ids


def group(name='sales', number='2000', **parts):
    return GroupInput(features={'name': name, 'number': number, 'context': 'default'}, **parts)


def members_of(name='sales'):
    return [
        (row.userid, row.position, row.penalty)
        for row in QueueMember.select()
        .where(QueueMember.queue_name == name)
        .order_by(QueueMember.position)
    ]


def test_members_with_penalties_and_a_rename(user_ids):
    first, second = user_ids[:2]
    group_id = service.create(
        group(users=[MemberInput(second, 2), MemberInput(first)], options={'wrapuptime': 5})
    )
    assert members_of() == [(second, 1, 2), (first, 2, 0)]
    service.edit(
        group_id,
        GroupInput(
            features={'name': 'Support'}, users=[MemberInput(first, 1), MemberInput(second)]
        ),
    )
    assert GroupFeatures.get_by_id(group_id).name == 'support'
    assert members_of('support') == [(first, 1, 1), (second, 2, 2)]
    assert [(row.name, row.wrapuptime) for row in Queue.select()] == [('support', 5)]


@pytest.mark.parametrize(
    'changes,reason',
    [
        (GroupInput(features={'name': ['sales']}), 'groupfeatures.name: must be a string'),
        (GroupInput(features={'number': 'abc'}), 'groupfeatures.number: has an invalid format'),
        (GroupInput(features={'number': {'a': 1}}), 'groupfeatures.number: must be a string'),
        (GroupInput(features={'context': ['default']}), 'groupfeatures.context: must be a string'),
        (GroupInput(features={'timeout': [1]}), 'groupfeatures.timeout: must be an integer'),
        (GroupInput(features=[]), 'groupfeatures: must be an object'),
        (GroupInput(options={'maxlen': 'x'}), 'queue.maxlen: must be an integer'),
        (
            GroupInput(options={'autopause': 'yes'}),
            'queue.autopause: cannot be changed (a group has no)',
        ),
        (
            GroupInput(options={'category': 'queue'}),
            'queue.category: cannot be changed (a group has group)',
        ),
        (GroupInput(users=['1']), 'user: must be a list of members'),
        (GroupInput(users=[MemberInput('1')]), 'user: must be a list of user ids'),
        (GroupInput(users=[MemberInput(999999)]), 'user: no such user: 999999'),
    ],
)
def test_wrong_or_unchangeable_fields_are_refused(user_ids, changes, reason):
    group_id = service.create(group(users=[MemberInput(user_ids[0])]))
    with unchanged_store():
        with pytest.raises(InvalidInput) as refused:
            service.edit(group_id, changes)
    assert refused.value.message == reason


# -- query budgets (issue 8): the same number of statements whatever the size ---------

BUDGET = {'add': 11, 'edit': 2, 'edit members': 7, 'delete': 13, 'deleteall': 13}


@pytest.mark.parametrize('size', [1, 10])
def test_query_budget(user_ids, size):
    members = [MemberInput(user_id) for user_id in user_ids[:size]]
    group_id, count = queries_of(service.create, group(users=members))
    # PostgreSQL reads the number's ranges in the probe's statement (one less)
    assert count == BUDGET['add'] - (1 if db.is_postgresql() else 0)
    _, count = queries_of(service.edit, group_id, GroupInput(features={'timeout': 5}))
    assert count == BUDGET['edit']
    reordered = GroupInput(users=[MemberInput(user_ids[size]), *reversed(members)])
    _, count = queries_of(service.edit, group_id, reordered)
    assert count == BUDGET['edit members']
    assert [row[0] for row in members_of()] == [user_ids[size]] + [
        member.id for member in reversed(members)
    ]
    _, count = queries_of(service.delete, group_id)
    assert count == BUDGET['delete']
    for index in range(size):
        service.create(group(f'g{index}', str(2000 + index), users=[MemberInput(user_ids[index])]))
    assert queries_of(service.delete_all)[1] == BUDGET['deleteall']
    assert not GroupFeatures.select().exists() and not Queue.select().exists()
    assert not QueueMember.select().exists()
    assert not Extension.select().where(Extension.type == 'group').exists()
    assert not Dialaction.select().where(Dialaction.category == 'group').exists()
