"""The schedule's own dial actions. A schedule stores its fallback in its
columns (fallback_action, fallback_actionid, fallback_actionargs) and each
closed period its destination in the period (action, actionid, actionargs);
both are validated as dial actions (destinations must exist)."""

from xivows.resources.dialaction import service as dialactions

NONE = ('none', None, '')


def parse(entry, where: str) -> tuple:
    """A dial-action input -> (action, actionid, actionargs); nothing given -> none."""
    if entry in (None, False, '') or entry == [] or entry == {}:
        return NONE
    return dialactions.parse_one(entry, where)
