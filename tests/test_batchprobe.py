"""The probe of a batch (xivows.batchprobe): each row asks as one input asks
a Probe; a named lookup is answered for every row by one call of its `many`
(one query), the same question shares one answer, each kind of question
(exists, first, fetch) has its own, and what is asked after the batch ran is
answered by the next read."""

import pytest
from playhouse.test_utils import count_queries

from tests.helpers.fixtures import make_context
from xivows.batchprobe import BatchProbe
from xivows.models.context import Context
from xivows.probe import Lookup


class Counted:
    """A Lookup's `many`, counting its calls and the keys each call was given."""

    def __init__(self):
        self.calls = []

    def __call__(self, keys):
        self.calls.append(sorted(keys))
        names = [name for (name,) in keys]
        found = Context.select(Context.name, Context.displayname).where(Context.name.in_(names))
        return {(context.name,): context.displayname for context in found}


@pytest.fixture
def contexts(app):
    for name in ('alpha', 'beta'):
        make_context(name, entity=None)


def _lookup(many=None, holds=None):
    return Lookup(
        lambda name: Context.select(Context.displayname).where(Context.name == name),
        many=many,
        holds=holds,
    )


def test_a_named_lookup_is_answered_for_every_row_at_once(contexts):
    many = Counted()
    context = _lookup(many=many, holds=lambda name: ('context', name))
    batch = BatchProbe()
    rows = [batch.row() for _ in range(3)]
    alpha = rows[0].exists(context, 'alpha')
    same = rows[1].exists(context, 'alpha')
    beta_name = rows[1].first(context, 'beta')
    nothing = rows[2].exists(context, 'gamma')
    no_name = rows[2].first(context, 'gamma')
    assert same is alpha  # one question, one answer
    assert not alpha.known
    with count_queries() as counted:
        batch.run()
    assert counted.count == 1
    assert many.calls == [[('alpha',), ('beta',), ('gamma',)]]  # every kind, one call
    assert (alpha.value, beta_name.value, nothing.value, no_name.value) == (
        True,
        'Beta',
        False,
        None,
    )
    assert [row.holds for row in rows] == [
        {('context', 'alpha')},
        {('context', 'alpha'), ('context', 'beta')},
        {('context', 'gamma')},
    ]
    batch.close()


def test_a_question_asked_after_the_run_is_answered_when_read(contexts):
    many = Counted()
    context = _lookup(many=many)
    batch = BatchProbe()
    first = batch.row().exists(context, 'alpha')
    batch.run()
    late = batch.row().exists(context, 'beta')
    again = batch.row().exists(context, 'alpha')
    assert again is first and first.known and not late.known
    assert late.value is True  # read: the pending questions are answered
    assert many.calls == [[('alpha',)], [('beta',)]]


def test_lookups_without_many_and_raw_queries_are_answered_one_by_one(contexts):
    context = _lookup()
    batch = BatchProbe()
    row = batch.row()
    exists = row.exists(context, 'alpha')
    first = row.first(context, 'beta')
    missing = row.first(context, 'gamma')
    raw = row.exists(Context.select().where(Context.name == 'beta'))
    row.run()
    assert (exists.value, first.value, missing.value, raw.value) == (True, 'Beta', None, True)


def test_a_fetch_lookup_answers_its_rows(contexts):
    names = Lookup(
        lambda prefix: Context.select().where(Context.name.startswith(prefix)),
        many=lambda keys: {
            (prefix,): [name for name in ('alpha', 'beta') if name.startswith(prefix)]
            for (prefix,) in keys
            if prefix != 'z'
        },
        fetch=True,
    )
    batch = BatchProbe()
    found = batch.row().fetch(names, 'a')
    none = batch.row().fetch(names, 'z')
    batch.run()
    assert (found.value, none.value) == (['alpha'], [])
