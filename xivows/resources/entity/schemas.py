"""Entity: the rules of an entity's fields."""

from xivows.schemas import LegacySchema
from xivows.schemas.fields import Text

NAME = r'[a-z0-9_.-]{1,64}'
EMAIL = r'[^@\s]+@[^@\s]+\.[^@\s]+'


class EntitySchema(LegacySchema):
    name = Text(required=True, min_length=1, max_length=64, pattern=NAME, lower=True)
    displayname = Text(required=True, min_length=3, max_length=128, printable=True)
    phonenumber = Text(max_length=40, pattern=r'[0-9*#]*', load_default='')
    faxnumber = Text(max_length=40, pattern=r'[0-9*#]*', load_default='')
    email = Text(max_length=255, pattern=EMAIL, load_default='')
    url = Text(max_length=255, printable=True, load_default='')
    address1 = Text(max_length=30, printable=True, load_default='')
    address2 = Text(max_length=30, printable=True, load_default='')
    city = Text(max_length=128, printable=True, load_default='')
    state = Text(max_length=128, printable=True, load_default='')
    zipcode = Text(max_length=16, pattern=r'[a-zA-Z0-9_-]*', load_default='')
    country = Text(pattern=r'[A-Z]{2}', load_default='')
    description = Text(max_length=1000, strip=False, load_default='')


entity_schema = EntitySchema()


def entity_input(entity):
    """A stored entity in the input format (base of an edit merge)."""
    return {key: getattr(entity, key) for key in entity_schema.fields}
