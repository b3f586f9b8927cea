"""A queue skill as callers give it (skills are added, never changed)."""

from dataclasses import dataclass
from typing import Any


@dataclass
class QueueSkillInput:
    """`name` (unique), `category_name` (the category, created when new),
    `description`, `printscreen` (at most 5 characters). Values are checked by
    the service (`QueueSkillSchema`); None is "not given"."""

    name: Any = None
    category_name: Any = None
    description: Any = None
    printscreen: Any = None
