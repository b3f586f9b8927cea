"""A user's voicemail, in either input form the clients used:

* 2015 form (xivo-ws HEAD): `voicemail` {name, number, context, password, ...};
* 2013 form (the seed document): `voicemail-option` add|search|none and
  `voicemail` {mailbox, fullname, password, ...}, the context defaulting to the
  line's.

An existing mailbox@context is associated (and updated) rather than duplicated,
so a client resending the same user is harmless; a voicemail already used by
another user is refused."""
from xivows.errors import InvalidInput
from xivows.models.user import UserFeatures
from xivows.models.voicemail import Voicemail
from xivows.resources.users.schemas import fullname
from xivows.jsonphp.views.voicemail import confd_to_columns
from xivows.resources.voicemail.schemas import stored_input
from xivows.resources.voicemail import service as voicemail_service

OPTIONS = ('add', 'search', 'none')
_COLUMNS = {field.name for field in Voicemail._meta.sorted_fields} - {'uniqueid'}


def parse(document):
    """-> None (leave the voicemail alone) or (option, column values)."""
    option = document.get('voicemail-option') or 'add'
    if option not in OPTIONS:
        raise InvalidInput('voicemail-option: must be one of: ' + ', '.join(OPTIONS))
    given = document.get('voicemail')
    if option == 'none' or given in (None, False, '', [], {}):
        return None
    if not isinstance(given, dict):
        raise InvalidInput('voicemail: must be an object')
    if 'number' in given and given.get('number') not in (None, ''):
        columns = confd_to_columns(given)
    elif given.get('mailbox') not in (None, ''):
        columns = {key: value for key, value in given.items() if key in _COLUMNS}
    else:
        raise InvalidInput('voicemail: a number (or mailbox) is required')
    return option, columns


def apply(user, parsed, line):
    option, columns = parsed
    columns = dict(columns)
    if not columns.get('context'):
        if line is None:
            raise InvalidInput('voicemail.context: is required (the user has no line)')
        columns['context'] = line.context
    existing = voicemail_service.find(str(columns.get('mailbox')), columns['context'])
    if option == 'search' and existing is None:
        raise InvalidInput(f'no such voicemail: {columns.get("mailbox")}@{columns["context"]}')
    if existing is not None:
        _check_free(existing, user)
        voicemail = voicemail_service.store(voicemail_service.validated(
            {**stored_input(existing), **columns}, existing), existing)
    else:
        columns.setdefault('fullname', fullname(user.firstname, user.lastname))
        if user.language:
            columns.setdefault('locale', user.language)
        voicemail = voicemail_service.store(voicemail_service.validated(columns))
    user.voicemailid = voicemail.uniqueid
    user.enablevoicemail = True
    user.voicemailtype = 'asterisk'
    user.save()
    return voicemail


def _check_free(voicemail, user):
    other = (UserFeatures.select(UserFeatures.id)
             .where((UserFeatures.voicemailid == voicemail.uniqueid)
                    & (UserFeatures.id != user.id)).first())
    if other is not None:
        raise InvalidInput(f'voicemail {voicemail.mailbox}@{voicemail.context} '
                           f'already belongs to user {other.id}')


def of(user):
    if not user.voicemailid:
        return None
    return Voicemail.get_or_none(Voicemail.uniqueid == user.voicemailid)


def mailbox_of(user):
    voicemail = of(user)
    return f'{voicemail.mailbox}@{voicemail.context}' if voicemail else None
