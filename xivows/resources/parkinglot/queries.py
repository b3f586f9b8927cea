from xivows import numbering
from xivows.models.extension import Extension
from xivows.models.moh import MusicOnHold
from xivows.models.parkinglot import Parkinglot

KIND = 'parkinglot'  # the type of the extension row holding a lot's number


def find(parkinglot_id: int) -> Parkinglot | None:
    return Parkinglot.get_or_none(Parkinglot.id == parkinglot_id)


def listed() -> list[Parkinglot]:
    return list(Parkinglot.select().order_by(Parkinglot.name, Parkinglot.id))


def name_owner(name: str) -> Parkinglot | None:
    return Parkinglot.get_or_none(Parkinglot.name == name)


def moh_exists(name: str) -> bool:
    return MusicOnHold.select().where(MusicOnHold.name == name).exists()


def numeric_extensions(context: str, owner_id: int | None = None) -> list[tuple[int, str]]:
    """(number, extension text) of the context's numeric extensions, except the
    lot's own (its owner_id)."""
    query = Extension.select(Extension.exten, Extension.type, Extension.typeval).where(
        Extension.context == context
    )
    found = []
    for exten, kind, typeval in query.tuples():
        if kind == KIND and owner_id is not None and typeval == str(owner_id):
            continue
        if exten.isascii() and exten.isdigit():
            found.append((int(exten), exten))
    return found


def other_lots(context: str, owner_id: int | None = None) -> list[Parkinglot]:
    query = Parkinglot.select().where(Parkinglot.context == context)
    if owner_id is not None:
        query = query.where(Parkinglot.id != owner_id)
    return list(query)


def hold_extension(parkinglot: Parkinglot) -> None:
    """The lot's number as an extension row of its context (moved on edit)."""
    current = numbering.extension_of(KIND, parkinglot.id)
    if current is None:
        Extension.create(
            context=parkinglot.context,
            exten=parkinglot.extension,
            type=KIND,
            typeval=str(parkinglot.id),
        )
        return
    current.context, current.exten = parkinglot.context, parkinglot.extension
    current.save()


def release_extension(parkinglot_id: int) -> None:
    numbering.release(KIND, parkinglot_id)
