"""A user as a member of groups and queues: reached through its line's
interface (SIP/<name>, SCCP/<name> or the custom interface), so a user without a
line cannot be a member."""

from xivows.errors import InvalidInput
from xivows.resources.lines import service as lines
from xivows.resources.queue_members import service as queue_members
from xivows.resources.users import queries


def interfaces(user_ids, where='user'):
    """-> [Member] in the given order: a constant number of queries (users, their
    main lines, one per line protocol), whatever the number of users."""
    known = queries.existing_ids(user_ids)
    main_lines = queries.main_lines(user_ids)
    for user_id in user_ids:
        if user_id not in known:
            raise InvalidInput(f'{where}: no such user: {user_id}')
        if user_id not in main_lines:
            raise InvalidInput(f'{where}: user {user_id} has no line: it cannot be a member')
    reached = lines.interfaces_of(list(main_lines.values()))
    return [
        queue_members.Member(queue_members.USER, user_id, *reached[main_lines[user_id].id])
        for user_id in user_ids
    ]
