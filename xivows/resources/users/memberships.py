"""A user's group and queue memberships (web-form style input):
`group-select` [group names] with `group` {name: {...}}, and `queue-select`
[queue names] with `queue` {name: {"penalty": 0..20}}. A list given replaces
that category's memberships; absent, they are kept. Members need a line: their
interface is the line's."""
from xivows.errors import InvalidInput
from xivows.models.queue import GroupFeatures, QueueFeatures
from xivows.resources.lines import service as lines
from xivows.resources.queue_members import service as queue_members
from xivows.resources.users import queries
from xivows.schemas.fields import to_int

CATEGORIES = {'group': GroupFeatures, 'queue': QueueFeatures}


def parse(document):
    """-> {category: [(name, penalty), ...]} for the categories given."""
    parsed = {}
    for category, model in CATEGORIES.items():
        selected = document.get(f'{category}-select')
        if selected is None:
            continue
        if not isinstance(selected, list) or not all(isinstance(n, str) for n in selected):
            raise InvalidInput(f'{category}-select: must be a list of names')
        options = document.get(category) or {}
        if not isinstance(options, dict):
            raise InvalidInput(f'{category}: must be an object keyed by name')
        names = list(dict.fromkeys(selected))
        known = {row.name for row in model.select(model.name).where(model.name.in_(names))} \
            if names else set()
        members = []
        for name in names:
            if name not in known:
                raise InvalidInput(f'{category}-select: no such {category}: {name}')
            option = options.get(name)
            penalty = option.get('penalty') if isinstance(option, dict) else None
            penalty = 0 if penalty in (None, '') else to_int(penalty)
            if penalty is None or not 0 <= penalty <= 20:
                raise InvalidInput(f'{category}.{name}.penalty: must be 0 to 20')
            members.append((name, penalty))
        parsed[category] = members
    return parsed


def apply(user, parsed):
    if not parsed:
        return
    line, _ = queries.line_of(user.id)
    for category, members in parsed.items():
        if members and line is None:
            raise InvalidInput(f'{category}-select: the user needs a line to be a member')
        if line is None:
            queue_members.replace_memberships(queue_members.Member(queue_members.USER, user.id,
                                                                   '', ''), category, [])
            continue
        member = queue_members.Member(queue_members.USER, user.id, *lines.interface_of(line))
        queue_members.replace_memberships(member, category, members)


def follow_line(user):
    """The user's line changed: members move to the new interface; without a line
    the memberships go (a member is reachable only through a line)."""
    line, _ = queries.line_of(user.id)
    interface, channel = lines.interface_of(line) if line is not None else (None, None)
    queue_members.follow_interface(queue_members.USER, user.id, interface, channel)


def delete_for(user_id):
    queue_members.delete_member(queue_members.USER, user_id)
