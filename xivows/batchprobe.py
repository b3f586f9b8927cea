"""The probe of a batch of inputs: the same validation code as one input, a
constant number of queries for the whole batch.

Each input is validated with its own `RowProbe` (the `Probe` interface), all of
a `BatchProbe`. A named Lookup asked by any row is answered for every row at
once by the Lookup's `many` (one query per kind of lookup, whatever the number
of rows): the checks of 500 users cost a dozen queries instead of 500 probes.
A row probe also collects what its input will hold once written (the Lookups'
`holds` keys: numbers, SIP names, mailboxes...), so that a batch can tell which
of its inputs depend on each other (xivows.resources.users.bulk).

A raw peewee query asked of a row probe (a lookup that has no name yet) is
answered for that row alone, as a Probe would: correct, one query per row."""

import functools

from xivows.probe import Answer, Lookup, Probe


class BatchProbe:
    def __init__(self):
        # {lookup: ({args: answer}, [(args, answer) not answered yet])}, one
        # dict per kind of question: a row's ask is two dict lookups keyed by
        # its arguments alone (a row asks about twenty).
        self._exists = {}
        self._first = {}
        self._fetch = {}

    def row(self) -> 'RowProbe':
        return RowProbe(self)

    def close(self) -> None:
        """Forget the answers (they refer to the probe: a reference cycle the
        garbage collector would otherwise have to find)."""
        self._exists.clear()
        self._first.clear()
        self._fetch.clear()

    def run(self) -> None:
        """Answer every pending lookup: one query per Lookup (its `many`)."""
        asked = {}  # lookup -> [(kind, pending)]
        for kind, tables in (
            ('exists', self._exists),
            ('first', self._first),
            ('fetch', self._fetch),
        ):
            for lookup, (_, pending) in tables.items():
                if pending:
                    asked.setdefault(lookup, []).append((kind, pending[:]))
                    pending.clear()
        for lookup, kinds in asked.items():
            if lookup.many is None:
                for kind, pending in kinds:
                    _answer(kind, pending, functools.partial(_one, lookup, kind))
                continue
            if len(kinds) == 1:  # the arguments of one kind's questions are distinct
                keys = [args for args, _ in kinds[0][1]]
            else:
                keys = list({args for _, pending in kinds for args, _ in pending})
            values = lookup.many(keys)
            for kind, pending in kinds:
                _answer(kind, pending, values.get)


def _answer(kind, pending, value_of):
    """Set the answers of `pending` [(args, answer)] to value_of(args), as
    a question of `kind` answers it (Answer._set, inlined: a batch of 500
    rows has some 5000 answers)."""
    if kind == 'exists':
        for args, answer in pending:
            answer._value = bool(value_of(args))
            answer.known = True
        return
    for args, answer in pending:
        value = value_of(args)
        answer._value = [] if value is None and kind == 'fetch' else value
        answer.known = True


def _one(lookup, kind, args):
    query = lookup.query(*args)
    if kind == 'exists':
        return query.exists()
    if kind == 'fetch':
        return list(query)
    return query.limit(1).scalar()


class RowProbe:
    """One input's view of a BatchProbe (the Probe interface); `holds`: the
    keys of what the input will hold once written."""

    # Random values an input checks free (provisioning ids) are asked by 6
    # rather than 3: the batch answers them in the same query, and fewer rows
    # then need a query of their own when a store is dense (50,000 lines hold
    # half of the 100,000 provisioning ids).
    random_candidates = 6

    __slots__ = ('_batch', '_own', 'holds')

    def __init__(self, batch):
        self._batch = batch
        self._own = None  # raw queries: a Probe of this row alone
        self.holds = set()

    def _lookup(self, tables, lookup, args):
        holds = lookup.holds
        if holds is not None:
            self.holds.add(holds(*args))
        table = tables.get(lookup)
        if table is None:
            table = tables[lookup] = ({}, [])
        answer = table[0].get(args)
        if answer is None:
            answer = table[0][args] = Answer(self._batch)
            table[1].append((args, answer))
        return answer

    def _raw(self):
        if self._own is None:
            self._own = Probe()
        return self._own

    def exists(self, query, *args) -> Answer:
        if isinstance(query, Lookup):
            return self._lookup(self._batch._exists, query, args)
        return self._raw().exists(query)

    def first(self, query, *args) -> Answer:
        if isinstance(query, Lookup):
            return self._lookup(self._batch._first, query, args)
        return self._raw().first(query)

    def fetch(self, lookup, *args) -> Answer:
        return self._lookup(self._batch._fetch, lookup, args)

    def run(self) -> None:
        self._batch.run()
        if self._own is not None:
            self._own.run()
