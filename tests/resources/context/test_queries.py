"""List and search of contexts run a constant number of queries."""

from playhouse.test_utils import count_queries

from tests.helpers.fixtures import make_context, make_entity
from xivows.models.context import ContextInclude, ContextMember
from xivows.models.extension import Extension

F, P = 'ipbx', 'system_management/context'


def populate(first, count):
    for index in range(first, first + count):
        name = f'ctx{index:03d}'
        make_context(
            name,
            entity='acme',
            ranges={'user': [(f'{index}00', f'{index}99')], 'incall': [(f'{index}', '', 3)]},
        )
        ContextInclude.create(context=name, include='ctx000', priority=0)
        Extension.create(context=name, exten=f'{index}00', type='user', typeval=str(index))
        ContextMember.create(context=name, type='agent', typeval=str(index))


def test_list_runs_a_constant_number_of_queries(api):
    make_entity('acme')
    make_context('ctx000', entity='acme')
    with count_queries() as few:
        assert len(api.list(F, P).get_json()) == 1
    populate(1, 30)
    with count_queries() as many:
        items = api.list(F, P).get_json()
    assert len(items) == 31
    assert many.count == few.count
    # ctx000 is only included by the others: includes do not hold it
    assert [item['deletable'] for item in items] == [True] + [False] * 30


def test_search_runs_a_constant_number_of_queries(api):
    make_entity('acme')
    make_context('ctx000', entity='acme')
    with count_queries() as few:
        assert len(api.search(F, P, 'ctx').get_json()) == 1
    populate(1, 30)
    with count_queries() as many:
        assert len(api.search(F, P, 'ctx').get_json()) == 31
    assert many.count == few.count
