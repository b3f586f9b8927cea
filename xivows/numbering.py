"""Numbers of the dial plan. An object's number must lie in one of its context's
ranges for the object's type and be unique in the context; it is then held as
an `extensions` row (type = object type, typeval = object id).

Incall ranges with a `didlength`: a DID is accepted when it has `didlength`
digits lying between the last `didlength` digits of the bounds (the original's
rule: range 0144551000-0144551999 with didlength 4 holds the DIDs 1000-1999), or
when its own last `didlength` digits lie in the range."""

from operator import itemgetter

from xivows.errors import InvalidInput
from xivows.ids import batches
from xivows.idsets import in_ids
from xivows.models.context import Context, ContextNumbers
from xivows.models.extension import Extension
from xivows.prepared import Columns, Prepared, Rows, param
from xivows.probe import Probe, lookup

# Free-number searches never expand more than this many numbers.
MAX_EXPANDED = 100_000


_RANGES = Prepared(
    lambda: (
        ContextNumbers.select()
        .where(
            (ContextNumbers.context == param('context', ContextNumbers.context))
            & (ContextNumbers.type == param('kind', ContextNumbers.type))
        )
        .order_by(ContextNumbers.id)
    ),
    server_side=True,
)
_RANGE_COLUMNS = Columns(ContextNumbers, 't1')


def _holders(excluding_owner):
    holders = Extension.select().where(
        (Extension.context == param('context', Extension.context))
        & (Extension.exten == param('number', Extension.exten))
    )
    if excluding_owner:
        holders = holders.where(
            ~(
                (Extension.type == param('kind', Extension.type))
                & (Extension.typeval == param('owner', Extension.typeval))
            )
        )
    return holders


# Asked on every add or edit of a numbered object: prepared (xivows/prepared.py)
_CONTEXT_LOOKUP = Prepared(
    lambda: Context.select().where(Context.name == param('name', Context.name))
)
_HOLDERS_LOOKUPS = {
    excluding: Prepared(lambda e=excluding: _holders(e)) for excluding in (False, True)
}


def _ranges_of_many(keys):
    """{(context, kind): [ranges]} of many (one query)."""
    found = {key: [] for key in keys}
    rows = (
        ContextNumbers.select()
        .where(in_ids(ContextNumbers.context, {context for context, _ in keys}))
        .order_by(ContextNumbers.id)
    )
    for row in rows:
        if (row.context, row.type) in found:
            found[(row.context, row.type)].append(row)
    return found


def _ranges_rows(context, kind):
    """context_ranges answered in a probe's query (PostgreSQL)."""
    return _RANGES.bind(context=context, kind=kind), _RANGE_COLUMNS, _ranges_by_id


def _ranges_by_id(rows):
    return [_RANGE_COLUMNS.instance(row) for row in sorted(rows, key=itemgetter(0))]


@lookup(many=_ranges_of_many, fetch=True, rows=_ranges_rows)
def context_ranges(context, kind):
    """The ContextNumbers rows of `kind` in `context`, by id (a prepared statement:
    every add of a numbered object reads them)."""
    return [_RANGE_COLUMNS.instance(row) for row in _RANGES.tuples(context=context, kind=kind)]


def _contexts_found(keys):
    names = {name for (name,) in keys}
    return {
        (name,): True
        for (name,) in Context.select(Context.name).where(in_ids(Context.name, names)).tuples()
    }


@lookup(many=_contexts_found)
def context_query(name):
    """Whether a context exists (the one lookup every part of an input shares)."""
    return _CONTEXT_LOOKUP.bind(name=name)


def _holders_found(keys):
    """Numbers held in their context (batches ask for objects being created:
    `owner` None; other keys are asked one by one)."""
    found = {}
    asked = {}  # (context, number) -> keys
    for key in keys:
        context, _, number, owner = key
        if owner is None:
            asked.setdefault((context, number), []).append(key)
        else:
            found[key] = holders_query(*key).exists()
    for context in {context for context, _ in asked}:
        numbers = [number for held_in, number in asked if held_in == context]
        for (number,) in (
            Extension.select(Extension.exten)
            .where((Extension.context == context) & in_ids(Extension.exten, numbers))
            .tuples()
        ):
            for key in asked.get((context, number), ()):
                found[key] = True
    return found


def _held_number(context, kind, number, owner_id=None):
    return ('number', context, number)


@lookup(many=_holders_found, holds=_held_number)
def holders_query(context, kind, number, owner_id=None):
    """Extensions holding `number` in `context`, other than the object's own."""
    return _HOLDERS_LOOKUPS[owner_id is not None].bind(
        context=context,
        number=number,
        kind=kind,
        owner=str(owner_id) if owner_id is not None else None,
    )


def _bounds(row):
    begin = int(row.numberbeg)
    end = int(row.numberend) if row.numberend else begin
    return begin, end


