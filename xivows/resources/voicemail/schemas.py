"""Voicemail: the rules of a box's fields (keyed by column name)."""

from marshmallow import post_load

from xivows import wire
from xivows.constants import LANGUAGES
from xivows.models.voicemail import Voicemail
from xivows.resources.entity.schemas import EMAIL
from xivows.schemas import LegacySchema
from xivows.schemas.fields import ContextName, Flag, Integer, Text

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
        # An empty optional text is stored as NULL, as the original's rows show
        # (only text fields load to ''); a partial load's few keys alone are read.
        for key in [key for key, value in data.items() if value == '' and key in _EMPTY_IS_NULL]:
            data[key] = None
        return data


_EMPTY_IS_NULL = frozenset(
    name
    for name, field in VoicemailSchema._declared_fields.items()
    if name in _NULLABLE and isinstance(field, Text)
)
voicemail_schema = VoicemailSchema()
COLUMNS = tuple(voicemail_schema.fields)


def stored_input(voicemail):
    """A stored voicemail in the add/edit format (base of an edit merge)."""
    return {name: getattr(voicemail, name) for name in COLUMNS}


def fullmailbox(voicemail):
    return f'{voicemail.mailbox}@{voicemail.context}'
