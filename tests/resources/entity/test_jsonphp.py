"""/xivo/configuration/json.php/restricted/manage/entity"""

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
from xivows.models.context import Context
from xivows.models.entity import Entity

F, P = 'configuration', 'manage/entity'


def add(api, **fields):
    body = {'name': 'acme', 'displayname': 'Acme Corp', **fields}
    return added_id(api.add(F, P, body))


def test_add_returns_the_id_and_stores(api):
    entity_id = add(api, phonenumber='0123', country='FR', email='a@b.fr')
    entity = Entity.get_by_id(entity_id)
    assert (entity.name, entity.displayname, entity.phonenumber, entity.country) == (
        'acme',
        'Acme Corp',
        '0123',
        'FR',
    )
    assert entity.dcreate > 0


def test_name_is_stored_lower_case(api):
    entity_id = add(api, name='ACME')
    assert Entity.get_by_id(entity_id).name == 'acme'


def test_view_format(api):
    entity_id = add(api)
    response = api.view(F, P, entity_id)
    assert response.status_code == 200
    assert response.content_type == 'application/json'
    item = json.loads(response.data)
    assert item['id'] == str(entity_id)
    assert item['disable'] is False
    assert isinstance(item['dcreate'], str)
    assert item['identity'] == 'Acme Corp (acme)'
    assert set(item) == {
        'id',
        'name',
        'displayname',
        'phonenumber',
        'faxnumber',
        'email',
        'url',
        'address1',
        'address2',
        'city',
        'state',
        'zipcode',
        'country',
        'disable',
        'dcreate',
        'description',
        'identity',
    }


def test_list_and_empty_list(api):
    assert api.list(F, P).status_code == 204
    add(api)
    add(api, name='other', displayname='Other Org')
    items = api.list(F, P).get_json()
    assert [item['name'] for item in items] == ['acme', 'other']


def test_default_act_is_list(api):
    add(api)
    assert len(api.request(F, P).get_json()) == 1


@pytest.mark.parametrize(
    'term,found',
    [
        ('acm', ['acme']),
        ('ACME', ['acme']),
        ('corp', ['acme']),
        ('lyon', ['other']),
        ('%', []),
        ('_', []),
        ('nothing', []),
    ],
)
def test_search(api, term, found):
    add(api)
    add(api, name='other', displayname='Other Org', city='Lyon')
    response = api.search(F, P, term)
    if found:
        assert [item['name'] for item in response.get_json()] == found
    else:
        assert response.status_code == 204


def test_search_without_term_is_204(api):
    add(api)
    assert api.request(F, P, 'search').status_code == 204
    assert api.search(F, P, '').status_code == 204


def test_search_is_case_insensitive_beyond_ascii(api):
    add(api, displayname='Société Éclair')
    assert api.search(F, P, 'ÉCLAIR').status_code == 200
    assert api.search(F, P, 'société').status_code == 200


def test_edit_merges_and_round_trips_the_view(api):
    entity_id = add(api, city='Paris')
    view = api.view(F, P, entity_id).get_json()
    view['displayname'] = 'Acme Renamed'
    assert api.edit(F, P, entity_id, view).status_code == 200
    entity = Entity.get_by_id(entity_id)
    assert (entity.displayname, entity.city) == ('Acme Renamed', 'Paris')
    assert api.edit(F, P, entity_id, {'email': 'x@y.org'}).status_code == 200
    assert Entity.get_by_id(entity_id).city == 'Paris'


def test_rename_updates_contexts(api):
    entity_id = add(api)
    Context.create(name='ctx', displayname='Ctx', entity='acme')
    assert api.edit(F, P, entity_id, {'name': 'newname'}).status_code == 200
    assert Context.get_by_id('ctx').entity == 'newname'


def test_delete(api):
    entity_id = add(api)
    assert api.delete(F, P, entity_id).status_code == 200
    assert not Entity.select().exists()


def test_delete_in_use_is_refused(api):
    entity_id = add(api)
    Context.create(name='ctx', displayname='Ctx', entity='acme')
    with unchanged_store():
        assert_refused(api.delete(F, P, entity_id), 405)


def test_deleteall_keeps_entities_in_use(api):
    assert api.delete_all(F, P).status_code == 204
    add(api)
    add(api, name='other', displayname='Other Org')
    Context.create(name='ctx', displayname='Ctx', entity='acme')
    assert api.delete_all(F, P).status_code == 200
    assert [e.name for e in Entity.select()] == ['acme']


def test_duplicate_name_is_400(api):
    add(api)
    check_bad_documents(api, F, P, 'add', [{'name': 'ACME', 'displayname': 'Again'}])
    other_id = add(api, name='other', displayname='Other Org')
    for response in (
        api.add(F, P, {'name': 'acme', 'displayname': 'Again'}),
        api.edit(F, P, other_id, {'name': 'acme'}),
    ):
        assert response.status_code == 400
        assert response.get_json()['error'] == 'name: already used: acme'


def test_unknown_ids(api):
    check_unknown_ids(api, F, P, body={'displayname': 'whatever'})


def test_malformed_bodies(api):
    check_malformed_bodies(api, F, P, 'add')
    entity_id = add(api)
    check_malformed_bodies(api, F, P, 'edit', id=entity_id)


BAD_DOCUMENTS = [
    {},
    {'displayname': 'No name'},
    {'name': 'acme'},
    {'name': 'acme', 'displayname': 'ab'},
    {'name': 'bad name', 'displayname': 'Acme'},
    {'name': 'a' * 65, 'displayname': 'Acme'},
    {'name': ['acme'], 'displayname': 'Acme'},
    {'name': {'x': 1}, 'displayname': 'Acme'},
    {'name': True, 'displayname': 'Acme'},
    {'name': 'acme', 'displayname': 'Acme\x01'},
    {'name': 'acme', 'displayname': 'Acme', 'country': 'France'},
    {'name': 'acme', 'displayname': 'Acme', 'email': 'not-an-email'},
    {'name': 'acme', 'displayname': 'Acme', 'phonenumber': "1' OR '1'='1"},
    {'name': "acme'; DROP TABLE entity; --", 'displayname': 'Acme'},
    {'name': 'acme', 'displayname': 'Acme', 'address1': 'x' * 31},
    [],
    ['acme'],
]


def test_invalid_documents(api):
    check_bad_documents(api, F, P, 'add', BAD_DOCUMENTS)
    entity_id = add(api)
    check_bad_documents(
        api,
        F,
        P,
        'edit',
        [{'name': ''}, {'displayname': None}, {'country': 'fr'}, {'name': {'a': 1}}],
        id=entity_id,
    )


def test_numbers_are_accepted_as_strings(api):
    entity_id = add(api, phonenumber=12345)
    assert Entity.get_by_id(entity_id).phonenumber == '12345'


def test_unicode_is_escaped_on_the_wire(api):
    entity_id = add(api, displayname='Zoë / 北京')
    body = api.view(F, P, entity_id).get_data(as_text=True)
    assert '\\u00eb \\/ \\u5317\\u4eac' in body


def test_acl(api):
    check_acl(api, F, P, 'xivo/configuration/manage/entity')