def _compared_part(number, row, kind):
    if kind == 'incall' and row.didlength:
        return number[-row.didlength :]
    return number


def _in_did_bounds(number, row):
    begin = row.numberbeg[-row.didlength :]
    end = (row.numberend or row.numberbeg)[-row.didlength :]
    # equal lengths of digits: string order is numeric order
    return len(number) == len(begin) == len(end) and begin <= number <= end


def in_ranges(number, rows, kind):
    if not number.isascii() or not number.isdigit():
        return False
    for row in rows:
        if kind == 'incall' and row.didlength and _in_did_bounds(number, row):
            return True
        part = _compared_part(number, row, kind)
        begin, end = _bounds(row)
        if begin <= int(part) <= end:
            return True
    return False


def owner_of(context, number):
    return Extension.get_or_none((Extension.context == context) & (Extension.exten == number))


def _lookups(probe, context, kind, number, owner_id):
    """(context exists, number held by another object, the context's ranges
    of `kind`) as probe answers."""
    return (
        probe.exists(context_query, context),
        probe.exists(holders_query, context, kind, number, owner_id),
        probe.fetch(context_ranges, context, kind),
    )


def ask(probe, context, kind, number, owner_id=None):
    """Pre-ask the lookups of check() through a shared probe."""
    _lookups(probe, context, kind, number, owner_id)


def _named(field, reason):
    return f'{field}: {reason}' if field else reason


def check(context, kind, number, owner_id=None, probe=None, fields=(None, None)):
    """Raise InvalidInput unless `number` may be given to the object
    (`kind`, `owner_id`; None: an object not created yet) in `context`.
    `fields`: the input's (context field, number field) the refusal names
    (`incall.context`, `incall.exten`), as the schemas' refusals do.
    Two queries: the lookups (none when a probe already answered them) and
    the context's ranges (with the lookups on PostgreSQL: one query)."""
    context_field, number_field = fields
    context_known, taken, ranges = _lookups(probe or Probe(), context, kind, number, owner_id)
    if not context_known.value:
        raise InvalidInput(_named(context_field, f'no such context: {context}'))
    if not in_ranges(number, ranges.value, kind):
        raise InvalidInput(
            _named(
                number_field, f'number {number} is outside the {kind} ranges of context {context}'
            )
        )
    if taken.value:
        raise InvalidInput(
            _named(number_field, f'number {number} is already used in context {context}')
        )


_EXTENSION = Rows(Extension, ('type', 'typeval'), limit=1)  # views and edits read it


def extension_of(kind, owner_id):
    return _EXTENSION.first(type=kind, typeval=str(owner_id))


def assign(context, kind, number, owner_id, *, checked=False, new=False):
    """Hold `number` for the object, moving its previous extension if any.
    Returns the extension row (None when `number` is empty). `checked`: the
    caller has just run `check` in this transaction; `new`: the object was
    just created (it holds no extension yet)."""
    current = None if new else extension_of(kind, owner_id)
    if not number:
        if current is not None:
            current.delete_instance()
        return None
    if not checked:
        check(context, kind, number, owner_id)
    if current is None:
        return Extension.create(**extension_row(context, kind, number, owner_id))
    current.context, current.exten = context, number
    current.save()
    return current


def extension_row(context, kind, number, owner_id):
    """The extension row that holds `number` for a new object."""
    return {'context': context, 'exten': number, 'type': kind, 'typeval': str(owner_id)}


def release(kind, owner_id):
    Extension.delete().where(
        (Extension.type == kind) & (Extension.typeval == str(owner_id))
    ).execute()


def release_many(kind, owner_ids):
    for batch in batches(str(owner_id) for owner_id in owner_ids):
        Extension.delete().where(
            (Extension.type == kind) & (Extension.typeval.in_(batch))
        ).execute()


def release_every(kind):
    """The numbers of every object of `kind` (all of them are deleted)."""
    Extension.delete().where(Extension.type == kind).execute()


def _used_numbers(used, row, kind):
    """Numbers (ints) of `used` extensions as this range compares them."""
    numbers = set()
    for exten in used:
        part = _compared_part(exten, row, kind)
        if part.isascii() and part.isdigit():
            numbers.add(int(part))
    return numbers


def free_numbers(context, kind, contains=None):
    """Numbers of the context's `kind` ranges not held by any extension of the
    context, in range order; only those containing `contains` when given.
    Leading zeros are lost (the numbers are integers, as the original gave)."""
    used = [
        row.exten for row in Extension.select(Extension.exten).where(Extension.context == context)
    ]
    found = []
    seen = set()
    expanded = 0
    for row in context_ranges(context, kind):
        begin, end = _bounds(row)
        taken = _used_numbers(used, row, kind)
        for number in range(begin, end + 1):
            expanded += 1
            if expanded > MAX_EXPANDED:
                return found
            if number in seen or number in taken or (contains and contains not in str(number)):
                continue
            seen.add(number)
            found.append(number)
    return found
