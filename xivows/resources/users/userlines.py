"""A user's line, from the `linefeatures` column arrays of add/edit.

First row `id` absent or 0: a new line is created. `id` of a line: that line is
edited and, if it was free, associated (a line belongs to at most one user).
The user's previous line, when another one takes its place, is freed (kept as a
free line), not deleted. An empty `linefeatures` object frees the user's line."""
from xivows import numbering
from xivows.probe import Probe
from xivows.errors import InvalidInput
from xivows.models.line import UserLine
from xivows.resources.lines import queries as line_queries
from xivows.resources.lines import service as lines
from xivows.resources.lines.inputs import LineInput
from xivows.resources.users import queries
from xivows.resources.users.schemas import fullname
from xivows.schemas.fields import to_int

_PROTOCOL_KEYS = ('context', 'name', 'secret', 'interface')
_FEATURE_KEYS = ('number', 'device', 'num', 'configregistrar', 'description', 'secret')


def _pick(row, keys):
    return {key: row[key] for key in keys if key in row and row[key] is not None}


def apply(user, row):
    """Give `user` the line described by `row` (a first row of column arrays)."""
    current, _ = queries.line_of(user.id)
    if not row:
        if current is not None:
            detach(user)
        return None
    line_id = to_int(row.get('id') or 0)
    if line_id is None or line_id < 0:
        raise InvalidInput(f'linefeatures.id: not a line id: {row.get("id")}')
    if line_id:
        line = line_queries.find(line_id)
        if line is None:
            raise InvalidInput(f'linefeatures.id: no such line: {line_id}')
        owner = lines.user_id_of(line)
        if owner not in (None, user.id):
            raise InvalidInput(f'line {line_id} already belongs to user {owner}')
        if current is not None and current.id != line.id:
            detach(user)
        if owner is None:
            UserLine.create(user_id=user.id, line_id=line.id)
        return _edit(line, row, user.id, taken=owner is None)
    if current is not None:
        detach(user)
    return _create(user, row)


def _input(row, protocol=None):
    options = _pick(row, _PROTOCOL_KEYS)
    return LineInput(protocol=protocol, options=options,
                     features=_pick(row, _FEATURE_KEYS))


def _edit(line, row, user_id, taken):
    if 'protocol' in row and row['protocol'] not in (None, '', line.protocol):
        raise InvalidInput('linefeatures.protocol: the protocol of a line cannot change')
    edition = lines.LineEdit(line, _input(row), Probe(), owner_id=user_id, taken=taken)
    edition.verify()
    return edition.write()


def _create(user, row):
    protocol = row.get('protocol') or 'sip'
    line_input = _input(row, protocol)
    if protocol == 'custom' and 'interface' not in line_input.options:
        # The original's custom interface is the line name, random when not given.
        line_input.options['interface'] = line_input.options.pop('name', None) \
            or lines.random_name()
    creation = lines.LineCreation(line_input, Probe(), for_user=True, user_id=user.id,
                                  caller_name=fullname(user.firstname, user.lastname),
                                  language=user.language, simultcalls=user.simultcalls)
    creation.verify()
    return creation.write(user.id)


def detach(user):
    """Free the user's line: it stays as a free line without extension."""
    numbering.release('user', user.id)
    UserLine.delete().where(UserLine.user_id == user.id).execute()


def sync(user, mailbox=None):
    """Keep the line's caller id (and SIP mailbox) in step with the user."""
    line, _ = queries.line_of(user.id)
    if line is None:
        return
    row = lines.protocol_of(line)
    name = fullname(user.firstname, user.lastname).replace('"', '')
    if line.protocol == 'sip':
        row.callerid = f'"{name}" <{line.number}>' if line.number else f'"{name}"'
        row.mailbox = mailbox
        row.save()
    elif line.protocol == 'sccp':
        row.cid_name, row.cid_num = name, line.number
        row.save()
