"""/callcenter/json.php/restricted/settings/queueskills (and the queuesskills alias)"""

import json

import pytest

from tests.helpers.api import added_id
from tests.helpers.scenarios import (
    assert_refused,
    check_acl,
    check_bad_documents,
    check_malformed_bodies,
    check_unknown_ids,
    unchanged_store,
)
from xivows.models.queueskill import AgentQueueSkill, QueueSkill, QueueSkillCat

F, P = 'callcenter', 'settings/queueskills'
ALIAS = 'settings/queuesskills'


def add(api, name='english', category_name='langs', **fields):
    return added_id(api.add(F, P, {'name': name, 'category_name': category_name, **fields}))


def test_add_answers_the_id_as_a_json_string(api):
    response = api.add(
        F, P, {'name': 'english', 'category_name': 'langs', 'description': 'English'}
    )
    assert response.status_code == 200
    assert response.content_type == 'application/json'
    skill_id = json.loads(response.data)
    assert isinstance(skill_id, str)
    skill = QueueSkill.get_by_id(int(skill_id))
    assert (skill.name, skill.description) == ('english', 'English')
    assert QueueSkillCat.get_by_id(skill.catid).name == 'langs'


def test_category_is_created_once_and_shared(api):
    add(api, 'english')
    add(api, 'french')
    assert QueueSkillCat.select().count() == 1
    assert len({skill.catid for skill in QueueSkill.select()}) == 1


def test_seed_document_body_with_printscreen(api):
    # The seed document's example (printscreen: at most 5 characters).
    skill_id = add(
        api, 'service', 'business', printscreen='svc', description='answer to customer service'
    )
    item = api.view(F, P, skill_id).get_json()
    assert item == {
        'id': str(skill_id),
        'name': 'service',
        'description': 'answer to customer service',
        'printscreen': 'svc',
        'category_name': 'business',
    }


def test_view_format_and_alias(api):
    skill_id = add(api, description='English')
    for path in (P, ALIAS):
        response = api.view(F, path, skill_id)
        assert response.status_code == 200
        item = response.get_json()
        assert set(item) == {'id', 'name', 'description', 'printscreen', 'category_name'}
        assert all(isinstance(value, str) for value in item.values())
        assert item['id'] == str(skill_id)


def test_category_name_is_null_when_the_category_is_gone(api):
    skill_id = add(api)
    QueueSkillCat.delete().execute()
    assert api.view(F, P, skill_id).get_json()['category_name'] is None


def test_list_by_id_and_empty(api):
    assert api.list(F, P).status_code == 204
    first = add(api, 'zulu')
    second = add(api, 'alpha')
    items = api.list(F, P).get_json()
    assert [item['id'] for item in items] == [str(first), str(second)]
    assert api.request(F, P).get_json() == items  # default act
    assert api.list(F, ALIAS).get_json() == items


def test_list_runs_a_constant_number_of_queries(api):
    from playhouse.test_utils import count_queries

    add(api, 'skill0')
    with count_queries() as few:
        api.list(F, P)
    for index in range(1, 8):
        add(api, f'skill{index}', f'cat{index}')
    with count_queries() as many:
        assert len(api.list(F, P).get_json()) == 8
    assert many.count == few.count


@pytest.mark.parametrize(
    'term,found',
    [
        ('ENG', ['english']),
        ('lang', ['english', 'french']),
        ('parl', ['french']),
        ('%', []),
        ('_', []),
        ('nothing', []),
    ],
)
def test_search_on_name_description_and_category(api, term, found):
    add(api, 'english', description='Spoken')
    add(api, 'french', description='Parlé')
    response = api.search(F, P, term)
    if found:
        assert [item['name'] for item in response.get_json()] == found
    else:
        assert response.status_code == 204


def test_search_without_term_is_204(api):
    add(api)
    assert api.request(F, P, 'search').status_code == 204
    assert api.search(F, P, '').status_code == 204


def test_delete_keeps_the_category_and_drops_agent_levels(api):
    skill_id = add(api)
    AgentQueueSkill.create(agentid=1, skillid=skill_id, weight=50)
    assert api.delete(F, P, skill_id).status_code == 200
    assert not QueueSkill.select().exists()
    assert not AgentQueueSkill.select().exists()
    assert QueueSkillCat.select().count() == 1


def test_delete_through_the_alias(api):
    skill_id = add(api)
    assert api.delete(F, ALIAS, skill_id).status_code == 200
    assert not QueueSkill.select().exists()


def test_unknown_ids(api):
    check_unknown_ids(api, F, P, acts=('view', 'delete'))


def test_unsupported_acts(api):
    skill_id = add(api)
    for act in ('edit', 'deleteall'):
        with unchanged_store():
            assert_refused(api.request(F, P, act, id=skill_id, body={'name': 'x'}), 400)


def test_duplicate_name_leaves_no_category_behind(api):
    add(api, 'english', 'langs')
    with unchanged_store():
        assert_refused(api.add(F, P, {'name': 'english', 'category_name': 'other'}), 400)


def test_malformed_bodies(api):
    check_malformed_bodies(api, F, P, 'add')


BAD_DOCUMENTS = [
    {},
    {'name': 'english'},
    {'category_name': 'langs'},
    {'name': '', 'category_name': 'langs'},
    {'name': 'english', 'category_name': ''},
    {'name': 'x' * 65, 'category_name': 'langs'},
    {'name': 'english', 'category_name': 'x' * 65},
    {'name': ['english'], 'category_name': 'langs'},
    {'name': 'english', 'category_name': {'a': 1}},
    {'name': True, 'category_name': 'langs'},
    {'name': 'eng\x00lish', 'category_name': 'langs'},
    {'name': 'english', 'category_name': 'langs', 'printscreen': 'toolong'},
    {'name': 'english', 'category_name': 'langs', 'description': 'x' * 1001},
    [],
    ['english'],
]


def test_invalid_documents(api):
    check_bad_documents(api, F, P, 'add', BAD_DOCUMENTS)


def test_the_id_of_a_list_item_is_ignored(api):
    # A list item sent back as an add body (`id` included): the add answers the new id.
    skill_id = add(api, id=999999)
    assert skill_id != 999999


@pytest.mark.parametrize('key', ['bogus', 'descripton', 'category'])
def test_unknown_keys_are_refused_naming_them(api, key):
    # The original wrote every key into the row: an unknown one failed the add
    # (200 false). Dropping it would lose what a client meant (a misspelt
    # description), so it is refused.
    with unchanged_store():
        response = api.add(F, P, {'name': 'english', 'category_name': 'langs', key: 'x'})
        assert_refused(response, 400)
    assert response.get_json() == {'error': f'{key}: not a field of queue skills'}


def test_acl(api):
    check_acl(api, F, P, 'service/callcenter/settings/queueskills')
    response = api.as_user('allowed', 'allowed-pw').request(F, ALIAS, 'list')
    assert response.status_code == 204
    with unchanged_store():
        assert api.as_user('denied', 'denied-pw').request(F, ALIAS, 'list').status_code == 403
