"""The members of a group: `user`, a list of user ids in ring order (the view's
member objects, with their `userid`, are accepted too). Each user is reached
through its line's interface (SIP/<name>, SCCP/<name> or the custom interface),
so a user without a line cannot be a member."""
from marshmallow import ValidationError

from xivows.errors import InvalidInput
from xivows.resources.queue_members import service as queue_members
from xivows.resources.users import as_member
from xivows.schemas.fields import IdList

_ids = IdList()
# Each member costs a few queries to validate: bigger lists are refused.
MAX_MEMBERS = 1000


def parse(document):
    """-> [Member] in order (duplicates dropped), or None
    when `user` is absent or null."""
    value = document.get('user')
    if value is None:
        return None
    if value is False or value == {} or value == '':  # the view's "no members"
        return []
    if isinstance(value, list):
        if len(value) > MAX_MEMBERS:
            raise InvalidInput(f'user: at most {MAX_MEMBERS} members')
        value = [item.get('userid') if isinstance(item, dict) else item for item in value]
    try:
        ids = _ids.deserialize(value)
    except ValidationError:
        raise InvalidInput('user: must be a list of user ids') from None
    return as_member.interfaces(ids)


def replace(name, wanted):
    """Store the members in order; a member already there keeps its penalty."""
    queue_members.replace_members(name, queue_members.GROUP, queue_members.USER, wanted)
