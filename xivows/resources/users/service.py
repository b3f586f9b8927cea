"""Users with their line, voicemail, dial actions, call permissions, schedule,
memberships and function keys. One add or edit is one transaction: every part
is validated before the first write, and a refusal leaves nothing behind.

Query budget: the checks that need the store (entity, login, CTI profile,
agent, music on hold, the line's context, names, device and number, the
voicemail box) are asked through one probe, answered by one query; the
number's ranges are one more; then each row is written once (a user with a
SIP line, a voicemail and its dial actions: 9 queries). Deleting users is
set-based: a constant number of queries whatever their number."""

from __future__ import annotations

import uuid

from xivows import cascade, writebehind
from xivows.errors import InvalidInput
from xivows.idsets import in_ids, texts
from xivows.models.extension import Extension
from xivows.models.line import LineFeatures, SCCPLine, UserLine, UserSIP
from xivows.models.user import UserFeatures
from xivows.models.voicemail import Voicemail
from xivows.probe import Probe
from xivows.resources import lookup
from xivows.resources.dialaction import service as dialactions
from xivows.resources.lines import queries as line_queries
from xivows.resources.lines import service as lines
from xivows.resources.ownerlinks import service as ownerlinks
from xivows.resources.queue_members import service as queue_members
from xivows.resources.rightcall import service as rightcalls
from xivows.resources.schedule import links as schedules
from xivows.resources.users import funckeys, memberships, queries, userlines
from xivows.resources.users.inputs import UserInput
from xivows.resources.users.schemas import STORED_INPUT, callerid, fullname, userfeatures_schema
from xivows.resources.users.voicemails import VoicemailPart, mailbox_of
from xivows.schemas import load

KIND = 'user'
LINKS = ('dialaction', 'rightcall', 'schedule_id')


def exists(user_id: int) -> bool:
    return queries.find(user_id) is not None


def get(user_id: int) -> UserFeatures:
    return lookup.found(queries.find(user_id), 'user', user_id)


def view_parts(user_id: int) -> queries.ViewParts:
    """Everything a user's view shows (two statements when it has no
    memberships, call permissions, dial actions or function keys)."""
    return lookup.found(queries.view_parts(user_id), 'user', user_id)


# -- the user's own fields ---------------------------------------------------------


class _Features:
    """The user's fields, validated with the stored ones (an edit); the rules
    that need the store are asked through the probe and read by verify()."""

    def __init__(self, given: dict, user: UserFeatures | None, probe: Probe):
        if not isinstance(given, dict):
            raise InvalidInput('userfeatures: must be an object')
        stored = {name: getattr(user, name) for name in STORED_INPUT} if user else {}
        values = load(userfeatures_schema, {**stored, **given}, 'userfeatures')
        values['language'] = values['language'] or None
        self.values = values
        self._profile_name = values.pop('profileclient', None)
        self._agent_number = values.pop('agentnumber', None)
        self._entity = probe.exists(queries.entity_query, values['entityid'])
        self._login_taken = (
            probe.exists(queries.login_query, values['loginclient'], user.id if user else None)
            if values['loginclient']
            else None
        )
        if self._profile_name:
            self._profile = probe.first(queries.cti_profile_by_name_query, self._profile_name)
        elif values.get('cti_profile_id'):
            self._profile = probe.exists(queries.cti_profile_query, values['cti_profile_id'])
        if self._agent_number:
            self._agent = probe.first(queries.agent_by_number_query, self._agent_number)
        elif values.get('agentid'):
            self._agent = probe.exists(queries.agent_query, values['agentid'])
        self._moh = (
            probe.exists(queries.moh_query, values['musiconhold'])
            if values['musiconhold']
            else None
        )

    @property
    def name(self):
        return fullname(self.values['firstname'], self.values['lastname'])

    def verify(self):
        values = self.values
        if not self._entity.value:
            raise InvalidInput(f'userfeatures.entityid: no such entity: {values["entityid"]}')
        if values['enableclient']:
            if not 2 <= len(values['loginclient']) <= 64:
                raise InvalidInput(
                    'userfeatures.loginclient: 2 to 64 characters are required '
                    'when enableclient is set'
                )
            if not 4 <= len(values['passwdclient']) <= 64:
                raise InvalidInput(
                    'userfeatures.passwdclient: 4 to 64 characters are required '
                    'when enableclient is set'
                )
        if self._login_taken is not None and self._login_taken.value:
            raise InvalidInput(f'userfeatures.loginclient: already used: {values["loginclient"]}')
        values['cti_profile_id'] = self._cti_profile()
        values['agentid'] = self._agent_id()
        if self._moh is not None and not self._moh.value:
            values['musiconhold'] = ''  # as the original: unknown classes are dropped
        for flag, destination in (
            ('enablerna', 'destrna'),
            ('enablebusy', 'destbusy'),
            ('enableunc', 'destunc'),
        ):
            if not values[destination]:
                values[flag] = False
        values['callerid'] = callerid(values['firstname'], values['lastname'])

    def _cti_profile(self):
        if self._profile_name:
            if self._profile.value is None:
                raise InvalidInput(
                    f'userfeatures.profileclient: no such CTI profile: {self._profile_name}'
                )
            return self._profile.value
        profile_id = self.values.get('cti_profile_id') or None
        if profile_id and not self._profile.value:
            raise InvalidInput(f'userfeatures.cti_profile_id: no such CTI profile: {profile_id}')
        return profile_id

    def _agent_id(self):
        if self._agent_number:
            if self._agent.value is None:
                raise InvalidInput(
                    f'userfeatures.agentnumber: no such agent: {self._agent_number}'
                )
            return self._agent.value
        agent_id = self.values.get('agentid') or None
        if agent_id and not self._agent.value:
            raise InvalidInput(f'userfeatures.agentid: no such agent: {agent_id}')
        return agent_id


