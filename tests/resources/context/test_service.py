"""The context service with its typed input: ranges and includes replaced when
given, the name that cannot change, wrongly typed fields refused."""

import pytest

from tests.helpers.fixtures import make_entity
from tests.helpers.scenarios import unchanged_store
from xivows.errors import InvalidInput
from xivows.models.context import Context, ContextInclude, ContextNumbers
from xivows.resources.context import service
from xivows.resources.context.inputs import ContextInput, NumberRange


@pytest.fixture
def stored(app):
    make_entity()
    service.create(ContextInput({'name': 'other', 'displayname': 'Other', 'entity': 'acme'}))
    return service.create(
        ContextInput(
            {'name': 'default', 'displayname': 'Default', 'entity': 'acme'},
            includes=['other'],
            numbers={
                'user': [NumberRange(1000, 1099)],
                'incall': [NumberRange('5000', '5999', 4)],
            },
        )
    )


def ranges():
    return sorted(
        (row.type, row.numberbeg, row.numberend, row.didlength)
        for row in ContextNumbers.select().where(ContextNumbers.context == 'default')
    )


def test_ranges_and_includes(stored):
    assert stored == 'default'
    assert ranges() == [('incall', '5000', '5999', 4), ('user', '1000', '1099', 0)]
    service.edit(
        'default',
        ContextInput(
            {'displayname': 'Renamed'}, numbers={'user': [NumberRange('2000')]}, includes=[]
        ),
    )
    assert ranges() == [('incall', '5000', '5999', 4), ('user', '2000', '', 0)]
    assert not ContextInclude.select().where(ContextInclude.context == 'default').exists()
    assert Context.get_by_id('default').displayname == 'Renamed'


@pytest.mark.parametrize(
    'changes,reason',
    [
        (ContextInput({'name': 'renamed'}), 'context.name: cannot be changed'),
        (ContextInput({'name': ['default']}), 'context.name: must be a string'),
        (ContextInput({'displayname': {'a': 1}}), 'context.displayname: must be a string'),
        (ContextInput({'commented': 'maybe'}), 'context.commented: must be a boolean'),
        (ContextInput('x'), 'context: must be an object'),
        (ContextInput(includes='other'), 'contextinclude: must be a list of context names'),
        (ContextInput(includes=[['other']]), 'contextinclude.0: must be a string'),
        (
            ContextInput(numbers={'user': [{'numberbeg': '1'}]}),
            'contextnumbers.user.0: must be an object',
        ),
        (
            ContextInput(numbers={'user': [NumberRange('abc')]}),
            'contextnumbers.user.0.numberbeg: has an invalid format',
        ),
        (ContextInput(numbers={'voicemail': []}), 'contextnumbers.voicemail: not a range type'),
        (ContextInput(numbers=[]), 'contextnumbers: must be an object keyed by type'),
    ],
)
def test_wrong_or_unchangeable_fields_are_refused(stored, changes, reason):
    with unchanged_store():
        with pytest.raises(InvalidInput) as refused:
            service.edit('default', changes)
    assert refused.value.message == reason
