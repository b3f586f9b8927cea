"""The legacy wire shapes of voicemails: list and search items, the legacy view
row, and the 2015 xivo-confd form users send and show ({name, number,
context, ...}) both ways."""

from marshmallow import ValidationError

from xivows import wire
from xivows.errors import InvalidInput
from xivows.models.voicemail import Voicemail
from xivows.resources.voicemail.schemas import COLUMNS, fullmailbox, voicemail_schema
from xivows.schemas import LegacySchema, load, reason
from xivows.schemas.fields import Anything, Flag, Text

# -- the 2015 confd form (users' `voicemail` key) ---------------------------------

# voicemail.conf options a confd `optionname` may name: every column but the
# identity and the keys the form has its own names for.
OPTION_COLUMNS = frozenset(COLUMNS) - {
    'context',
    'mailbox',
    'fullname',
    'password',
    'email',
    'pager',
    'language',
    'tz',
    'commented',
    'skipcheckpass',
}


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
        raise InvalidInput(
            'voicemail.optionname: optionname and optionvalue must be lists of the same length'
        )
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
