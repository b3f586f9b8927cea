"""A user's group and queue memberships (web-form style input):
`group-select` [group names] with `group` {name: {...}}, and `queue-select`
[queue names] with `queue` {name: {"penalty": 0..20}}. A list given replaces
that category's memberships; absent, they are kept. Members need a line: their
interface is the line's."""
from peewee import fn

from xivows.errors import InvalidInput
from xivows.models.queue import GroupFeatures, QueueFeatures, QueueMember
from xivows.resources.lines import service as lines
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
        QueueMember.delete().where((QueueMember.usertype == 'user')
                                   & (QueueMember.userid == user.id)
                                   & (QueueMember.category == category)).execute()
        if not members:
            continue
        interface, channel = lines.interface_of(line)
        for name, penalty in members:
            position = (QueueMember.select(fn.COALESCE(fn.MAX(QueueMember.position), 0))
                        .where(QueueMember.queue_name == name).scalar() or 0) + 1
            QueueMember.create(queue_name=name, interface=interface, penalty=penalty,
                               usertype='user', userid=user.id, channel=channel,
                               category=category, position=position)


def follow_line(user):
    """The user's line changed: members move to the new interface; without a line
    the memberships go (a member is reachable only through a line)."""
    line, _ = queries.line_of(user.id)
    rows = QueueMember.select().where((QueueMember.usertype == 'user')
                                      & (QueueMember.userid == user.id))
    if line is None:
        QueueMember.delete().where((QueueMember.usertype == 'user')
                                   & (QueueMember.userid == user.id)).execute()
        return
    interface, channel = lines.interface_of(line)
    for row in rows:
        if row.interface != interface:
            row.interface, row.channel = interface, channel
            row.save()


def delete_for(user_id):
    QueueMember.delete().where((QueueMember.usertype == 'user')
                               & (QueueMember.userid == user_id)).execute()