# -- add / edit ---------------------------------------------------------------------


class _Parts:
    """Every part of a user input, validated before any write: the schemas when
    built, the lookups (one probe) by verify()."""

    def __init__(
        self,
        given: UserInput,
        user: UserFeatures | None = None,
        current_line: LineFeatures | None = None,
        probe: Probe | None = None,
    ):
        if not isinstance(given, UserInput):
            raise InvalidInput('body: must be a user')
        probe = self.probe = probe or Probe()
        user_id = user.id if user else None
        self.current_line = current_line
        self.features = _Features(given.features, user, probe)
        values = self.features.values
        self.line = userlines.plan(
            given.line,
            current_line,
            user_id,
            probe,
            name=self.features.name,
            language=values['language'],
            simultcalls=values['simultcalls'],
        )
        if self.line is not None:
            line_context = self.line.context
        else:
            line_context = current_line.context if current_line is not None else None
        self.voicemail = (
            VoicemailPart(
                given.voicemail,
                probe,
                user_id=user_id,
                line_context=line_context,
                name=self.features.name,
                language=values['language'],
            )
            if given.voicemail is not None
            else None
        )
        self.links = ownerlinks.GivenLinks(given.links, KIND, LINKS)
        self.funckeys = funckeys.validated(given.funckeys)
        self.memberships = {
            category: members
            for category, members in (
                ('group', memberships.validated('group', given.groups)),
                ('queue', memberships.validated('queue', given.queues)),
            )
            if members is not None
        }

    def verify(self):
        self.features.verify()
        if self.line is not None:
            self.line.verify()
        has_line = (
            (self.line.context is not None)
            if self.line is not None
            else self.current_line is not None
        )
        memberships.check_line(self.memberships, has_line)
        if self.voicemail is not None:
            self.voicemail.verify()

    def write_voicemail(self):
        """The voicemail first: the user row and a new line refer to it."""
        if self.voicemail is None:
            return
        self.voicemail_written(self.voicemail.write().uniqueid)

    def voicemail_written(self, uniqueid: int) -> None:
        self.features.values.update(
            voicemailid=uniqueid, enablevoicemail=True, voicemailtype='asterisk'
        )

    def new_rows(self) -> dict:
        """{model: count} of the rows write_new() creates whatever happens (their
        ids drawn together on PostgreSQL: xivows.writebehind); asked before
        verify(), a voicemail given counts as new."""
        rows = {UserFeatures: 1}
        if self.voicemail is not None and self.voicemail.new:
            rows[Voicemail] = 1
        creation = getattr(self.line, 'creation', None)
        if creation is not None:
            rows.update(
                {line_queries.PROTOCOL_MODELS[creation.protocol]: 1, LineFeatures: 1, UserLine: 1}
            )
            if creation.number:
                rows[Extension] = 1
        return rows

    def user_row(self, user_id: int | None = None, user_uuid: str | None = None) -> dict:
        """The userfeatures row of a new user (after its voicemail is written):
        its id when given, its `user_uuid` (text) when drawn for it, else a new one."""
        row = {'uuid': user_uuid or str(uuid.uuid4()), **self.features.values}
        if user_id is not None:
            row['id'] = user_id
        return row


