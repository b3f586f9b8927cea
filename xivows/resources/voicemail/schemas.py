"""Voicemail: the add/edit object of 2015 (`voicemail` keyed by column names), the
2015 xivo-confd form that users send ({name, number, context, ...}), and the
wire shapes: list and search items, the legacy view row and the confd object."""
from marshmallow import ValidationError, post_load

from xivows import wire
from xivows.errors import InvalidInput
from xivows.models.voicemail import Voicemail
from xivows.resources.entity.schemas import EMAIL
from xivows.resources.users.schemas import LANGUAGES
from xivows.schemas import LegacySchema, load, reason
from xivows.schemas.fields import Anything, ContextName, Flag, Integer, Text

DEFAULT_CONTEXT = 'default'  # xivo-ws sends no context
MAILBOX = r'[0-9#*]+'
CONTEXT_LIKE = r'[a-zA-Z0-9_-]*'
MAX_MESSAGES = 9999  # Asterisk's limit


class Switch(Flag):
    """A voicemail.conf yes/no option, stored as 1/0."""

    def _deserialize(self, value, attr, data, **kwargs):
        return int(super()._deserialize(value, attr, data, **kwargs))


class OptionalSwitch(Switch):
    """Like Switch, but "" means "not set" (NULL: voicemail.conf's default)."""

    def deserialize(self, value, attr=None, data=None, **kwargs):
        if isinstance(value, str) and not value.strip():
            return None
        return super().deserialize(value, attr, data, **kwargs)


class YesNo(Flag):
    """hidefromdir: stored as the words yes/no."""

    def _deserialize(self, value, attr, data, **kwargs):
        return wire.yes_no(super()._deserialize(value, attr, data, **kwargs))


def _optional_text(length, **kwargs):
    return Text(max_length=length, printable=True, load_default=None, **kwargs)


def _context_like():
    return _optional_text(39, pattern=CONTEXT_LIKE)


_NULLABLE = {field.name for field in Voicemail._meta.sorted_fields if field.null}


class VoicemailSchema(LegacySchema):
    context = ContextName(load_default=DEFAULT_CONTEXT)
    mailbox = Text(required=True, min_length=1, max_length=40, pattern=MAILBOX)
    fullname = Text(required=True, min_length=1, max_length=80, printable=True)
    password = Text(max_length=80, pattern=r'[0-9#*]*', load_default='')
    email = _optional_text(80, pattern=EMAIL)
    pager = _optional_text(80, pattern=EMAIL)
    dialout = _context_like()
    callback = _context_like()
    exitcontext = _context_like()
    language = Text(choices=LANGUAGES + ('',), load_default=None)
    locale = Text(choices=LANGUAGES + ('',), load_default=None)
    tz = _optional_text(80, pattern=r'[a-zA-Z0-9_.+/-]*')
    attach = OptionalSwitch(load_default=None)
    saycid = OptionalSwitch(load_default=None)
    review = OptionalSwitch(load_default=None)
    operator = OptionalSwitch(load_default=None)
    envelope = OptionalSwitch(load_default=None)
    sayduration = OptionalSwitch(load_default=None)
    saydurationm = Integer(minimum=0, maximum=1440, load_default=None)
    sendvoicemail = OptionalSwitch(load_default=None)
    deletevoicemail = Switch(load_default=0)
    forcename = OptionalSwitch(load_default=None)
    forcegreetings = OptionalSwitch(load_default=None)
    hidefromdir = YesNo(load_default='no')
    maxmsg = Integer(minimum=0, maximum=MAX_MESSAGES, load_default=None)
    emailsubject = _optional_text(1000)
    emailbody = _optional_text(10000, strip=False)
    imapuser = _optional_text(1024)
    imappassword = _optional_text(1024)
    imapfolder = _optional_text(1024)
    imapvmsharedid = _optional_text(1024)
    attachfmt = _optional_text(1024, pattern=r'[a-zA-Z0-9|]*')
    serveremail = _optional_text(1024, pattern=EMAIL)
    tempgreetwarn = OptionalSwitch(load_default=None)
    messagewrap = OptionalSwitch(load_default=None)
    moveheard = OptionalSwitch(load_default=None)
    minsecs = Integer(minimum=0, maximum=86400, load_default=None)
    maxsecs = Integer(minimum=0, maximum=86400, load_default=None)
    nextaftercmd = OptionalSwitch(load_default=None)
    backupdeleted = Integer(minimum=0, maximum=MAX_MESSAGES, load_default=None)
    volgain = _optional_text(16, pattern=r'-?[0-9]{1,3}(\.[0-9]{1,3})?')
    passwordlocation = Text(choices=('', 'voicemail', 'spooldir'), load_default=None)
    commented = Flag(load_default=False)
    skipcheckpass = Flag(load_default=False)

    @post_load
    def unset_is_null(self, data, **kwargs):
        # An empty optional text is stored as NULL, as the original's rows show.
        return {key: (None if value == '' and key in _NULLABLE else value)
                for key, value in data.items()}


