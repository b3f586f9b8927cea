"""What an add or edit does to the user's line.

A LineInput without `id` creates a new line (SIP unless told otherwise). One
with the `id` of a line takes that line (it must be free, or already the
user's) and changes it with the fields given. A line given in place of the
user's previous one deletes the previous one, as the 2013-2015 servers did
(kept as a free line, it would hold its number a second time: a search by
number finds two lines, and its context cannot be deleted). NO_LINE frees the
user's line (kept as a free line, without extension)."""

import dataclasses

from xivows import domain_events, numbering
from xivows.errors import InvalidInput
from xivows.models.line import UserLine
from xivows.resources.lines import queries as line_queries
from xivows.resources.lines import service as lines
from xivows.resources.lines.inputs import LineInput
from xivows.resources.users.inputs import NoLine


class _Free:
    """NO_LINE: the user's line is freed."""

    context = None
    new = False
    synced = False

    def __init__(self, current):
        self.current = current

    def verify(self):
        pass

    def write(self, user_id, mailbox=None):
        if self.current is not None:
            detach(user_id)
            # What was logged on the user's extension is no longer (agents).
            place = (self.current.number, self.current.context)
            domain_events.emit('user_line_freed', place=place)
        return None


class _New:
    """A new line for the user (its caller id and mailbox written with it)."""

    new = True
    synced = True

    def __init__(self, given, current, user_id, probe, name, language, simultcalls):
        self.current = current
        if not given.protocol or given.protocol == 'custom':
            # Changed below: a copy (the caller's input is left as it was given).
            # Other lines are only read (LineCreation copies what it keeps).
            given = dataclasses.replace(
                given, options=dict(given.options), protocol=given.protocol or 'sip'
            )
        if (
            given.protocol == 'custom'
            and given.interface is None
            and 'interface' not in given.options
        ):
            # The original's custom interface is the line name, random when not given.
            given.interface = given.name or given.options.pop('name', None) or lines.random_name()
            given.name = None
        self.creation = lines.LineCreation(
            given,
            probe,
            for_user=True,
            user_id=user_id,
            caller_name=name,
            language=language,
            simultcalls=simultcalls,
        )
        self.context = self.creation.context

    def verify(self):
        self.creation.verify()

    def write(self, user_id, mailbox=None):
        if self.current is not None:
            _delete_previous(user_id, self.current)
        return self.creation.write(user_id, mailbox=mailbox)


class _Taken:
    """A stored line, free or already the user's, changed with the fields given."""

    synced = False

    def __init__(self, given, current, user_id, probe, name):
        line, owner = line_queries.with_owner(given.id)
        if line is None:
            raise InvalidInput(f'linefeatures.id: no such line: {given.id}')
        if owner is not None and owner != user_id:
            raise InvalidInput(f'linefeatures.id: line {given.id} already belongs to user {owner}')
        if given.protocol not in (None, '', line.protocol):
            raise InvalidInput('linefeatures.protocol: the protocol of a line cannot change')
        given = dataclasses.replace(given, protocol=None)
        self.current = current
        self.line = line
        self.new = owner is None  # a free line the user takes
        self.edition = lines.LineEdit(
            line, given, probe, owner_id=user_id, owner_name=name, taken=self.new
        )
        self.context = self.edition.context

    def verify(self):
        self.edition.verify()

    def write(self, user_id, mailbox=None):
        if self.current is not None and self.current.id != self.line.id:
            _delete_previous(user_id, self.current)
        if self.new:
            UserLine.create(user_id=user_id, line_id=self.line.id)
        self.edition.owner_id = user_id
        return self.edition.write()


def plan(given, current, user_id, probe, *, name, language, simultcalls):
    """The line part of an add (`user_id` None) or edit: None when not given,
    else an object with `context` (the line's after the write, None without a
    line), `new` (another line than `current` when written), `synced` (its
    caller id and mailbox written with it), verify() and write(user_id,
    mailbox) -> the user's line after it."""
    if given is None:
        return None
    if isinstance(given, NoLine):
        return _Free(current)
    if not isinstance(given, LineInput):
        raise InvalidInput('linefeatures: must be a line')
    if given.id is not None and (
        isinstance(given.id, bool) or not isinstance(given.id, int) or given.id < 0
    ):
        raise InvalidInput(f'linefeatures.id: not a line id: {given.id}')
    if given.id:
        return _Taken(given, current, user_id, probe, name)
    return _New(given, current, user_id, probe, name, language, simultcalls)


def detach(user_id):
    """Free the user's line: it stays as a free line without extension."""
    numbering.release('user', user_id)
    UserLine.delete().where(UserLine.user_id == user_id).execute()


def _delete_previous(user_id, line):
    """The user's line, replaced by another: deleted with its protocol row and
    extension (its memberships follow the new line: memberships.follow_line)."""
    numbering.release('user', user_id)
    line.user_id = None  # delete_lines then leaves the user's memberships alone
    lines.delete_lines([line])  # its user link with it
