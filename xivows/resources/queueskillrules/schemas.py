"""Queue skill rules: the rules of a skill rule's fields {name, rule: [...]}."""

import re

from marshmallow import ValidationError, fields

from xivows.resources.queueskillrules import grammar
from xivows.schemas import LegacySchema
from xivows.schemas.fields import Text

SEPARATOR = ';'  # the stored text joins the rules with it
_OTHER_BLANKS = re.compile(r'[^\S \t]')  # blanks other than space and tab


class RuleList(fields.Field):
    """A non-empty list of well-formed rules."""

    # absent or null is "not given", worded as every other field's refusal
    default_error_messages = {'required': 'is required', 'null': 'is required'}

    _text = Text(required=True, min_length=1, max_length=1024, printable=True)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, list) or not value:
            raise ValidationError('must be a non-empty list of rules')
        rules = []
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise ValidationError(f'rule {index + 1}: must be a string')
            try:
                text = self._text.deserialize(item)
            except ValidationError as error:
                raise ValidationError(f'rule {index + 1}: {error.messages[0]}') from None
            if _OTHER_BLANKS.search(text):
                raise ValidationError(f'rule {index + 1}: must be on one line')
            if SEPARATOR in text:
                raise ValidationError(f'rule {index + 1}: must not contain {SEPARATOR}')
            try:
                grammar.check(text)
            except ValueError as error:
                raise ValidationError(f'rule {index + 1}: {error}') from None
            rules.append(text)
        return rules


class QueueSkillRuleSchema(LegacySchema):
    name = Text(required=True, min_length=1, max_length=64, printable=True)
    rule = RuleList(required=True)


queue_skill_rule_schema = QueueSkillRuleSchema()
