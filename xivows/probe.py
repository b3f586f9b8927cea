"""Independent lookups answered by one query.

A write that must check many things before it starts (does the entity exist,
is the SIP name free, who holds the number, ...) asks each of them through a
`Probe`; the first answer read runs every lookup asked so far as scalar
subqueries of ONE `SELECT`, so the checks of a whole input cost one round
trip. Asking the same lookup twice gives the same answer (a part of the
service can pre-ask what a shared check will read, without the check knowing).
A lookup asked after the probe ran is answered by the next read (one more
query for all such late lookups).

A lookup is asked either as a peewee query, or as a named `Lookup` and its
arguments (`probe.exists(queries.sip_name_query, name)`): a Lookup also knows
how to answer many argument tuples at once, which lets a batch of inputs be
validated by the same code with a constant number of queries
(xivows.batchprobe), and costs no SQL generation to tell two asks apart.
A lookup's query may be a peewee query or a prepared one (xivows.prepared.Bound):
the probe composes its SELECT from their SQL texts, generated once for prepared ones."""

from xivows import db, prepared


class Lookup:
    """A question to the store, by name. `query(*args)`: the SELECT (peewee or prepared)
    answering it for one argument tuple (`exists`: any row; `first`: the first
    column of the first row). `many(keys)`: {key: value} for many argument
    tuples at once (a key without a row may be left out); None: answered one
    key at a time. `holds(*args)`: the key of what an input that asked it
    will hold once written (a number in a context, a SIP name...), None when
    the question is not about something unique; a batch validates two inputs
    holding the same key one after the other. `fetch` lookups answer a list
    of rows (their own query; they cannot be a scalar subquery), unless given
    `rows`: `rows(*args)` -> (a prepared Bound SELECT, its xivows.prepared.Columns,
    a function of its rows as tuples in any order -> the answer), which lets
    PostgreSQL answer them inside the probe's query (one JSON array of rows,
    no round trip of their own; values come back as JSON gives them: text,
    numbers, booleans and null, so only for rows of such columns)."""

    def __init__(self, query, many=None, holds=None, fetch=False, rows=None):
        self.query = query
        self.many = many
        self.holds = holds
        self.fetch = fetch
        self.rows = rows
        self.__name__ = getattr(query, '__name__', 'lookup')
        self.__doc__ = getattr(query, '__doc__', None)

    def __call__(self, *args):
        return self.query(*args)

    def __repr__(self):
        return f'<Lookup {self.__name__}>'


def lookup(many=None, holds=None, fetch=False, rows=None):
    """Decorator: the query builder becomes a Lookup (still callable as before)."""

    def make(query):
        return Lookup(query, many=many, holds=holds, fetch=fetch, rows=rows)

    return make


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
        self._fetches = []

    def _ask(self, kind, query):
        # The query's SQL is both the key of a repeated lookup and, as text, a
        # scalar subquery of the probe's SELECT: generated once.
        sql, params = query.sql()
        key = (kind, sql, tuple(params))
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = Answer(self)
            self._pending.append((kind, lambda: (sql, params), answer))
        return answer

    def _ask_lookup(self, kind, lookup_, args):
        key = (kind, lookup_, args)
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = Answer(self)
            if kind == 'fetch':
                self._fetches.append((lookup_, args, answer))
            elif kind == 'exists':
                self._pending.append((kind, lambda: lookup_.query(*args).sql(), answer))
            else:
                self._pending.append((kind, lambda: lookup_.query(*args).limit(1).sql(), answer))
        return answer

    def exists(self, query, *args) -> Answer:
        """Whether `query` (or Lookup `query` of `args`) finds a row (a bool)."""
        if isinstance(query, Lookup):
            return self._ask_lookup('exists', query, args)
        return self._ask('exists', query)

    def first(self, query, *args) -> Answer:
        """The first column of the first row `query` (or Lookup `query` of
        `args`) finds, or None."""
        if isinstance(query, Lookup):
            return self._ask_lookup('first', query, args)
        return self._ask('first', query.limit(1))

    def draw(self, sql: str, params=()) -> Answer:
        """The value of a scalar SQL expression with side effects (`sql`, with
        the database's placeholders), such as ids drawn from a sequence: asked with the
        lookups, never shared by two asks (each draws its own)."""
        answer = Answer(self)
        self._pending.append(('draw', lambda: (sql, list(params)), answer))
        return answer

    def fetch(self, lookup_: Lookup, *args) -> Answer:
        """The rows of a fetch Lookup (a list; a query of its own when read)."""
        return self._ask_lookup('fetch', lookup_, args)

    def run(self) -> None:
        """Answer every pending lookup (one query, plus one per fetch; none
        when nothing is pending)."""
        pending, self._pending = self._pending, []
        fetches, self._fetches = self._fetches, []
        composed = db.is_postgresql()
        converters = {}
        for lookup_, args, answer in fetches:
            if composed and lookup_.rows is not None:
                bound, columns, convert = lookup_.rows(*args)
                converters[answer] = convert
                pending.append((_rows_kind(columns), bound.sql, answer))
            else:
                answer._set(list(lookup_.query(*args)))
        if not pending:
            return
        shape, values = [], []
        for kind, sql_of, _ in pending:
            sql, params = sql_of()
            shape.append(kind)
            shape.append(sql)
            values.extend(params)
        # Prepared in the server on PostgreSQL: an add's lookups compose the
        # same text every time, and planning it cost more than running it.
        row = prepared.execute_server_side(_select(tuple(shape)), values).fetchone()
        for (kind, _, answer), value in zip(pending, row):
            if kind == 'exists':
                value = bool(value)
            elif answer in converters:
                value = converters[answer]([tuple(item) for item in value or ()])
            answer._set(value)


def _rows_kind(columns):
    """The kind of a fetch answered in the probe's query: the JSON array of the
    rows of its columns (their names are part of the kind: one text per shape)."""
    return 'rows:' + ', '.join(f'q."{field.column_name}"' for field in columns.fields)


# The SELECT of a probe, by its lookups' kinds and SQL texts: the same checks
# (every add of a user asks the same ones) compose the same text, built once.
_selects = {}
_MAX_SELECTS = 256


def _select(shape):
    select = _selects.get(shape)
    if select is None:
        columns = []
        for index in range(0, len(shape), 2):
            kind, sql = shape[index], shape[index + 1]
            if kind == 'exists':
                subquery = f'EXISTS ({sql})'
            elif kind.startswith('rows:'):  # (PostgreSQL)
                subquery = f'(SELECT json_agg(json_build_array({kind[5:]})) FROM ({sql}) AS q)'
            else:
                subquery = f'({sql})'
            columns.append(f'{subquery} AS "a{index // 2}"')
        select = 'SELECT ' + ', '.join(columns)
        if len(_selects) >= _MAX_SELECTS:
            _selects.clear()  # shapes of raw queries vary: the cache stays small
        _selects[shape] = select
    return select
