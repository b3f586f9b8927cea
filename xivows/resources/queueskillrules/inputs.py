"""A queue skill rule as callers give it (rules are added, never changed)."""

from dataclasses import dataclass
from typing import Any


@dataclass
class QueueSkillRuleInput:
    """`name` (unique) and `rule`: a non-empty list of conditions on agents'
    skills (each checked against the rule grammar by the service)."""

    name: Any = None
    rule: Any = None
