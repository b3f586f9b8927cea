"""Users with their line, voicemail, dial actions, call permissions, schedule,
memberships and function keys. One add or edit is one transaction: a refusal
at any step leaves nothing behind."""
import uuid

from xivows import cascade
from xivows.errors import InvalidInput, NotFound
from xivows.models.user import UserFeatures
from xivows.resources.dialaction import service as dialactions
from xivows.resources.lines import service as lines
from xivows.resources.rightcall import service as rightcalls
from xivows.resources.schedule import links as schedules
from xivows.resources.users import funckeys, memberships, queries, userlines, voicemails
from xivows.resources.users.schemas import (STORED_INPUT, callerid, first_line_row,
                                            userfeatures_schema)
from xivows.schemas import load
from xivows.jsonphp.documents import body_object

def exists(user_id):
    return queries.find(user_id) is not None


def get(user_id):
    user = queries.find(user_id)
    if user is None:
        raise NotFound.of('user', user_id)
    return user


# -- userfeatures ------------------------------------------------------------------


def _userfeatures(data, user=None):
    """Validated userfeatures -> column values."""
    values = load(userfeatures_schema, data, 'userfeatures')
    if not queries.entity_exists(values['entityid']):
        raise InvalidInput(f'userfeatures.entityid: no such entity: {values["entityid"]}')
    values['language'] = values['language'] or None
    if values['enableclient']:
        if not 2 <= len(values['loginclient']) <= 64:
            raise InvalidInput('userfeatures.loginclient: 2 to 64 characters are required '
                               'when enableclient is set')
        if not 4 <= len(values['passwdclient']) <= 64:
            raise InvalidInput('userfeatures.passwdclient: 4 to 64 characters are required '
                               'when enableclient is set')
    if values['loginclient'] and queries.login_taken(values['loginclient'],
                                                     user.id if user else None):
        raise InvalidInput(f'userfeatures.loginclient: already used: {values["loginclient"]}')
    values['cti_profile_id'] = _cti_profile(values)
    values['agentid'] = _agent(values)
    if values['musiconhold'] and not queries.moh_exists(values['musiconhold']):
        values['musiconhold'] = ''  # as the original: unknown classes are dropped
    for flag, destination in (('enablerna', 'destrna'), ('enablebusy', 'destbusy'),
                              ('enableunc', 'destunc')):
        if not values[destination]:
            values[flag] = False
    values['callerid'] = callerid(values['firstname'], values['lastname'])
    return values


def _cti_profile(values):
    name = values.pop('profileclient', None)
    if name:
        profile = queries.cti_profile_named(name)
        if profile is None:
            raise InvalidInput(f'userfeatures.profileclient: no such CTI profile: {name}')
        return profile.id
    profile_id = values.get('cti_profile_id') or None
    if profile_id and not queries.cti_profile_exists(profile_id):
        raise InvalidInput(f'userfeatures.cti_profile_id: no such CTI profile: {profile_id}')
    return profile_id


def _agent(values):
    number = values.pop('agentnumber', None)
    if number:
        agent = queries.agent_by_number(number)
        if agent is None:
            raise InvalidInput(f'userfeatures.agentnumber: no such agent: {number}')
        return agent.id
    agent_id = values.get('agentid') or None
    if agent_id and queries.agent_by_id(agent_id) is None:
        raise InvalidInput(f'userfeatures.agentid: no such agent: {agent_id}')
    return agent_id


def _stored_userfeatures(user):
    return {name: getattr(user, name) for name in STORED_INPUT}


# -- add / edit ---------------------------------------------------------------------


class _Parts:
    """Every component of an add/edit document, validated before any write."""

    def __init__(self, document, user=None):
        body_object(document)
        if user is None and not isinstance(document.get('userfeatures'), dict):
            raise InvalidInput('userfeatures: is required')
        given = document.get('userfeatures')
        if given is not None and not isinstance(given, dict):
            raise InvalidInput('userfeatures: must be an object')
        stored = _stored_userfeatures(user) if user else {}
        self.userfeatures = _userfeatures({**stored, **(given or {})}, user)
        self.line = self._line(document)
        self.voicemail = voicemails.parse(document)
        self.dialaction = self._optional(document, 'dialaction',
                                         lambda value: dialactions.parse(value, 'user'))
        self.rightcall = self._optional(document, 'rightcall', rightcalls.parse)
        self.schedule = self._optional(document, 'schedule_id', schedules.parse)
        self.funckeys = funckeys.parse(document.get('phonefunckey'))
        self.memberships = memberships.parse(document)

    @staticmethod
    def _line(document):
        if 'linefeatures' not in document or document['linefeatures'] in (None, False):
            return None  # the line is kept as it is
        return first_line_row(document['linefeatures'])

    @staticmethod
    def _optional(document, key, parse):
        if key not in document:
            return None
        return parse(document[key])


def _apply(user, parts):
    if parts.line is not None:
        userlines.apply(user, parts.line)
        memberships.follow_line(user)
    line, _ = queries.line_of(user.id)
    if parts.voicemail is not None:
        voicemails.apply(user, parts.voicemail, line)
    userlines.sync(user, voicemails.mailbox_of(user))
    if parts.dialaction is not None:
        dialactions.replace('user', user.id, parts.dialaction)
    if parts.rightcall is not None:
        rightcalls.replace('user', user.id, parts.rightcall)
    if parts.schedule is not None:
        schedules.replace('user', user.id, parts.schedule)
    funckeys.replace(user.id, parts.funckeys)
    memberships.apply(user, parts.memberships)


def create(document):
    parts = _Parts(document)
    user = UserFeatures.create(uuid=str(uuid.uuid4()), **parts.userfeatures)
    _apply(user, parts)
    return user.id


def edit(user_id, document):
    """Merge: what the document does not mention is kept (line included)."""
    user = get(user_id)
    parts = _Parts(document, user)
    for key, value in parts.userfeatures.items():
        setattr(user, key, value)
    user.save()
    _apply(user, parts)


# -- delete -------------------------------------------------------------------------


def delete(user_id):
    """Delete the user and its line; its voicemail is kept (dissociated)."""
    user = get(user_id)
    line, _ = queries.line_of(user.id)
    if line is not None:
        lines.delete(line)
    dialactions.delete_for('user', user.id)
    dialactions.unlink('user', user.id)
    rightcalls.delete_for('user', user.id)
    schedules.delete_for('user', user.id)
    memberships.delete_for(user.id)
    funckeys.delete_for(user.id)
    cascade.deleted('user', user.id)
    user.delete_instance()


def delete_all():
    """None when there were no users."""
    ids = [user.id for user in UserFeatures.select(UserFeatures.id)]
    if not ids:
        return None
    for user_id in ids:
        delete(user_id)
    return len(ids)