def prepare(user: UserInput, probe: Probe | None = None) -> _Parts:
    """The parts of a new user, checked by the schemas; their lookups are asked
    through `probe` (a batch's row probe: xivows.resources.users.bulk) and
    read by `verify()`; `write_new()` stores them."""
    return _Parts(user, probe=probe)


def create(user: UserInput) -> int:
    """A new user (with the parts given); its id."""
    parts = _Parts(user)
    # The new rows' ids are drawn by the checks' query (PostgreSQL); a
    # voicemail found existing by verify() leaves its drawn id unused.
    with writebehind.reserved(parts.new_rows(), parts.probe):
        parts.verify()
        return write_new(parts)


def write_new(parts: _Parts, user_id: int | None = None) -> int:
    """Store the verified parts of a new user; its id (`user_id`: an id
    reserved for it, else a new one)."""
    parts.write_voicemail()
    new = UserFeatures.create(**parts.user_row(user_id))
    line = None
    if parts.line is not None:
        line = parts.line.write(
            new.id, mailbox=parts.voicemail.mailbox if parts.voicemail is not None else None
        )
    parts.links.apply(new.id, created=True)
    funckeys.replace(new.id, parts.funckeys, created=True)
    memberships.apply(new.id, parts.memberships, line)
    return new.id


def edit(user_id: int, changes: UserInput) -> None:
    """Merge: absent features keep their values; the line, voicemail, links,
    function keys and memberships change only when given."""
    user = get(user_id)
    current_line, _ = queries.line_of(user.id)
    parts = _Parts(changes, user, current_line)
    parts.verify()
    name_before = fullname(user.firstname, user.lastname)
    parts.write_voicemail()
    for key, value in parts.features.values.items():
        setattr(user, key, value)
    user.save()
    line = current_line
    if parts.line is not None:
        mailbox = None
        if parts.line.synced:  # a new line: written with the user's mailbox
            mailbox = parts.voicemail.mailbox if parts.voicemail is not None else mailbox_of(user)
        line = parts.line.write(user.id, mailbox=mailbox)
        if parts.line.new or line is None:
            memberships.follow_line(user.id, line)
    synced = parts.line is not None and parts.line.synced
    if (
        line is not None
        and not synced
        and (
            parts.line is not None
            or parts.voicemail is not None
            or fullname(user.firstname, user.lastname) != name_before
        )
    ):
        _sync_line(user, line, parts)
    parts.links.apply(user.id)
    funckeys.replace(user.id, parts.funckeys)
    memberships.apply(user.id, parts.memberships, line)


def _sync_line(user: UserFeatures, line: LineFeatures, parts: _Parts) -> None:
    """The line's caller id (and SIP mailbox) follow the user: one update."""
    name = fullname(user.firstname, user.lastname).replace('"', '')
    if line.protocol == 'sip':
        changes = {'callerid': lines.caller_id(name, line.number)}
        if parts.voicemail is not None:
            changes['mailbox'] = parts.voicemail.mailbox
        elif parts.line is not None:
            changes['mailbox'] = mailbox_of(user)
        UserSIP.update(**changes).where(UserSIP.id == line.protocolid).execute()
    elif line.protocol == 'sccp':
        (
            SCCPLine.update(cid_name=name, cid_num=line.number)
            .where(SCCPLine.id == line.protocolid)
            .execute()
        )


# -- delete -------------------------------------------------------------------------


def delete_many(user_ids: list[int]) -> None:
    """Delete these users and their lines; their voicemails are kept (they are
    dissociated with the user rows). A constant number of queries whatever the
    number of users: one per kind of row, one per protocol of their lines."""
    if not user_ids:
        return
    Extension.delete().where(
        (Extension.type == KIND) & in_ids(Extension.typeval, texts(user_ids))
    ).execute()
    lines.delete_lines(line_queries.of_users(user_ids), owners_deleted=True)
    dialactions.delete_for_many(KIND, user_ids)
    dialactions.unlink_many(KIND, user_ids)
    rightcalls.delete_for_many(KIND, user_ids)
    schedules.delete_for_many(KIND, user_ids)
    queue_members.delete_members(queue_members.USER, user_ids)
    funckeys.delete_for(user_ids)
    cascade.deleted_many(KIND, user_ids)
    UserFeatures.delete().where(in_ids(UserFeatures.id, user_ids)).execute()


def delete(user_id: int) -> None:
    """Delete the user and its line; its voicemail is kept (dissociated)."""
    delete_many([get(user_id).id])


def delete_all() -> int | None:
    """Every user; None when there were none."""
    ids = queries.all_ids()
    if not ids:
        return None
    delete_many(ids)
    return len(ids)
