"""A user's function keys in the legacy `phonefunckey` form: a list of
{fknum, type, typeval, label, supervision, ...}."""
from xivows.errors import InvalidInput
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


def parse(document):
    if document in (None, False, ''):
        return None
    if not isinstance(document, list):
        raise InvalidInput('phonefunckey: must be a list')
    keys = []
    for index, item in enumerate(document):
        if isinstance(item, dict):
            item = dict(item)
            # `type`/`typeval` are the short names of the view
            item.setdefault('typeextenumbers', item.get('type'))
            item.setdefault('typevalextenumbers', item.get('typeval'))
        keys.append(load(_schema, item, f'phonefunckey.{index}'))
    numbers = [key['fknum'] for key in keys]
    if len(numbers) != len(set(numbers)):
        raise InvalidInput('phonefunckey: two keys have the same fknum')
    return keys


def replace(user_id, keys):
    if keys is None:
        return
    delete_for(user_id)
    for key in keys:
        PhoneFunckey.create(iduserfeatures=user_id, **key)


def delete_for(user_id):
    PhoneFunckey.delete().where(PhoneFunckey.iduserfeatures == user_id).execute()


def view(row):
    return {
        'iduserfeatures': str(row.iduserfeatures), 'fknum': str(row.fknum),
        'exten': row.exten, 'type': row.typeextenumbers, 'typeval': row.typevalextenumbers,
        'typeextenumbers': row.typeextenumbers, 'typevalextenumbers': row.typevalextenumbers,
        'typeextenumbersright': row.typeextenumbersright,
        'typevalextenumbersright': row.typevalextenumbersright,
        'label': row.label, 'supervision': bool(row.supervision),
        'progfunckey': bool(row.progfunckey),
    }
