"""/service/ipbx/json.php/restricted/call_management/pickup"""

import uuid

import pytest
from playhouse.test_utils import count_queries

from tests.helpers.api import added_id
from tests.helpers.fixtures import make_default_context, make_entity
from tests.helpers.scenarios import (
    assert_refused,
    check_acl,
    check_bad_documents,
    check_malformed_bodies,
    check_unknown_ids,
    unchanged_store,
)
from xivows import cascade
from xivows.models.entity import Entity
from xivows.models.pickup import Pickup, PickupMember
from xivows.models.queue import GroupFeatures, QueueFeatures
from xivows.models.user import UserFeatures

F, P = 'ipbx', 'call_management/pickup'
PICKUP_KEYS = {'id', 'entity_id', 'name', 'commented', 'description'}
MEMBER_KEYS = {'pickupid', 'category', 'membertype', 'memberid'}


@pytest.fixture
def entity_id(app):
    make_default_context()
    return Entity.get(Entity.name == 'acme').id


def make_user(entity_id, firstname='Ann'):
    return UserFeatures.create(
        uuid=str(uuid.uuid4()), firstname=firstname, lastname='Lee', entityid=entity_id
    ).id


@pytest.fixture
def members(entity_id):
    """Three users, a group and a queue."""
    return {
        'users': [make_user(entity_id, name) for name in ('Ann', 'Bob', 'Cid')],
        'group': GroupFeatures.create(name='sales', number='2000', context='default').id,
        'queue': QueueFeatures.create(
            name='support', displayname='Support', number='3000', context='default'
        ).id,
    }


def member(category, membertype, memberid):
    return {'category': category, 'membertype': membertype, 'memberid': memberid}


def seed_body(members, name='unittest'):
    """The seed document's add example (duplicates included), on our ids."""
    user1, user2, user3 = members['users']
    group, queue = members['group'], members['queue']
    return {
        'name': name,
        'description': 'sample unittest pickup group',
        'members': [
            member('member', 'group', group),
            member('member', 'queue', queue),
            member('member', 'user', user1),
            member('member', 'user', user3),
            member('pickup', 'group', group),
            member('member', 'queue', queue),
            member('member', 'user', user1),
            member('member', 'user', user2),
        ],
    }


def add(api, body):
    return added_id(api.add(F, P, body))


def test_first_group_gets_id_0_and_add_answers_an_integer(api, entity_id):
    response = api.add(F, P, {'name': 'first', 'entity_id': entity_id})
    assert response.status_code == 200
    assert response.get_data(as_text=True) == '0'
    assert response.content_type == 'application/json'
    assert add(api, {'name': 'second', 'entity_id': entity_id}) == 1
    pickup = Pickup.get_by_id(0)
    assert (pickup.name, pickup.entity_id, pickup.commented, pickup.description) == (
        'first',
        entity_id,
        False,
        '',
    )


def test_ids_count_from_0_and_are_never_given_again(api, entity_id):
    # The original reused the smallest free id (issue 9: ids are never reused).
    ids = [add(api, {'name': f'group {index}'}) for index in range(4)]
    assert ids == [0, 1, 2, 3]
    assert api.delete(F, P, 1).status_code == 200
    assert api.delete(F, P, 3).status_code == 200
    assert add(api, {'name': 'again'}) == 4
    assert add(api, {'name': 'and again'}) == 5


def test_add_the_seed_document_example(api, members):
    pickup_id = add(api, seed_body(members))
    rows = [
        (row.category, row.membertype, row.memberid)
        for row in PickupMember.select()
        .where(PickupMember.pickupid == pickup_id)
        .order_by(PickupMember.id)
    ]
    user1, user2, user3 = members['users']
    assert rows == [
        ('member', 'group', members['group']),
        ('member', 'queue', members['queue']),
        ('member', 'user', user1),
        ('member', 'user', user3),
        ('pickup', 'group', members['group']),
        ('member', 'user', user2),
    ]


def test_entity_defaults_to_the_first_entity(api, entity_id):
    make_entity('zulu', 'Zulu')
    first = Entity.select().order_by(Entity.id).first().id
    assert Pickup.get_by_id(add(api, {'name': 'absent'})).entity_id == first
    assert Pickup.get_by_id(add(api, {'name': 'null', 'entity_id': None})).entity_id == first
    assert Pickup.get_by_id(add(api, {'name': 'zero', 'entity_id': 0})).entity_id == first
    zulu = Entity.get(Entity.name == 'zulu').id
    assert Pickup.get_by_id(add(api, {'name': 'zulu', 'entity_id': str(zulu)})).entity_id == zulu


