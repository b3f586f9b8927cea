"""What hangs on an owner (kind, id) in shared tables: dial actions, call
permissions, caller id and schedule (an `OwnerLinks` input). Each part given is
validated with the rest of the owner's input and replaced; a part not given
(None) stays as stored."""
from xivows.resources.callerid import service as callerids
from xivows.resources.dialaction import service as dialactions
from xivows.resources.ownerlinks.inputs import OwnerLinks
from xivows.resources.rightcall import service as rightcalls
from xivows.resources.schedule import links as schedules


def _replace_rightcall(kind, owner_id, ids):
    # Rows are rewritten only when the permissions change (their ids are shown).
    if ids != rightcalls.input_for(kind, owner_id):
        rightcalls.replace(kind, owner_id, ids)


# key -> (parse(value, kind), replace(kind, owner_id, parsed), delete_for(kind, owner_id),
#         delete_for_many(kind, owner_ids),
#         add(kind, owner_id, parsed): for an owner just created, which has none)
_PARTS = {
    'dialaction': (dialactions.parse, dialactions.replace, dialactions.delete_for,
                   dialactions.delete_for_many, dialactions.add),
    'rightcall': (lambda value, kind: rightcalls.parse(value), _replace_rightcall,
                  rightcalls.delete_for, rightcalls.delete_for_many, rightcalls.add),
    'callerid': (lambda value, kind: callerids.parse(value), callerids.replace,
                 callerids.delete_for, callerids.delete_for_many, callerids.replace),
    'schedule_id': (lambda value, kind: schedules.parse(value), schedules.replace,
                    schedules.delete_for, schedules.delete_for_many, schedules.replace),
}
ALL = tuple(_PARTS)


class GivenLinks:
    """The parts `links` gives, parsed (raises InvalidInput); only `keys` count
    for this kind of owner."""

    def __init__(self, links: OwnerLinks, kind: str, keys=ALL):
        self.kind = kind
        # A mapping is accepted while resources move to OwnerLinks inputs.
        given = links if isinstance(links, dict) else vars(links)
        self.parsed = {key: _PARTS[key][0](given[key], kind) for key in keys
                       if given.get(key) is not None}

    def apply(self, owner_id, created=False):
        """Write the parts given; `created`: the owner is new (nothing to replace)."""
        for key, parsed in self.parsed.items():
            _PARTS[key][4 if created else 1](self.kind, owner_id, parsed)


def delete_for(kind, owner_id):
    """Every part of the owner, when it is deleted."""
    for _, _, delete, _, _ in _PARTS.values():
        delete(kind, owner_id)


def delete_for_many(kind, owner_ids):
    """Every part of many owners at once (delete-all): one statement per part."""
    for _, _, _, delete_many, _ in _PARTS.values():
        delete_many(kind, owner_ids)
