"""Parking lots. A lot takes its number (`extension`) and the slots after it
(extension+1 to extension+positions) in its context: none of them may be
another extension of the context or another lot's. The number itself is held
as an extension row, so that other objects cannot take it."""

from xivows.errors import InvalidInput
from xivows.models.context import Context
from xivows.models.parkinglot import Parkinglot
from xivows.resources import lookup
from xivows.resources.parkinglot import queries
from xivows.resources.parkinglot.inputs import ParkinglotInput
from xivows.resources.parkinglot.schemas import WHO_FIELDS, parkinglot_input, parkinglot_schema
from xivows.schemas import load


def get(parkinglot_id: int) -> Parkinglot:
    return lookup.found(queries.find(parkinglot_id), 'parking lot', parkinglot_id)


def listed() -> list[Parkinglot]:
    """Every lot, by name."""
    return queries.listed()


def get_by_name(name: str) -> Parkinglot:
    return lookup.found(queries.name_owner(name), 'parking lot', name)


def _span(values: dict) -> tuple[int, int]:
    first = int(values['extension'])
    return first, first + values['positions']


def _check_numbers(values: dict, owner_id: int | None) -> None:
    context = values['context']
    if not Context.select().where(Context.name == context).exists():
        raise InvalidInput(f'context: no such context: {context}')
    first, last = _span(values)
    for number, exten in sorted(queries.numeric_extensions(context, owner_id)):
        if first <= number <= last:
            what = 'extension' if number == first else f'parking positions {first + 1}-{last}'
            raise InvalidInput(f'{what}: {exten} is already used in context {context}')
    for other in queries.other_lots(context, owner_id):
        other_first, other_last = _span(
            {'extension': other.extension, 'positions': other.positions}
        )
        if first <= other_last and other_first <= last:
            raise InvalidInput(
                f'extension: {first}-{last} overlaps parking lot '
                f'{other.name} ({other_first}-{other_last})'
            )


def _validated(given: ParkinglotInput, parkinglot: Parkinglot | None = None) -> dict:
    """The column values of a complete lot; an edit overlays the stored lot
    with the given fields (null: keep the stored value). A field that is not
    a lot's is refused, as the original refused to write it."""
    fields = given.fields
    unknown = [key for key in fields if key not in parkinglot_schema.fields]
    if unknown:
        raise InvalidInput(f'{unknown[0]}: not a field of parking lots')
    if parkinglot is not None:
        fields = {key: value for key, value in fields.items() if value is not None}
        fields = {**parkinglot_input(parkinglot), **fields}
    values = load(parkinglot_schema, fields)
    owner_id = parkinglot.id if parkinglot else None
    other = queries.name_owner(values['name'])
    if other is not None and other.id != owner_id:
        raise InvalidInput(f'name: already used: {values["name"]}')
    if values['musicclass'] and not queries.moh_exists(values['musicclass']):
        raise InvalidInput(f'musicclass: no such music on hold class: {values["musicclass"]}')
    _check_numbers(values, owner_id)
    for key in WHO_FIELDS + ('musicclass',):
        values[key] = values[key] or None
    return values


def create(given: ParkinglotInput) -> int:
    parkinglot = Parkinglot.create(**_validated(given))
    queries.hold_extension(parkinglot)
    return parkinglot.id


def edit(parkinglot_id: int, changes: ParkinglotInput) -> None:
    """Merge: absent fields keep their values; a new number or context moves
    the lot's extension."""
    parkinglot = get(parkinglot_id)
    for key, value in _validated(changes, parkinglot).items():
        setattr(parkinglot, key, value)
    parkinglot.save()
    queries.hold_extension(parkinglot)


def delete(parkinglot_id: int) -> None:
    parkinglot = get(parkinglot_id)
    queries.release_extension(parkinglot.id)
    parkinglot.delete_instance()