voicemail_schema = VoicemailSchema()
COLUMNS = tuple(voicemail_schema.fields)


def stored_input(voicemail):
    """A stored voicemail in the add/edit format (base of an edit merge)."""
    return {name: getattr(voicemail, name) for name in COLUMNS}


# -- the 2015 confd form (users' `voicemail` key) -----------------------------------

# voicemail.conf options a confd `optionname` may name: every column but the
# identity and the keys the form has its own names for.
OPTION_COLUMNS = frozenset(COLUMNS) - {'context', 'mailbox', 'fullname', 'password', 'email',
                                       'pager', 'language', 'tz', 'commented', 'skipcheckpass'}


class ConfdVoicemailSchema(LegacySchema):
    fullname = Text(data_key='name')
    mailbox = Text(data_key='number')
    context = Text()
    password = Text()
    email = Text()
    pager = Text()
    language = Text()
    tz = Text(data_key='timezone')
    maxmsg = Anything(data_key='max_messages')
    attach = Anything(data_key='attach_audio')
    deletevoicemail = Anything(data_key='delete_messages')
    ask_password = Flag()
    enabled = Flag()
    optionname = Anything()
    optionvalue = Anything()


confd_schema = ConfdVoicemailSchema()


def _options(names, values):
    """Parallel arrays of voicemail.conf options -> {column: value}."""
    if names is None and values is None:
        return {}
    if isinstance(names, str) and isinstance(values, (str, int)):
        names, values = [names], [values]
    if not isinstance(names, list) or not isinstance(values, list) or len(names) != len(values):
        raise InvalidInput('voicemail.optionname: optionname and optionvalue must be lists '
                           'of the same length')
    options = {}
    for name, value in zip(names, values):
        if not isinstance(name, str):
            raise InvalidInput('voicemail.optionname: must be a list of strings')
        name = name.strip()
        if not name:
            continue  # the empty row a web form sends
        if name not in OPTION_COLUMNS:
            raise InvalidInput(f'voicemail.optionname: unknown voicemail option: {name[:40]}')
        options[name] = value
    return options


def confd_to_columns(document):
    """{name, number, context, password, email, pager, language, timezone,
    max_messages, attach_audio, delete_messages, ask_password, enabled,
    optionname/optionvalue} -> validated voicemail column values (only the keys
    given; None = back to the default)."""
    given = load(confd_schema, document, 'voicemail')
    columns = _options(given.pop('optionname', None), given.pop('optionvalue', None))
    if 'ask_password' in given:
        columns['skipcheckpass'] = not given.pop('ask_password')
    if 'enabled' in given:
        columns['commented'] = not given.pop('enabled')
    columns.update(given)
    try:
        return voicemail_schema.load(columns, partial=True)
    except ValidationError as error:
        raise InvalidInput(reason(error, 'voicemail')) from None


# -- wire shapes -----------------------------------------------------------------

_raw_row = wire.RowFormat(Voicemail)
_view_row = wire.RowFormat(Voicemail, ints=('uniqueid',), bools=('commented', 'skipcheckpass'))


def fullmailbox(voicemail):
    return f'{voicemail.mailbox}@{voicemail.context}'


def identity(voicemail):
    return f'{voicemail.fullname} ({fullmailbox(voicemail)})'


def list_item(voicemail, entity_displaynames):
    """The raw row (every value a string or null) and the context's entity."""
    item = _raw_row(voicemail)
    item['entity_displayname'] = entity_displaynames.get(voicemail.context, '')
    return item


def search_item(voicemail, entity_displaynames):
    item = list_item(voicemail, entity_displaynames)
    item['identity'] = identity(voicemail)
    item['commented'] = bool(voicemail.commented)
    return item


def legacy_view(voicemail):
    """The `voicemail` row of the legacy view (also the users' 2013 view)."""
    row = _view_row(voicemail)
    row['fullmailbox'] = fullmailbox(voicemail)
    row['identity'] = identity(voicemail)
    return row


def confd_view(voicemail):
    """The voicemail as xivo-confd showed it (users' 2015 view)."""
    return {
        'id': voicemail.uniqueid,
        'name': voicemail.fullname,
        'number': voicemail.mailbox,
        'context': voicemail.context,
        'password': voicemail.password,
        'email': voicemail.email,
        'pager': voicemail.pager,
        'language': voicemail.language,
        'timezone': voicemail.tz,
        'max_messages': voicemail.maxmsg,
        'attach_audio': bool(voicemail.attach),
        'delete_messages': bool(voicemail.deletevoicemail),
        'ask_password': not voicemail.skipcheckpass,
        'enabled': not voicemail.commented,
        'options': [],
        'links': [],
    }
