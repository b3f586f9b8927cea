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

from xivows.probe import Answer, Lookup, Probe


class BatchProbe:
    def __init__(self):
        self._answers = {}
        self._pending = {}  # lookup -> {(kind, args): answer}

    def row(self) -> 'RowProbe':
        return RowProbe(self)

    def close(self) -> None:
        """Forget the answers (they refer to the probe: a reference cycle the
        garbage collector would otherwise have to find)."""
        self._answers.clear()
        self._pending.clear()

    def _ask(self, kind, lookup, args):
        key = (kind, lookup, args)
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = Answer(self)
            self._pending.setdefault(lookup, {})[(kind, args)] = answer
        return answer

    def run(self) -> None:
        """Answer every pending lookup: one query per Lookup (its `many`)."""
        pending, self._pending = self._pending, {}
        for lookup, asked in pending.items():
            keys = list({args for _, args in asked})
            if lookup.many is not None:
                values = lookup.many(keys)
            else:
                values = {args: _one(lookup, kind, args) for kind, args in asked}
            for (kind, args), answer in asked.items():
                value = values.get(args)
                if kind == 'exists':
                    value = bool(value)
                elif kind == 'fetch' and value is None:
                    value = []
                answer._set(value)


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

    def __init__(self, batch):
        self._batch = batch
        self._own = None  # raw queries: a Probe of this row alone
        self.holds = set()

    def _lookup(self, kind, lookup, args):
        holds = lookup.holds
        if holds is not None:
            self.holds.add(holds(*args))
        batch = self._batch
        answers = batch._answers
        key = (kind, lookup, args)
        answer = answers.get(key)
        if answer is None:  # BatchProbe._ask, inlined: a row asks a dozen lookups
            answer = answers[key] = Answer(batch)
            asked = batch._pending.get(lookup)
            if asked is None:
                asked = batch._pending[lookup] = {}
            asked[(kind, args)] = answer
        return answer

    def _raw(self):
        if self._own is None:
            self._own = Probe()
        return self._own

    def exists(self, query, *args) -> Answer:
        if isinstance(query, Lookup):
            return self._lookup('exists', query, args)
        return self._raw().exists(query)

    def first(self, query, *args) -> Answer:
        if isinstance(query, Lookup):
            return self._lookup('first', query, args)
        return self._raw().first(query)

    def fetch(self, lookup, *args) -> Answer:
        return self._lookup('fetch', lookup, args)

    def run(self) -> None:
        self._batch.run()
        if self._own is not None:
            self._own.run()
