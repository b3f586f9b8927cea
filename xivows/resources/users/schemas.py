"""Users: the `userfeatures` input, the column-array `linefeatures` input, and
the wire shape of list items (the view's `userfeatures` is the same row)."""
from marshmallow import pre_load

from xivows import wire
from xivows.errors import InvalidInput
from xivows.models.user import UserFeatures
from xivows.schemas import LegacySchema
from xivows.schemas.fields import ContextName, Flag, Integer, Text

LANGUAGES = ('de_DE', 'en_US', 'es_ES', 'fr_FR', 'fr_CA', 'it_IT', 'nl_NL')
MAX_ID = 2 ** 31 - 1


class UserFeaturesSchema(LegacySchema):
    firstname = Text(required=True, min_length=1, max_length=128, printable=True)
    lastname = Text(max_length=128, printable=True, load_default='')
    entityid = Integer(minimum=1, maximum=MAX_ID, load_default=1)
    language = Text(choices=LANGUAGES + ('',), load_default='')
    enableclient = Flag(load_default=False)
    loginclient = Text(max_length=64, pattern=r'[a-zA-Z0-9._@-]*', lower=True, load_default='')
    passwdclient = Text(max_length=64, printable=True, load_default='')
    profileclient = Text(max_length=255, printable=True)
    cti_profile_id = Integer(minimum=0, maximum=MAX_ID)
    enablehint = Flag(load_default=True)
    enablexfer = Flag(load_default=True)
    enablevoicemail = Flag(load_default=False)
    enableonlinerec = Flag(load_default=False)
    callrecord = Flag(load_default=False)
    incallfilter = Flag(load_default=False)
    enablednd = Flag(load_default=False)
    enablerna = Flag(load_default=False)
    enablebusy = Flag(load_default=False)
    enableunc = Flag(load_default=False)
    destrna = Text(max_length=128, printable=True, load_default='')
    destbusy = Text(max_length=128, printable=True, load_default='')
    destunc = Text(max_length=128, printable=True, load_default='')
    musiconhold = Text(max_length=128, printable=True, load_default='')
    agentid = Integer(minimum=0, maximum=MAX_ID)
    agentnumber = Text(max_length=40, pattern=r'[0-9*#]*')
    bsfilter = Text(choices=('no', 'boss', 'secretary'), load_default='no')
    mobilephonenumber = Text(max_length=128, pattern=r'\+?[0-9*#]*', load_default='')
    ringseconds = Integer(minimum=0, maximum=60, step=5, load_default=30)
    simultcalls = Integer(minimum=1, maximum=20, load_default=5)
    outcallerid = Text(max_length=80, printable=True, load_default='default')
    userfield = Text(max_length=128, printable=True, load_default='')
    timezone = Text(max_length=128, printable=True)
    description = Text(max_length=1000, strip=False, load_default='')
    preprocess_subroutine = ContextName()
    ringintern = Text(max_length=64, printable=True)
    ringextern = Text(max_length=64, printable=True)
    ringgroup = Text(max_length=64, printable=True)
    ringforward = Text(max_length=64, printable=True)
    rightcallcode = Text(max_length=16, pattern=r'[0-9]*')
    commented = Flag(load_default=False)

    @pre_load
    def legacy_spellings(self, data, **kwargs):
        if not isinstance(data, dict):
            return data
        data = dict(data)
        # enableonlinerec was called enableautomon before 2015-09
        if 'enableonlinerec' not in data and 'enableautomon' in data:
            data['enableonlinerec'] = data['enableautomon']
        # an empty enablexfer means "default" (enabled)
        if data.get('enablexfer') == '':
            data['enablexfer'] = True
        return data


userfeatures_schema = UserFeaturesSchema()

# Stored columns that are given back as input when an edit merges.
STORED_INPUT = tuple(name for name in userfeatures_schema.fields
                     if name not in ('profileclient', 'agentnumber'))

LINE_KEYS = ('id', 'protocol', 'context', 'number', 'name', 'secret', 'device', 'num',
             'configregistrar', 'description', 'callerid', 'interface')


def first_line_row(linefeatures):
    """Column arrays -> the first row (a user has at most one line): {key: value}.
    A scalar is taken as a one-element column; an empty object means no line."""
    if isinstance(linefeatures, list) and not linefeatures:
        return {}
    if not isinstance(linefeatures, dict):
        raise InvalidInput('linefeatures: must be an object of column arrays')
    row = {}
    for key, column in linefeatures.items():
        if key not in LINE_KEYS:
            continue
        if isinstance(column, list):
            if column:
                row[key] = column[0]
        else:
            row[key] = column
    return row


# -- wire shape -----------------------------------------------------------------

_ROW = wire.RowFormat(
    UserFeatures,
    ints=('id', 'entityid', 'func_key_template_id', 'func_key_private_template_id'),
    bools=('enableclient', 'enablehint', 'enablevoicemail', 'enablexfer', 'enableonlinerec',
           'callrecord', 'incallfilter', 'enablednd', 'enablerna', 'enablebusy', 'enableunc',
           'commented'),
    converters={'cti_profile_id': lambda value: value or 0})


def fullname(firstname, lastname):
    return f'{firstname or ""} {lastname or ""}'.strip() or '-'


def user_item(user):
    """List/search item and the view's `userfeatures`."""
    item = _ROW(user)
    item['enableautomon'] = item['enableonlinerec']  # the pre-2015 name
    item['fullname'] = item['identity'] = fullname(item['firstname'], item['lastname'])
    return item


def callerid(firstname, lastname):
    return '"%s"' % fullname(firstname, lastname).replace('"', '')
