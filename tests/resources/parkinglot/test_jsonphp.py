"""/service/ipbx/json.php/restricted/pbx_services/parkinglot"""

import pytest
from playhouse.test_utils import count_queries

from tests.helpers.api import added_id
from tests.helpers.fixtures import make_context, make_default_context
from tests.helpers.scenarios import (
    assert_refused,
    check_acl,
    check_bad_documents,
    check_malformed_bodies,
    check_unknown_ids,
    unchanged_store,
)
from xivows.models.extension import Extension
from xivows.models.parkinglot import Parkinglot

F, P = 'ipbx', 'pbx_services/parkinglot'
KEYS = [
    'id',
    'name',
    'context',
    'extension',
    'positions',
    'next',
    'duration',
    'calltransfers',
    'callreparking',
    'callhangup',
    'callrecording',
    'musicclass',
    'hints',
    'commented',
    'description',
]
# The seed document's example.
SEED = {
    'name': 'myparkinglot',
    'context': 'default',
    'extension': 700,
    'positions': 10,
    'next': 1,
    'commented': 0,
}


@pytest.fixture
def context(app):
    make_default_context()
    return 'default'


def add(api, **fields):
    return added_id(api.add(F, P, {**SEED, **fields}))


def lot_extension(parkinglot_id):
    return Extension.get_or_none(
        (Extension.type == 'parkinglot') & (Extension.typeval == str(parkinglot_id))
    )


def test_add_the_seed_example_answers_the_id_as_a_string(api, context):
    response = api.add(F, P, SEED)
    assert response.status_code == 200 and response.content_type == 'application/json'
    text = response.get_data(as_text=True)
    assert text.startswith('"') and text.endswith('"')
    lot = Parkinglot.get_by_id(int(text.strip('"')))
    assert (
        lot.name,
        lot.context,
        lot.extension,
        lot.positions,
        lot.next,
        lot.duration,
        lot.calltransfers,
        lot.musicclass,
        lot.hints,
        lot.commented,
        lot.description,
    ) == ('myparkinglot', 'default', '700', 10, True, None, None, None, False, False, '')
    held = lot_extension(lot.id)
    assert (held.context, held.exten) == ('default', '700')


def test_view_format(api, context):
    lot_id = add(
        api,
        duration='45',
        calltransfers='caller',
        callreparking='both',
        callhangup='callee',
        callrecording='',
        musicclass='default',
        hints=True,
        commented=True,
        description='first floor',
        next='no',
    )
    response = api.view(F, P, lot_id)
    assert response.status_code == 200
    view = response.get_json()
    assert list(view) == KEYS
    assert view == {
        'id': lot_id,
        'name': 'myparkinglot',
        'context': 'default',
        'extension': '700',
        'positions': '10',
        'next': '0',
        'duration': '45',
        'calltransfers': 'caller',
        'callreparking': 'both',
        'callhangup': 'callee',
        'callrecording': None,
        'musicclass': 'default',
        'hints': '1',
        'commented': True,
        'description': 'first floor',
    }


def test_defaults(api, context):
    lot_id = added_id(api.add(F, P, {'name': 'small', 'context': 'default', 'extension': '800'}))
    view = api.view(F, P, lot_id).get_json()
    assert (
        view['positions'],
        view['next'],
        view['hints'],
        view['commented'],
        view['duration'],
        view['musicclass'],
    ) == ('50', '1', '0', False, None, None)


def test_list_is_by_name(api, context):
    assert api.list(F, P).status_code == 204
    zulu = add(api, name='zulu', extension='900')
    alpha = add(api, name='Alpha', extension='700')
    mid = add(api, name='mid', extension='800')
    items = api.list(F, P).get_json()
    assert [item['id'] for item in items] == [alpha, mid, zulu]
    assert all(list(item) == KEYS for item in items)
    assert items[0] == api.view(F, P, alpha).get_json()
    assert api.request(F, P).get_json() == items  # list is the default act


def test_list_runs_a_constant_number_of_queries(api, context):
    add(api)
    with count_queries() as few:
        api.list(F, P)
    for index in range(10):
        add(api, name=f'lot {index}', extension=str(800 + index * 20), positions=15)
    with count_queries() as many:
        assert len(api.list(F, P).get_json()) == 11
    assert many.count == few.count


def test_edit_merges_and_round_trips_the_view(api, context):
    lot_id = add(api, description='keep me', duration=30)
    view = api.view(F, P, lot_id).get_json()
    view['positions'] = '20'
    assert api.edit(F, P, lot_id, view).status_code == 200
    assert api.view(F, P, lot_id).get_json() == {**view, 'positions': '20'}
    assert api.edit(F, P, lot_id, {'name': 'renamed', 'duration': None}).status_code == 200
    lot = Parkinglot.get_by_id(lot_id)
    assert (lot.name, lot.positions, lot.description, lot.duration) == (
        'renamed',
        20,
        'keep me',
        30,
    )  # null keeps the stored value
    assert api.edit(F, P, lot_id, {'duration': '', 'calltransfers': 'both'}).status_code == 200
    lot = Parkinglot.get_by_id(lot_id)
    assert (lot.duration, lot.calltransfers) == (None, 'both')
    assert api.edit(F, P, lot_id, {'calltransfers': ''}).status_code == 200
    assert Parkinglot.get_by_id(lot_id).calltransfers is None


