"""A user as a member of groups and queues: reached through its line's
interface (SIP/<name>, SCCP/<name> or the custom interface), so a user without a
line cannot be a member."""
from xivows.errors import InvalidInput
from xivows.resources.lines import queries as line_queries
from xivows.resources.lines import service as lines
from xivows.resources.queue_members import service as queue_members
from xivows.resources.users import queries


def interfaces(user_ids, where='user'):
    """-> [Member] in the given order, in a constant number of queries (the
    users, their lines, one per protocol of those lines)."""
    known = queries.existing_ids(user_ids)
    for user_id in user_ids:
        if user_id not in known:
            raise InvalidInput(f'{where}: no such user: {user_id}')
    main_lines = {}
    for line in sorted(line_queries.of_users(list(known)),
                       key=lambda line: (not line.main_line, line.link_id)):
        main_lines.setdefault(line.user_id, line)
    for user_id in user_ids:
        if user_id not in main_lines:
            raise InvalidInput(f'{where}: user {user_id} has no line: it cannot be a member')
    reached = lines.interfaces_of(list(main_lines.values()))
    return [queue_members.Member(queue_members.USER, user_id,
                                 *reached[main_lines[user_id].id])
            for user_id in user_ids]
