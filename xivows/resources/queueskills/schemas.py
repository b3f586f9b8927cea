"""Queue skills: the rules of a skill's fields."""

from xivows.schemas import LegacySchema
from xivows.schemas.fields import Text


class QueueSkillSchema(LegacySchema):
    name = Text(required=True, min_length=1, max_length=64, printable=True)
    category_name = Text(required=True, min_length=1, max_length=64, printable=True)
    description = Text(max_length=1000, strip=False, load_default='')
    # The seed document's field (the original dropped it in 2014): at most 5 characters.
    printscreen = Text(max_length=5, printable=True, load_default='')


queue_skill_schema = QueueSkillSchema()