def test_edit_moves_the_held_extension(api, context):
    make_context('other')
    lot_id = add(api)
    assert api.edit(F, P, lot_id, {'context': 'other', 'extension': '750'}).status_code == 200
    held = lot_extension(lot_id)
    assert (held.context, held.exten) == ('other', '750')
    assert Extension.select().where(Extension.type == 'parkinglot').count() == 1
    # its own slots do not conflict with itself
    assert api.edit(F, P, lot_id, {'extension': '751', 'positions': 40}).status_code == 200


def test_delete_releases_the_extension(api, context):
    lot_id = add(api)
    other = add(api, name='other', extension='800')
    assert api.delete(F, P, lot_id).status_code == 200
    assert Parkinglot.get_or_none(Parkinglot.id == lot_id) is None
    assert lot_extension(lot_id) is None and lot_extension(other) is not None
    assert api.view(F, P, lot_id).status_code == 404
    # the number is free again
    assert add(api, name='again') > 0


@pytest.mark.parametrize(
    'fields,reason',
    [
        ({'extension': '700'}, 'extension: 700 is already used'),
        ({'extension': '695'}, 'parking positions 696-705: 700 is already used'),
        ({'extension': '705', 'positions': 1}, 'overlaps parking lot myparkinglot'),
        ({'extension': '710', 'positions': 1}, 'overlaps parking lot myparkinglot'),
        ({'extension': '1000'}, 'extension: 1000 is already used'),
        ({'extension': '990', 'positions': 10}, 'parking positions 991-1000: 1000 is already'),
    ],
)
def test_numbers_must_be_free(api, context, fields, reason):
    add(api)  # 700, slots 701-710
    Extension.create(context='default', exten='1000', type='user', typeval='1')
    response = api.add(F, P, {**SEED, 'name': 'second', **fields})
    assert_refused(response, 400)
    assert reason in response.get_json()['error']


def test_the_same_numbers_in_another_context(api, context):
    make_context('other')
    add(api)
    assert add(api, name='second', context='other') > 0


def test_a_user_cannot_take_the_parking_number(api, context):
    add(api, context='default', extension='1500')
    body = {
        'userfeatures': {'firstname': 'Ann'},
        'linefeatures': {'protocol': ['sip'], 'context': ['default'], 'number': ['1500']},
    }
    with unchanged_store():
        assert_refused(api.add('ipbx', 'pbx_settings/users', body), 400)


def test_a_context_holding_a_lot_cannot_be_deleted(api, context):
    make_context('other')
    add(api, context='other')
    with unchanged_store():
        response = api.delete('ipbx', 'system_management/context', 'other')
    assert_refused(response, 400)
    assert 'parking lots' in response.get_json()['error']


def test_unknown_ids(api, context):
    check_unknown_ids(api, F, P, body={'name': 'whatever'})


def test_edit_as_the_seed_document_writes_it_with_the_id_in_the_body(api, context):
    """`?act=edit` without `id` in the URL: the body's `id` names the lot."""
    lot_id = add(api)
    response = api.request(F, P, 'edit', body={**SEED, 'id': lot_id, 'positions': 20})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert Parkinglot.get_by_id(lot_id).positions == 20
    edited = api.request(F, P, 'edit', body={'id': str(lot_id), 'name': 'renamed'})
    assert edited.status_code == 200
    assert Parkinglot.get_by_id(lot_id).name == 'renamed'


def test_edit_needs_an_id(api, context):
    lot_id = add(api)
    with unchanged_store():
        assert_refused(api.request(F, P, 'edit', body={'name': 'x'}), 404)
        assert_refused(api.request(F, P, 'edit', body={'id': lot_id + 1, 'name': 'x'}), 404)
        assert_refused(api.request(F, P, 'edit', body={'id': [lot_id], 'name': 'x'}), 404)


def test_an_id_in_the_body_must_match_the_id_parameter(api, context):
    lot_id = add(api)
    other = add(api, name='other', extension='800')
    view = api.view(F, P, lot_id).get_json()
    assert api.edit(F, P, lot_id, {**view, 'positions': 12}).status_code == 200
    with unchanged_store():
        response = api.edit(F, P, lot_id, {'id': other, 'name': 'x'})
        assert_refused(response, 400)
        assert response.get_json()['error'] == 'id: does not match the id parameter'


