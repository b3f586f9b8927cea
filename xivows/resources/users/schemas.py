"""Users: the rules of a user's own fields (`userfeatures`)."""

from marshmallow import pre_load

from xivows.constants import LANGUAGES, MAX_ID
from xivows.schemas import LegacySchema
from xivows.schemas.fields import ContextName, Flag, Integer, Text

__all__ = (
    'LANGUAGES',
    'STORED_INPUT',
    'UserFeaturesSchema',
    'callerid',
    'fullname',
    'userfeatures_schema',
)


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
STORED_INPUT = tuple(
    name for name in userfeatures_schema.fields if name not in ('profileclient', 'agentnumber')
)


def fullname(firstname, lastname):
    return f'{firstname or ""} {lastname or ""}'.strip() or '-'


def callerid(firstname, lastname):
    return '"%s"' % fullname(firstname, lastname).replace('"', '')
