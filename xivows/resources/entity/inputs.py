"""An entity as callers give it, to add one or to change one."""

from dataclasses import dataclass, field


@dataclass
class EntityInput:
    """`fields`: the entity's fields (name, displayname, phonenumber, email,
    address1, ..., as in `EntitySchema`). An edit gives only what changes:
    absent fields keep their values; a new name renames the entity in its
    contexts."""

    fields: dict = field(default_factory=dict)