def test_without_any_entity_the_group_has_none(api):
    assert Pickup.get_by_id(add(api, {'name': 'lonely'})).entity_id is None


def test_view_format(api, members, entity_id):
    body = seed_body(members)
    body['entity_id'] = entity_id
    pickup_id = add(api, body)
    response = api.view(F, P, pickup_id)
    assert response.status_code == 200
    view = response.get_json()
    assert set(view) == {'pickup', 'members', 'pickups'}
    assert view['pickup'] == {
        'id': 0,
        'entity_id': str(entity_id),
        'name': 'unittest',
        'commented': False,
        'description': 'sample unittest pickup group',
    }
    user1, user2, user3 = members['users']
    assert view['members'] == [
        {'pickupid': 0, 'category': 'member', 'membertype': 'group', 'memberid': members['group']},
        {'pickupid': 0, 'category': 'member', 'membertype': 'queue', 'memberid': members['queue']},
        {'pickupid': 0, 'category': 'member', 'membertype': 'user', 'memberid': user1},
        {'pickupid': 0, 'category': 'member', 'membertype': 'user', 'memberid': user3},
        {'pickupid': 0, 'category': 'member', 'membertype': 'user', 'memberid': user2},
    ]
    assert view['pickups'] == [
        {'pickupid': 0, 'category': 'pickup', 'membertype': 'group', 'memberid': members['group']}
    ]


def test_view_without_members_shows_false(api, entity_id):
    pickup_id = add(api, {'name': 'empty', 'members': []})
    view = api.view(F, P, pickup_id).get_json()
    assert view['members'] is False and view['pickups'] is False
    text = api.view(F, P, pickup_id).get_data(as_text=True)
    assert '"members":false' in text and '"pickups":false' in text


def test_view_of_id_0(api, entity_id):
    add(api, {'name': 'zero'})
    assert api.view(F, P, '0').get_json()['pickup']['id'] == 0
    assert api.view(F, P, ' 0 ').status_code == 200


def test_list_format(api, entity_id):
    assert api.list(F, P).status_code == 204
    add(api, {'name': 'unittest', 'description': 'sample', 'commented': True})
    Pickup.create(id=7, name='orphan', entity_id=None)
    response = api.list(F, P)
    assert response.status_code == 200
    first, second = response.get_json()
    assert set(first) == PICKUP_KEYS | {'entity'}
    assert (
        first['id'],
        first['name'],
        first['description'],
        first['commented'],
        first['entity_id'],
    ) == (0, 'unittest', 'sample', True, str(entity_id))
    assert first['entity']['name'] == 'acme' and first['entity']['id'] == str(entity_id)
    assert set(second) == PICKUP_KEYS
    assert (second['id'], second['entity_id']) == (7, None)
    assert api.request(F, P).get_json() == [first, second]  # list is the default act


def test_list_runs_a_constant_number_of_queries(api, entity_id):
    add(api, {'name': 'first'})
    with count_queries() as few:
        api.list(F, P)
    make_entity('zulu', 'Zulu')
    zulu = Entity.get(Entity.name == 'zulu').id
    for index in range(10):
        add(api, {'name': f'group {index}', 'entity_id': zulu if index % 2 else entity_id})
    with count_queries() as many:
        assert len(api.list(F, P).get_json()) == 11
    assert many.count == few.count


def test_delete_removes_the_members(api, members):
    pickup_id = add(api, seed_body(members))
    other = add(api, seed_body(members, name='other'))
    assert api.delete(F, P, pickup_id).status_code == 200
    assert Pickup.get_or_none(Pickup.id == pickup_id) is None
    assert not PickupMember.select().where(PickupMember.pickupid == pickup_id).exists()
    assert PickupMember.select().where(PickupMember.pickupid == other).count() == 6
    assert api.view(F, P, pickup_id).status_code == 404


def test_deleting_a_user_removes_its_memberships(api, entity_id):
    response = api.add(
        'ipbx', 'pbx_settings/users', {'userfeatures': {'firstname': 'Ann', 'entityid': entity_id}}
    )
    user_id = added_id(response)
    kept = make_user(entity_id, 'Bob')
    pickup_id = add(
        api,
        {
            'name': 'g',
            'members': [
                member('member', 'user', user_id),
                member('pickup', 'user', user_id),
                member('member', 'user', kept),
            ],
        },
    )
    assert api.delete('ipbx', 'pbx_settings/users', user_id).status_code == 200
    assert [row['memberid'] for row in api.view(F, P, pickup_id).get_json()['members']] == [kept]


