"""A user's group and queue memberships: per category, the (name, penalty)
wanted in order. A list given replaces that category's memberships (a kept
one keeps its row and position); absent (None), they are kept. Members need a
line: their interface is the line's."""

from xivows.errors import InvalidInput
from xivows.models.queue import GroupFeatures, QueueFeatures
from xivows.resources.lines import service as lines
from xivows.resources.queue_members import service as queue_members
from xivows.resources.users import queries

CATEGORIES = {'group': GroupFeatures, 'queue': QueueFeatures}


def validated(category: str, members: list | None) -> list[tuple[str, int]] | None:
    """The (name, penalty) of existing groups or queues, duplicates dropped."""
    if members is None:
        return None
    wanted = {}
    for name, penalty in members:
        wanted.setdefault(name, penalty)
    known = queries.existing_names(CATEGORIES[category], list(wanted))
    for name, penalty in wanted.items():
        if name not in known:
            raise InvalidInput(f'{category}-select: no such {category}: {name}')
        if isinstance(penalty, bool) or not isinstance(penalty, int) or not 0 <= penalty <= 20:
            raise InvalidInput(f'{category}.{name}.penalty: must be 0 to 20')
    return list(wanted.items())


def check_line(wanted: dict, has_line: bool) -> None:
    for category, members in wanted.items():
        if members and not has_line:
            raise InvalidInput(f'{category}-select: the user needs a line to be a member')


def apply(user_id: int, wanted: dict, line) -> None:
    """`wanted`: {category: [(name, penalty)]} for the categories given."""
    for category, members in wanted.items():
        if line is None:
            member = queue_members.Member(queue_members.USER, user_id, '', '')
        else:
            member = queue_members.Member(queue_members.USER, user_id, *lines.interface_of(line))
        queue_members.replace_memberships(member, category, members)


def follow_line(user_id: int, line) -> None:
    """The user's line changed: members move to the new interface; without a line
    the memberships go (a member is reachable only through a line)."""
    interface, channel = lines.interface_of(line) if line is not None else (None, None)
    queue_members.follow_interface(queue_members.USER, user_id, interface, channel)
