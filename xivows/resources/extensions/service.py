"""Free extensions: the numbers of a context's ranges for one object type that no
extension of the context holds yet. Plain values in, integers out: any
dialect calls it as it is."""

from xivows import numbering
from xivows.errors import InvalidInput, NotFound
from xivows.models.context import NUMBER_TYPES
from xivows.resources.context import queries as contexts


def free(context: str, obj: str | None, number: str | None = None) -> list[int]:
    """Free numbers (ints, in range order) of `obj` (user, group, queue,
    meetme, incall) ranges in `context`, only those whose digits contain
    `number` when it is given."""
    if obj not in NUMBER_TYPES:
        raise InvalidInput('obj: must be one of: ' + ', '.join(NUMBER_TYPES))
    if number and not (isinstance(number, str) and number.isascii() and number.isdigit()):
        raise InvalidInput('number: must be digits')
    if contexts.find(context) is None:
        raise NotFound.of('context', context)
    return numbering.free_numbers(context, obj, number or None)
