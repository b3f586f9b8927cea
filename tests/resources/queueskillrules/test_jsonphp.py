"""/callcenter/json.php/restricted/settings/queueskillrules"""

import json

import pytest
from playhouse.test_utils import count_queries

from tests.helpers.api import added_id
from tests.helpers.scenarios import (
    assert_refused,
    check_acl,
    check_bad_documents,
    check_malformed_bodies,
    check_unknown_ids,
    unchanged_store,
)
from xivows.models.queueskill import QueueSkillRule

F, P = 'callcenter', 'settings/queueskillrules'


def add(api, name='test_rule', rule=('anthropology > 70',)):
    return added_id(api.add(F, P, {'name': name, 'rule': list(rule)}))


def test_add_as_xivo_ws_sends_it(api):
    response = api.add(F, P, {'name': 'test_rule', 'rule': ['anthropology > 70']})
    assert response.status_code == 200
    rule_id = json.loads(response.data)
    assert isinstance(rule_id, str)
    row = QueueSkillRule.get_by_id(int(rule_id))
    assert (row.name, row.rule) == ('test_rule', 'anthropology > 70')


def test_view_format(api):
    rule_id = add(api, rule=['a > 5', '(b | c) & d <= 3, e'])
    response = api.view(F, P, rule_id)
    assert response.status_code == 200
    # xivo-ws: int(id), name, rule as given
    assert response.get_json() == {
        'id': str(rule_id),
        'name': 'test_rule',
        'rule': ['a > 5', '(b | c) & d <= 3, e'],
    }


def test_list_is_ordered_by_name(api):
    assert api.list(F, P).status_code == 204
    add(api, 'zeta')
    add(api, 'alpha')
    add(api, 'mu')
    assert [item['name'] for item in api.list(F, P).get_json()] == ['alpha', 'mu', 'zeta']
    assert len(api.request(F, P).get_json()) == 3


def test_list_runs_a_constant_number_of_queries(api):
    add(api, 'r0')
    with count_queries() as few:
        api.list(F, P)
    for index in range(1, 8):
        add(api, f'r{index}')
    with count_queries() as many:
        assert len(api.list(F, P).get_json()) == 8
    assert many.count == few.count


@pytest.mark.parametrize(
    'term,found',
    [
        ('RULE', ['my_rule']),
        ('anthro', ['my_rule']),
        ('bio', ['other']),
        ('>', ['my_rule', 'other']),
        ('%', []),
        ('nothing', []),
    ],
)
def test_search_on_name_and_rule(api, term, found):
    add(api, 'my_rule', ['anthropology > 70'])
    add(api, 'other', ['biology > 10'])
    response = api.search(F, P, term)
    if found:
        assert [item['name'] for item in response.get_json()] == found
    else:
        assert response.status_code == 204


def test_search_without_term_is_204(api):
    add(api)
    assert api.request(F, P, 'search').status_code == 204


def test_delete(api):
    rule_id = add(api)
    assert api.delete(F, P, rule_id).status_code == 200
    assert not QueueSkillRule.select().exists()


def test_unknown_ids(api):
    check_unknown_ids(api, F, P, acts=('view', 'delete'))


def test_malformed_bodies(api):
    check_malformed_bodies(api, F, P, 'add')


@pytest.mark.parametrize(
    'rule',
    [
        'anthropology > 70',
        'a',
        'a & b',
        '(a|b)&c>=3',
        'a>5,b<2',
        'a > 5 & (b == 3 | c != 1)',
        'skill1 > 1',
        '\ta\t>\t1',
    ],
)
def test_valid_rules(api, rule):
    assert api.add(F, P, {'name': 'r', 'rule': [rule]}).status_code == 200


BAD_RULES = [
    '',
    ' ',
    'a >',
    '> 5',
    'a > b',
    '(a',
    'a)',
    'a &',
    'a,b,c',
    'a b',
    'a,',
    ',a',
    'a > 5 5',
    '()',
    'a >== 3',
    'a;b',
    'a\nb',
    'a\n> 5',
    'a > 5\x00',
    'a\u2028>1',
]


def test_invalid_documents(api):
    add(api, 'taken')
    documents = [{'name': 'r', 'rule': [rule]} for rule in BAD_RULES]
    documents += [
        {},
        {'name': 'r'},
        {'rule': ['a']},
        {'name': '', 'rule': ['a']},
        {'name': 'r', 'rule': []},
        {'name': 'r', 'rule': 'a > 5'},
        {'name': 'r', 'rule': [5]},
        {'name': 'r', 'rule': [None]},
        {'name': 'r', 'rule': [['a']]},
        {'name': 'r', 'rule': {'a': 1}},
        {'name': 'r', 'rule': None},
        {'name': ['r'], 'rule': ['a']},
        {'name': 'x' * 65, 'rule': ['a']},
        {'name': 'taken', 'rule': ['a']},
        {'name': 'r', 'rule': ['a' * 1025]},
        [],
        ['r'],
    ]
    check_bad_documents(api, F, P, 'add', documents)


@pytest.mark.parametrize('document', [{'name': 'r'}, {'name': 'r', 'rule': None}])
def test_missing_rule_is_named_as_every_missing_field(api, document):
    response = api.add(F, P, document)
    assert response.status_code == 400
    assert response.get_json()['error'] == 'rule: is required'


def test_unsupported_acts(api):
    rule_id = add(api)
    for act in ('edit', 'deleteall'):
        with unchanged_store():
            assert_refused(api.request(F, P, act, id=rule_id, body={'name': 'x'}), 400)


def test_acl(api):
    check_acl(api, F, P, 'service/callcenter/settings/queueskillrules')
