"""/service/ipbx/json.php/restricted/system_management/extensions"""

import hashlib

import pytest

from tests.helpers.fixtures import make_context, make_default_context
from tests.helpers.scenarios import assert_refused, check_acl, unchanged_store
from xivows import numbering
from xivows.models.extension import Extension

F, P = 'ipbx', 'system_management/extensions'


@pytest.fixture
def dialplan(app):
    make_default_context()
    make_context(
        'small',
        ranges={
            'user': [('101', '106'), ('109', '110'), ('210',)],
            'group': [('0050', '0052')],
            'incall': [('100', '105', 3)],
        },
    )


def free(api, **params):
    response = api.request(F, P, 'search', **params)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.content_type == 'application/json'
    return response.get_json()


def use(context, exten, kind='user', owner='1'):
    Extension.create(context=context, exten=exten, type=kind, typeval=owner)


def test_free_numbers_in_range_order(api, dialplan):
    use('small', '103')
    use('small', '107', 'group')  # outside the user ranges: changes nothing
    assert free(api, context='small', obj='user') == [101, 102, 104, 105, 106, 109, 110, 210]


def test_the_seed_document_example(api, dialplan):
    use('small', '103')
    body = api.request(F, P, 'search', context='small', obj='user', number='10').get_data(
        as_text=True
    )
    assert body == '[101,102,104,105,106,109,110,210]'


def test_number_keeps_numbers_containing_it(api, dialplan):
    assert free(api, context='small', obj='user', number='0') == [
        101,
        102,
        103,
        104,
        105,
        106,
        109,
        110,
        210,
    ]
    assert free(api, context='small', obj='user', number='21') == [210]
    assert free(api, context='small', obj='user', number='') == free(
        api, context='small', obj='user'
    )
    assert free(api, context='small', obj='user', number='999') == []


def test_any_type_holding_a_number_makes_it_busy(api, dialplan):
    use('small', '101', 'group')
    assert 101 not in free(api, context='small', obj='user')


def test_numbers_of_other_contexts_do_not_count(api, dialplan):
    use('default', '101')
    assert 101 in free(api, context='small', obj='user')


def test_leading_zeros_are_lost(api, dialplan):
    use('small', '0051', 'group')
    assert free(api, context='small', obj='group') == [50, 52]


def test_incall_numbers_compare_the_last_digits(api, dialplan):
    use('small', '0123456102', 'incall')
    assert free(api, context='small', obj='incall') == [100, 101, 103, 104, 105]


def test_nothing_free_is_200_with_an_empty_list(api, dialplan):
    for obj in ('queue', 'meetme'):
        assert free(api, context='small', obj=obj) == []
    for exten in ('0050', '51', '052'):
        use('small', exten, 'group')
    assert free(api, context='small', obj='group') == []
    response = api.request(F, P, 'search', context='small', obj='queue')
    assert response.get_data(as_text=True) == '[]'


def test_every_act_value_searches(api, dialplan):
    expected = free(api, context='small', obj='group')
    for act in (None, 'list', 'view', 'bogus', 'delete'):
        with unchanged_store():
            response = api.request(F, P, act, context='small', obj='group')
        assert response.status_code == 200
        assert response.get_json() == expected


def test_default_context_of_the_wizard(api, dialplan):
    use('default', '1000')
    numbers = free(api, context='default', obj='user')
    assert len(numbers) == 999 and numbers[0] == 1001 and numbers[-1] == 1999


def test_unknown_context_is_404(api, dialplan):
    for context in ('nowhere', 'Default', 'x' * 300):
        assert_refused(api.request(F, P, 'search', context=context, obj='user'), 404)


@pytest.mark.parametrize(
    'params',
    [
        {},
        {'obj': 'user'},
        {'context': '', 'obj': 'user'},
        {'context': 'small'},
        {'context': 'small', 'obj': ''},
        {'context': 'small', 'obj': 'voicemail'},
        {'context': 'small', 'obj': 'USER'},
        {'context': 'small', 'obj': 'user', 'number': 'x'},
        {'context': 'small', 'obj': 'user', 'number': '-1'},
        {'context': 'small', 'obj': 'user', 'number': '1.5'},
        {'context': 'small', 'obj': 'user', 'number': '\u0661'},
        {'context': 'small', 'obj': 'user', 'number': '%'},
    ],
)
def test_invalid_parameters_are_400(api, dialplan, params):
    assert_refused(api.request(F, P, 'search', **params), 400)


def test_no_sum(api, dialplan):
    response = api.request(F, P, 'search', context='small', obj='group')
    digest = hashlib.md5(response.get_data()).hexdigest()
    again = api.request(F, P, 'search', context='small', obj='group', sum=digest)
    assert again.status_code == 200 and again.get_data() == response.get_data()


def test_no_private_mode(api, dialplan):
    response = api.as_user(None, None).request(
        F, P, 'search', mode='private', context='small', obj='user'
    )
    assert response.status_code == 404


def test_huge_ranges_are_capped(api, dialplan):
    make_context('huge', ranges={'user': [('0' * 16, '9' * 16)]})
    numbers = free(api, context='huge', obj='user')
    assert len(numbers) == numbering.MAX_EXPANDED
    assert numbers[:3] == [0, 1, 2]


def test_acl(api, dialplan):
    check_acl(api, F, P, 'service/ipbx/system_management/extensions', act='search')


def test_the_service_takes_plain_values(app):
    """What another dialect calls (no HTTP)."""
    from xivows.errors import InvalidInput, NotFound
    from xivows.resources.extensions import service

    make_default_context()
    assert service.free('default', 'user', '100')[:2] == [1000, 1001]
    with pytest.raises(InvalidInput, match='^obj: '):
        service.free('default', 'trunk')
    with pytest.raises(InvalidInput, match='^number: '):
        service.free('default', 'user', 12)
    with pytest.raises(NotFound):
        service.free('nowhere', 'user')
