"""The members of a group: users in ring order, each reached through its line's
interface (SIP/<name>, SCCP/<name> or the custom interface), so a user without a
line cannot be a member. A list given replaces the members (a member already
there keeps its penalty unless one is given)."""

from xivows.errors import InvalidInput
from xivows.resources.queue_members import service as queue_members
from xivows.resources.queue_members.inputs import MemberInput, ids_and_penalties
from xivows.resources.users import as_member

# Bigger lists are refused (a group rings all its members).
MAX_MEMBERS = 1000


def parse(given: list[MemberInput] | None):
    """-> ([Member] in order, duplicates dropped, {user id: penalty given}), or
    None when not given."""
    if given is None:
        return None
    if isinstance(given, list) and len(given) > MAX_MEMBERS:
        raise InvalidInput(f'user: at most {MAX_MEMBERS} members')
    ids, penalties = ids_and_penalties(given, 'user')
    return as_member.interfaces(ids), penalties


def replace(name, parsed, adding=False):
    """Store the members in order."""
    wanted, penalties = parsed
    queue_members.replace_members(
        name, queue_members.GROUP, queue_members.USER, wanted, penalties, adding=adding
    )
