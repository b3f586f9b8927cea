"""A user's function keys (one `phonefunckey` row per key)."""

from xivows.errors import InvalidInput
from xivows.idsets import in_ids
from xivows.models.user import PhoneFunckey
from xivows.schemas import LegacySchema, load
from xivows.schemas.fields import Flag, Integer, Text


class FunckeySchema(LegacySchema):
    fknum = Integer(required=True, minimum=1, maximum=999)
    exten = Text(max_length=40, pattern=r'[0-9*#]*')
    typeextenumbers = Text(max_length=64, printable=True)
    typevalextenumbers = Text(max_length=255, printable=True)
    typeextenumbersright = Text(max_length=64, printable=True)
    typevalextenumbersright = Text(max_length=255, printable=True)
    label = Text(max_length=32, printable=True)
    supervision = Flag(load_default=False)
    progfunckey = Flag(load_default=False)


_schema = FunckeySchema()


def validated(keys: list[dict] | None) -> list[dict] | None:
    """The keys as stored (None: not given); two keys cannot share an fknum."""
    if keys is None:
        return None
    loaded = [load(_schema, key, f'phonefunckey.{index}') for index, key in enumerate(keys)]
    numbers = [key['fknum'] for key in loaded]
    if len(numbers) != len(set(numbers)):
        raise InvalidInput('phonefunckey: two keys have the same fknum')
    return loaded


def replace(user_id: int, keys: list[dict] | None, created=False) -> None:
    """The user's keys become `keys` (validated); `created`: the user is new."""
    if keys is None:
        return
    if not created:
        delete_for([user_id])
    if keys:
        # Every row with every column: one insert for all the keys.
        PhoneFunckey.insert_many(
            [
                {'iduserfeatures': user_id, **{name: key.get(name) for name in _schema.fields}}
                for key in keys
            ]
        ).execute()


def delete_for(user_ids: list[int]) -> None:
    PhoneFunckey.delete().where(in_ids(PhoneFunckey.iduserfeatures, user_ids)).execute()
