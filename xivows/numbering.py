"""Numbers of the dial plan. An object's number must lie in one of its context's
ranges for the object's type and be unique in the context; it is then held as
an `extensions` row (type = object type, typeval = object id).

Incall ranges with a `didlength`: a DID is accepted when it has `didlength`
digits lying between the last `didlength` digits of the bounds (the original's
rule: range 0144551000-0144551999 with didlength 4 holds the DIDs 1000-1999), or
when its own last `didlength` digits lie in the range."""
from xivows.errors import InvalidInput
from xivows.ids import batches
from xivows.models.context import Context, ContextNumbers
from xivows.models.extension import Extension
from xivows.prepared import Columns, Prepared, Rows, param
from xivows.probe import Probe

# Free-number searches never expand more than this many numbers.
MAX_EXPANDED = 100_000


_RANGES = Prepared(lambda: ContextNumbers.select().where(
    (ContextNumbers.context == param('context', ContextNumbers.context))
    & (ContextNumbers.type == param('kind', ContextNumbers.type))).order_by(ContextNumbers.id))
_RANGE_COLUMNS = Columns(ContextNumbers, 't1')


def context_ranges(context, kind):
    """The ContextNumbers rows of `kind` in `context`, by id (a prepared statement:
    every add of a numbered object reads them)."""
    return [_RANGE_COLUMNS.instance(row) for row in _RANGES.tuples(context=context, kind=kind)]


def _bounds(row):
    begin = int(row.numberbeg)
    end = int(row.numberend) if row.numberend else begin
    return begin, end


def _compared_part(number, row, kind):
    if kind == 'incall' and row.didlength:
        return number[-row.didlength:]
    return number


def _in_did_bounds(number, row):
    begin = row.numberbeg[-row.didlength:]
    end = (row.numberend or row.numberbeg)[-row.didlength:]
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


def _holders(excluding_owner):
    holders = Extension.select().where(
        (Extension.context == param('context', Extension.context))
        & (Extension.exten == param('number', Extension.exten)))
    if excluding_owner:
        holders = holders.where(~((Extension.type == param('kind', Extension.type))
                                  & (Extension.typeval == param('owner', Extension.typeval))))
    return holders


# Asked on every add or edit of a numbered object: prepared (xivows/prepared.py)
_CONTEXT_LOOKUP = Prepared(lambda: Context.select().where(
    Context.name == param('name', Context.name)))
_HOLDERS_LOOKUPS = {excluding: Prepared(lambda e=excluding: _holders(e))
                    for excluding in (False, True)}


def _lookups(probe, context, kind, number, owner_id):
    """(context exists, number held by another object) as probe answers."""
    holders = _HOLDERS_LOOKUPS[owner_id is not None].bind(
        context=context, number=number, kind=kind,
        owner=str(owner_id) if owner_id is not None else None)
    return (probe.exists(_CONTEXT_LOOKUP.bind(name=context)), probe.exists(holders))


def ask(probe, context, kind, number, owner_id=None):
    """Pre-ask the lookups of check() through a shared probe."""
    _lookups(probe, context, kind, number, owner_id)


def check(context, kind, number, owner_id=None, probe=None):
    """Raise InvalidInput unless `number` may be given to the object
    (`kind`, `owner_id`; None: an object not created yet) in `context`.
    Two queries: the lookups (none when a probe already answered them) and
    the context's ranges."""
    context_known, taken = _lookups(probe or Probe(), context, kind, number, owner_id)
    if not context_known.value:
        raise InvalidInput(f'no such context: {context}')
    if not in_ranges(number, context_ranges(context, kind), kind):
        raise InvalidInput(f'number {number} is outside the {kind} ranges of context {context}')
    if taken.value:
        raise InvalidInput(f'number {number} is already used in context {context}')


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
        return Extension.create(context=context, exten=number, type=kind,
                                typeval=str(owner_id))
    current.context, current.exten = context, number
    current.save()
    return current


def release(kind, owner_id):
    Extension.delete().where((Extension.type == kind)
                             & (Extension.typeval == str(owner_id))).execute()


def release_many(kind, owner_ids):
    for batch in batches(str(owner_id) for owner_id in owner_ids):
        Extension.delete().where((Extension.type == kind)
                                 & (Extension.typeval.in_(batch))).execute()


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
    used = [row.exten for row in Extension.select(Extension.exten)
            .where(Extension.context == context)]
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