@pytest.mark.parametrize('kind', ['group', 'queue', 'user'])
def test_a_deleted_member_leaves_every_group(api, members, kind):
    target = members['users'][0] if kind == 'user' else members[kind]
    first = add(api, seed_body(members))
    second = add(api, seed_body(members, name='other'))

    def rows():
        return [
            (row.pickupid, row.category, row.membertype, row.memberid)
            for row in PickupMember.select().order_by(PickupMember.id)
        ]

    before = rows()
    cascade.deleted(kind, target)
    assert rows() == [row for row in before if row[2:] != (kind, target)]
    assert {row[0] for row in before if row[2:] == (kind, target)} == {first, second}


def test_deleting_the_entity_detaches_the_group(api):
    entity = make_entity('other', 'Other Org')
    pickup_id = add(api, {'name': 'g', 'entity_id': entity.id})
    assert api.delete('configuration', 'manage/entity', entity.id).status_code == 200
    assert Pickup.get_by_id(pickup_id).entity_id is None
    assert 'entity' not in api.list(F, P).get_json()[0]


def test_delete_unknown_ids(api, entity_id):
    check_unknown_ids(api, F, P, acts=('view', 'delete'))
    add(api, {'name': 'zero'})
    check_unknown_ids(
        api,
        F,
        P,
        acts=('view', 'delete'),
        ids=('1', '-1', 'abc', '0.5', '99999999999999999999999', ''),
    )


def test_unsupported_acts(api, entity_id):
    pickup_id = add(api, {'name': 'zero'})
    for act in ('edit', 'search', 'deleteall', 'bogus'):
        with unchanged_store():
            assert_refused(api.request(F, P, act, id=pickup_id, body={'name': 'x'}), 400)


def test_malformed_bodies(api, entity_id):
    check_malformed_bodies(api, F, P, 'add')


def test_invalid_documents(api, members, entity_id):
    add(api, {'name': 'taken'})
    user = members['users'][0]
    check_bad_documents(
        api,
        F,
        P,
        'add',
        [
            {},
            {'description': 'no name'},
            {'name': ''},
            {'name': 'taken'},
            {'name': 'x' * 129},
            {'name': ['list']},
            {'name': {'an': 'object'}},
            {'name': True},
            {'name': 'ctl\x01'},
            {'name': 'g', 'entity_id': 999999},
            {'name': 'g', 'entity_id': 'acme'},
            {'name': 'g', 'entity_id': -1},
            {'name': 'g', 'entity_id': 2**40},
            {'name': 'g', 'commented': 'maybe'},
            {'name': 'g', 'description': 'x' * 1001},
            {'name': 'g', 'members': 'user'},
            {'name': 'g', 'members': {'category': 'member'}},
            {'name': 'g', 'members': [user]},
            {'name': 'g', 'members': [None]},
            {'name': 'g', 'members': [member('member', 'user', 999999)]},
            {'name': 'g', 'members': [member('member', 'group', 999999)]},
            {'name': 'g', 'members': [member('member', 'queue', 999999)]},
            {'name': 'g', 'members': [member('member', 'group', user + 1000)]},
            {'name': 'g', 'members': [member('member', 'agent', user)]},
            {'name': 'g', 'members': [member('intercept', 'user', user)]},
            {'name': 'g', 'members': [member('member', 'user', 'abc')]},
            {'name': 'g', 'members': [member('member', 'user', 0)]},
            {'name': 'g', 'members': [member('member', 'user', 2**40)]},
            {
                'name': 'g',
                'members': [
                    member('member', 'user', user),
                    {'category': 'member', 'membertype': 'user'},
                ],
            },
            {
                'name': "g'; DROP TABLE pickup; --",
                'members': [member('member', 'user', "1 OR 1=1")],
            },
            [],
            ['name'],
        ],
    )


def test_a_deleted_group_is_not_a_member(api, members):
    GroupFeatures.update(deleted=True).where(GroupFeatures.id == members['group']).execute()
    check_bad_documents(
        api, F, P, 'add', [{'name': 'g', 'members': [member('member', 'group', members['group'])]}]
    )


def test_member_ids_may_be_strings(api, members):
    pickup_id = add(
        api, {'name': 'g', 'members': [member('member', 'user', str(members['users'][0]))]}
    )
    assert PickupMember.get(PickupMember.pickupid == pickup_id).memberid == members['users'][0]


def test_unicode_is_escaped_on_the_wire(api, entity_id):
    pickup_id = add(api, {'name': 'Zoë / 北京'})
    assert '"Zo\\u00eb \\/ \\u5317\\u4eac"' in api.view(F, P, pickup_id).get_data(as_text=True)


def test_acl(api, entity_id):
    check_acl(api, F, P, 'service/ipbx/call_management/pickup')
