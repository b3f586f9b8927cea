"""xivows.probe (lookups answered by one query), xivows.idsets (a set of ids as
one parameter) and cascade.deleted_many, on both databases."""

import pytest
from playhouse.test_utils import count_queries

from tests.helpers.fixtures import make_default_context
from xivows import cascade, db, numbering
from xivows.db import database
from xivows.idsets import in_ids, texts
from xivows.models.context import Context, ContextNumbers
from xivows.models.dialaction import Dialaction
from xivows.models.extension import Extension
from xivows.probe import Probe


@pytest.fixture
def contexts(app):
    make_default_context()


def test_lookups_are_answered_by_one_query(contexts):
    probe = Probe()
    known = probe.exists(Context.select().where(Context.name == 'default'))
    unknown = probe.exists(Context.select().where(Context.name == 'nowhere'))
    name = probe.first(Context.select(Context.displayname).where(Context.name == 'default'))
    none = probe.first(Context.select(Context.displayname).where(Context.name == 'nowhere'))
    with count_queries() as counted:
        assert (known.value, unknown.value, name.value, none.value) == (
            True,
            False,
            'Default',
            None,
        )
    assert counted.count == 1


def test_draws_go_with_the_lookups_and_are_never_shared(contexts):
    """A scalar expression asked by draw() is composed into the lookups'
    query; asked twice, it is evaluated twice (a sequence's nextval draws two ids)."""
    probe = Probe()
    known = probe.exists(Context.select().where(Context.name == 'default'))
    first = probe.draw(f'{database.param} + 1', [41])
    second = probe.draw(f'{database.param} + 1', [41])
    assert first is not second
    with count_queries() as counted:
        assert (known.value, first.value, second.value) == (True, 42, 42)
    assert counted.count == 1


def test_fetched_rows_come_with_the_lookups_on_postgresql(contexts):
    """A fetch lookup that can be composed (the ranges of a context) is
    answered inside the probe's query on PostgreSQL: the same rows, in the
    same order, as its own query, which SQLite still runs apart."""
    for begin in ('3000', '1000', '2000'):  # ids in this order, bounds not
        ContextNumbers.create(context='default', type='queue', numberbeg=begin, numberend='')
    expected = [
        (row.id, row.numberbeg, row.numberend, row.didlength)
        for row in numbering.context_ranges('default', 'queue')
    ]
    probe = Probe()
    known = probe.exists(numbering.context_query, 'default')
    ranges = probe.fetch(numbering.context_ranges, 'default', 'queue')
    none = probe.fetch(numbering.context_ranges, 'default', 'incall')
    with count_queries() as counted:
        assert known.value is True
        found = [(row.id, row.numberbeg, row.numberend, row.didlength) for row in ranges.value]
        assert none.value == []
    assert found == expected
    assert [begin for _, begin, _, _ in found][-3:] == ['3000', '1000', '2000']  # by id
    assert counted.count == (1 if db.is_postgresql() else 3)


def test_the_same_lookup_is_asked_once_and_late_ones_run_on_read(contexts):
    probe = Probe()
    first = probe.exists(Context.select().where(Context.name == 'default'))
    assert probe.exists(Context.select().where(Context.name == 'default')) is first
    with count_queries() as counted:
        assert first.value is True
        assert first.value is True
        late = probe.exists(Context.select().where(Context.name == 'from-extern'))
        assert late.value is True
    assert counted.count == 2
    with count_queries() as counted:
        Probe().run()  # nothing asked: no query
    assert counted.count == 0


@pytest.mark.parametrize('size', [0, 3, 250])
def test_in_ids_for_int_and_text_columns(app, size):
    rows = [
        Extension.create(
            context='default', exten=str(1000 + index), type='user', typeval=str(index)
        )
        for index in range(size + 5)
    ]
    wanted = [row.id for row in rows[:size]]
    assert sorted(
        row.id for row in Extension.select().where(in_ids(Extension.id, wanted))
    ) == sorted(wanted)
    typevals = texts(range(size))
    found = Extension.select().where(in_ids(Extension.typeval, typevals)).count()
    assert found == size


def test_registering_the_same_handlers_again_changes_nothing(app):
    """Apps are built many times (tests, the CLI): the cascades stay single."""
    from xivows import wiring

    before = {kind: list(handlers) for kind, handlers in cascade._handlers.items()}
    wiring.wire()
    wiring.wire()
    assert {kind: len(handlers) for kind, handlers in cascade._handlers.items()} == {
        kind: len(handlers) for kind, handlers in before.items()
    }


def test_deleted_many_uses_the_set_based_variant_or_each_id(app):
    seen = []
    one = seen.append

    def many(ids):
        seen.append(('many', ids))

    def alone(ident):
        seen.append(('alone', ident))

    cascade.on_delete('test-kind', many=many)(one)
    cascade.on_delete('test-kind')(alone)
    try:
        cascade.deleted_many('test-kind', [1, 2])
        cascade.deleted_many('test-kind', [])
        cascade.deleted('test-kind', 3)
    finally:
        del cascade._handlers['test-kind']
        cascade._many.pop(one, None)
    assert seen == [('many', [1, 2]), ('alone', 1), ('alone', 2), 3, ('alone', 3)]


def test_dial_actions_to_many_deleted_users_are_unlinked_in_one_query(app):
    from xivows.resources.dialaction import service as dialactions

    for index in range(150):
        Dialaction.create(
            event='busy',
            category='queue',
            categoryval=str(index),
            action='user',
            actionarg1=str(index),
            linked=True,
        )
    with count_queries() as counted:
        dialactions.unlink_many('user', list(range(0, 150, 2)))
    assert counted.count == 1
    assert Dialaction.select().where(Dialaction.linked == False).count() == 75  # noqa: E712
