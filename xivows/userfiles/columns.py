"""The columns of a users file: the field names of the original's user import
(2013-2015, `pbx_settings/users?act=import`), and where each value goes in an
add document of json.php (`userfeatures`, `linefeatures`, `voicemail`), or in
the row's incall.

Besides the original's names, every field of `userfeatures` is accepted by its
own name (`userfield`, `description`, `musiconhold`, `ringseconds`, ...), so
that an export keeps what a user has. Two names of the same field in one
header (`username` and `loginclient`) are refused."""

from xivows.errors import InvalidInput
from xivows.resources.users.schemas import userfeatures_schema

USER, LINE, VOICEMAIL, INCALL = 'userfeatures', 'linefeatures', 'voicemail', 'incall'

# The original's names, in the order of its documentation (and of an export).
LEGACY = {
    'entityid': (USER, 'entityid'),
    'firstname': (USER, 'firstname'),
    'lastname': (USER, 'lastname'),
    'language': (USER, 'language'),
    'outcallerid': (USER, 'outcallerid'),
    'enableclient': (USER, 'enableclient'),
    'username': (USER, 'loginclient'),
    'password': (USER, 'passwdclient'),
    'profileclient': (USER, 'profileclient'),
    'enablexfer': (USER, 'enablexfer'),
    'enablehint': (USER, 'enablehint'),
    'agentnumber': (USER, 'agentnumber'),
    'mobilephonenumber': (USER, 'mobilephonenumber'),
    'bosssecretary': (USER, 'bsfilter'),
    'phonenumber': (LINE, 'number'),
    'context': (LINE, 'context'),
    'callerid': (LINE, 'callerid'),
    'protocol': (LINE, 'protocol'),
    'linename': (LINE, 'name'),
    'linesecret': (LINE, 'secret'),
    'voicemailname': (VOICEMAIL, 'name'),
    'voicemailcontext': (VOICEMAIL, 'context'),
    'voicemailnumber': (VOICEMAIL, 'number'),
    'voicemailpassword': (VOICEMAIL, 'password'),
    'voicemailemail': (VOICEMAIL, 'email'),
    'voicemailattach': (VOICEMAIL, 'attach_audio'),
    'voicemaildelete': (VOICEMAIL, 'delete_messages'),
    'voicemailaskpassword': (VOICEMAIL, 'ask_password'),
    'incallexten': (INCALL, 'exten'),
    'incallcontext': (INCALL, 'context'),
    'incallringseconds': (INCALL, 'ringseconds'),
}
# Names of the files of 2013 - mid-2015 ([V15]).
OLD_NAMES = {
    'voicemailmailbox': (VOICEMAIL, 'number'),
    'voicemailskippass': (VOICEMAIL, 'skippass'),  # the opposite of ask_password
}
# Fields of userfeatures an export writes after the original's columns (the
# other stored ones: ids of agents and CTI profiles are written as
# agentnumber/profileclient, the caller id is the name's).
EXTRA = tuple(
    name
    for name in userfeatures_schema.fields
    if name not in {key for part, key in LEGACY.values() if part == USER}
    and name not in ('agentid', 'cti_profile_id', 'loginclient', 'passwdclient')
)

COLUMNS = {**{name: (USER, name) for name in userfeatures_schema.fields}, **LEGACY, **OLD_NAMES}
EXPORTED = tuple(name for name in LEGACY if name != 'callerid') + EXTRA

# Report paths of a refusal (the add document's) -> the column to name.
_REPORTED = {f'{part}.{key}': name for name, (part, key) in {**COLUMNS, **LEGACY}.items()}
_REPORTED.update(
    {
        'userfeatures.loginclient': 'username',
        'userfeatures.passwdclient': 'password',
        'userfeatures.bsfilter': 'bosssecretary',
        'voicemail.mailbox': 'voicemailnumber',
        'voicemail.fullname': 'voicemailname',
        'voicemail.attach': 'voicemailattach',
        'voicemail.deletevoicemail': 'voicemaildelete',
        'voicemail.skipcheckpass': 'voicemailaskpassword',
        'protocol.name': 'linename',
        'protocol.secret': 'linesecret',
        'protocol.context': 'context',
        'protocol.protocol': 'protocol',
        'linefeatures.secret': 'linesecret',
    }
)


_ALIASES = {
    'voicemail.mailbox': 'voicemail.number',
    'voicemail.fullname': 'voicemail.name',
    'voicemail.attach': 'voicemail.attach_audio',
    'voicemail.deletevoicemail': 'voicemail.delete_messages',
    'voicemail.skipcheckpass': 'voicemail.ask_password',
    'protocol.name': 'linefeatures.name',
    'protocol.secret': 'linefeatures.secret',
    'protocol.context': 'linefeatures.context',
    'protocol.protocol': 'linefeatures.protocol',
}


def reported(path: str, header: dict | None = None) -> str:
    """The column a refusal's field (an add document path) is about: as the
    file's `header` ({(part, key): name}) names it, else the original's name."""
    if header:
        part, _, key = _ALIASES.get(path, path).partition('.')
        if (part, key) in header:
            return header[(part, key)]
    return _REPORTED.get(path, path)


def _shown(name: str) -> str:
    """A name read from the file, printable: bytes that are not UTF-8 (read as
    lone surrogates) become U+FFFD."""
    return name.encode('utf-8', 'surrogateescape').decode('utf-8', 'replace')


def header(names: list[str]) -> list[tuple[str, str] | None]:
    """Where each column goes; FileRefused for an unknown or repeated field."""
    places, seen = [], {}
    for raw in names:
        name = raw.strip()
        if not name:
            places.append(None)  # an empty column (a trailing separator)
            continue
        place = COLUMNS.get(name)
        if place is None:
            raise FileRefused(f'unknown field in the header: {_shown(name[:64])}')
        if place in seen:
            raise FileRefused(f'the header names {seen[place]} twice ({name})')
        seen[place] = name
        places.append(place)
    if not seen:
        raise FileRefused('the header names no field')
    return places


class FileRefused(InvalidInput):
    """A file that cannot be read at all (its header)."""
