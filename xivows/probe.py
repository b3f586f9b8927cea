"""Independent lookups answered by one query.

A write that must check many things before it starts (does the entity exist,
is the SIP name free, who holds the number, ...) asks each of them through a
`Probe`; the first answer read runs every lookup asked so far as scalar
subqueries of ONE `SELECT`, so the checks of a whole input cost one round
trip. Asking the same lookup twice gives the same answer (a part of the
service can pre-ask what a shared check will read, without the check knowing).
A lookup asked after the probe ran is answered by the next read (one more
query for all such late lookups)."""
from xivows.db import database


class Answer:
    __slots__ = ('_probe', '_value', 'known')

    def __init__(self, probe):
        self._probe = probe
        self._value = None
        self.known = False

    @property
    def value(self):
        if not self.known:
            self._probe.run()
        return self._value

    def _set(self, value):
        self._value = value
        self.known = True


class Probe:
    def __init__(self):
        self._answers = {}
        self._pending = []

    def _ask(self, kind, query):
        # The lookup's SQL is generated once: it is the key of a repeated
        # lookup and, as text, a scalar subquery of the probe's SELECT.
        sql, params = query.sql()
        key = (kind, sql, tuple(params))
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = Answer(self)
            self._pending.append((kind, sql, params, answer))
        return answer

    def exists(self, query) -> Answer:
        """Whether `query` finds a row (a bool)."""
        return self._ask('exists', query)

    def first(self, query) -> Answer:
        """The first column of the first row `query` finds, or None."""
        return self._ask('first', query.limit(1))

    def run(self) -> None:
        """Answer every pending lookup (one query; none when nothing is pending)."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        columns, values = [], []
        for index, (kind, sql, params, _) in enumerate(pending):
            subquery = f'EXISTS ({sql})' if kind == 'exists' else f'({sql})'
            columns.append(f'{subquery} AS "a{index}"')
            values.extend(params)
        row = database.execute_sql('SELECT ' + ', '.join(columns), values).fetchone()
        for (kind, _, _, answer), value in zip(pending, row):
            answer._set(bool(value) if kind == 'exists' else value)
