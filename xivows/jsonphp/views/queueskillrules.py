"""The legacy wire shape of queue skill rules (list, search and view)."""

from xivows import wire
from xivows.resources.queueskillrules.schemas import SEPARATOR


def rule_item(row):
    """`id` a string, `rule` the stored rules as a list."""
    return {'id': wire.text(row.id), 'name': row.name, 'rule': row.rule.split(SEPARATOR)}