def test_unsupported_acts(api, context):
    lot_id = add(api)
    for act in ('search', 'deleteall', 'bogus'):
        with unchanged_store():
            assert_refused(api.request(F, P, act, id=lot_id, search='my'), 400)


def test_malformed_bodies(api, context):
    check_malformed_bodies(api, F, P, 'add')
    lot_id = add(api)
    check_malformed_bodies(api, F, P, 'edit', id=lot_id)


BAD_DOCUMENTS = [
    {},
    {'context': 'default', 'extension': '700'},
    {'name': 'x', 'extension': '700'},
    {'name': 'x', 'context': 'default'},
    {**SEED, 'name': ''},
    {**SEED, 'name': 'x' * 256},
    {**SEED, 'name': ['x']},
    {**SEED, 'name': 'a\x00b'},
    {**SEED, 'context': 'nowhere'},
    {**SEED, 'context': 'xivo-features'},
    {**SEED, 'context': 'bad context'},
    {**SEED, 'context': "default'; DROP TABLE parkinglot; --"},
    {**SEED, 'extension': 'abc'},
    {**SEED, 'extension': -700},
    {**SEED, 'extension': 7.5},
    {**SEED, 'extension': '1' * 41},
    {**SEED, 'extension': {'n': 700}},
    {**SEED, 'positions': 0},
    {**SEED, 'positions': -1},
    {**SEED, 'positions': 10001},
    {**SEED, 'positions': 'many'},
    {**SEED, 'positions': 2**64},
    {**SEED, 'next': 'perhaps'},
    {**SEED, 'hints': 2},
    {**SEED, 'commented': []},
    {**SEED, 'duration': -5},
    {**SEED, 'duration': 2**40},
    {**SEED, 'duration': 'long'},
    {**SEED, 'calltransfers': 'everybody'},
    {**SEED, 'callrecording': True},
    {**SEED, 'musicclass': 'no-such-class'},
    {**SEED, 'description': 'x' * 1001},
    [],
    [SEED],
]


def test_invalid_documents(api, context):
    check_bad_documents(api, F, P, 'add', BAD_DOCUMENTS)
    lot_id = add(api)
    add(api, name='taken', extension='800')
    check_bad_documents(api, F, P, 'add', [{**SEED, 'name': 'taken', 'extension': '900'}])
    check_bad_documents(
        api,
        F,
        P,
        'edit',
        [
            {'name': ''},
            {'name': 'taken'},
            {'name': None, 'context': None, 'positions': 0},
            {'context': 'nowhere'},
            {'extension': '800'},
            {'extension': '790'},
            {'positions': 'x'},
            {'calltransfers': 'all'},
            {'musicclass': 'unknown'},
        ],
        id=lot_id,
    )


def test_numbers_are_accepted_as_strings_and_strings_as_numbers(api, context):
    lot_id = add(api, extension='720', positions='5', duration=60, name=12345)
    lot = Parkinglot.get_by_id(lot_id)
    assert (lot.extension, lot.positions, lot.duration, lot.name) == ('720', 5, 60, '12345')


def test_unicode_is_escaped_on_the_wire(api, context):
    lot_id = add(api, name='Zoë / 北京')
    assert '"Zo\\u00eb \\/ \\u5317\\u4eac"' in api.view(F, P, lot_id).get_data(as_text=True)


def test_acl(api, context):
    check_acl(api, F, P, 'service/ipbx/pbx_services/parkinglot')


@pytest.mark.parametrize(
    'body,named',
    [
        ({'name': ['x']}, 'name'),
        ({'name': {'a': 1}}, 'name'),
        ({'extension': 'abc'}, 'extension'),
        ({'positions': {'a': 1}}, 'positions'),
        ({'next': 'maybe'}, 'next'),
        ({'context': ['default']}, 'context'),
        ({'duration': [30]}, 'duration'),
        ({'nmae': 'typo'}, 'nmae'),
        ({'identity': 'x'}, 'identity'),
    ],
)
def test_edit_refuses_what_it_cannot_apply_naming_it(api, context, body, named):
    lot_id = add(api)
    with unchanged_store():
        response = api.edit(F, P, lot_id, body)
        assert_refused(response)
    assert response.get_json()['error'].startswith(named + ':')
    with unchanged_store():
        assert_refused(api.add(F, P, {**SEED, 'name': 'other', 'extension': '800', **body}))


def test_edit_applies_every_field(api, context):
    lot_id = add(api)
    changes = {
        'name': 'renamed',
        'positions': 5,
        'next': False,
        'duration': 45,
        'calltransfers': 'caller',
        'callreparking': 'callee',
        'callhangup': 'both',
        'callrecording': 'caller',
        'hints': True,
        'commented': True,
        'description': 'moved',
    }
    assert api.edit(F, P, lot_id, {**changes, 'id': lot_id}).status_code == 200
    lot = Parkinglot.get_by_id(lot_id)
    assert {key: getattr(lot, key) for key in changes} == changes
