"""Queue skills: the add object and the list/view item."""
from xivows import wire
from xivows.schemas import LegacySchema
from xivows.schemas.fields import Text


class QueueSkillSchema(LegacySchema):
    name = Text(required=True, min_length=1, max_length=64, printable=True)
    category_name = Text(required=True, min_length=1, max_length=64, printable=True)
    description = Text(max_length=1000, strip=False, load_default='')
    # The seed document's field (the original dropped it in 2014): at most 5 characters.
    printscreen = Text(max_length=5, printable=True, load_default='')


queue_skill_schema = QueueSkillSchema()


def skill_item(row):
    """List, search and view: every value a string (category_name null when the
    category row is missing)."""
    return {
        'id': wire.text(row['id']),
        'name': row['name'],
        'description': row['description'],
        'printscreen': row['printscreen'],
        'category_name': row['category_name'],
    }
