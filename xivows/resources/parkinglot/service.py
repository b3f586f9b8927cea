"""Parking lots. A lot takes its number (`extension`) and the slots after it
(extension+1 to extension+positions) in its context: none of them may be
another extension of the context or another lot's. The number itself is held
as an extension row, so that other objects cannot take it."""
from xivows.errors import InvalidInput, NotFound
from xivows.models.context import Context
from xivows.models.parkinglot import Parkinglot
from xivows.resources.parkinglot import queries
from xivows.resources.parkinglot.schemas import (WHO_FIELDS, parkinglot_input,
                                                  parkinglot_schema)
from xivows.schemas import load
from xivows.jsonphp.documents import body_object



def get(parkinglot_id):
    parkinglot = queries.find(parkinglot_id)
    if parkinglot is None:
        raise NotFound.of('parking lot', parkinglot_id)
    return parkinglot


def _span(values):
    first = int(values['extension'])
    return first, first + values['positions']


def _check_numbers(values, owner_id):
    context = values['context']
    if not Context.select().where(Context.name == context).exists():
        raise InvalidInput(f'context: no such context: {context}')
    first, last = _span(values)
    for number, exten in sorted(queries.numeric_extensions(context, owner_id)):
        if first <= number <= last:
            what = 'extension' if number == first else f'parking positions {first + 1}-{last}'
            raise InvalidInput(f'{what}: {exten} is already used in context {context}')
    for other in queries.other_lots(context, owner_id):
        other_first, other_last = _span({'extension': other.extension,
                                         'positions': other.positions})
        if first <= other_last and other_first <= last:
            raise InvalidInput(f'extension: {first}-{last} overlaps parking lot '
                               f'{other.name} ({other_first}-{other_last})')


def _validated(document, parkinglot=None):
    """The column values of a complete document; an edit overlays the stored
    lot with the document's keys (null: keep the stored value)."""
    body_object(document)
    if parkinglot is not None:
        given = {key: value for key, value in document.items() if value is not None}
        document = {**parkinglot_input(parkinglot), **given}
    values = load(parkinglot_schema, document)
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


def create(document):
    parkinglot = Parkinglot.create(**_validated(document))
    queries.hold_extension(parkinglot)
    return parkinglot.id


def edit(parkinglot_id, document):
    parkinglot = get(parkinglot_id)
    for key, value in _validated(document, parkinglot).items():
        setattr(parkinglot, key, value)
    parkinglot.save()
    queries.hold_extension(parkinglot)


def delete(parkinglot_id):
    parkinglot = get(parkinglot_id)
    queries.release_extension(parkinglot.id)
    parkinglot.delete_instance()
