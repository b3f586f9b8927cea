"""Conference rooms: the rules of a room (number and pins), of its options and
of its guests."""

from marshmallow import ValidationError, post_load, validates_schema

from xivows.constants import MAX_INT
from xivows.resources.entity.schemas import EMAIL
from xivows.schemas import LegacySchema
from xivows.schemas.fields import ContextName, Flag, Integer, Text

MAX_SMALLINT = 2**15 - 1
NUMBER = r'[0-9*#]+'
TYPEFROM = ('none', 'internal', 'external', 'undefined')
IDENTIFICATIONS = ('calleridnum', 'pin', 'all')
MODES = ('listen', 'talk', 'all')
ANNOUNCEJOINLEAVE = ('no', 'yes', 'noreview')
# What a room gets when the add does not say (the values a 2015 server stored).
EMAILFROM = 'no-reply+meetme@wazo.community'
EMAILFROMNAME = 'XIVO PBX'
EMAILSUBJECT = '[XiVO] Invitation to join a conference room'
EMAILBODY = (
    'Hello %{FULLNAME}$s,\n'
    'You have been invited to join %{CONFNAME}$s conference room.\n\n'
    '* Date : %{CONFDATE}$s\n'
    '* Duration : %{CONFDURATION}$s minutes\n'
    '* Room number : %{CONFNUMBER}$s\n'
    '* PIN : %{CONFPIN}$s\n\n'
    'Thanks.\n\n'
    '-- XiVO Conference Room --'
)
NULLABLE_FEATURES = (
    'admin_externalid',
    'admin_musiconhold',
    'admin_exitcontext',
    'user_musiconhold',
    'user_exitcontext',
    'preprocess_subroutine',
)


def _nulls(data, keys):
    """Optional texts left empty are stored as NULL."""
    for key in keys:
        data[key] = data[key] or None
    return data


class RoomSchema(LegacySchema):
    confno = Text(required=True, min_length=1, max_length=40, pattern=NUMBER)
    pin = Text(max_length=40, pattern=r'[0-9]+', load_default='')
    pinadmin = Text(max_length=40, pattern=r'[0-9]+', load_default='')
    commented = Flag(load_default=False)


def _flag(default=False):
    return Flag(load_default=default)


def _moh():
    return Text(max_length=128, printable=True, load_default=None)


class FeaturesSchema(LegacySchema):
    name = Text(required=True, min_length=1, max_length=80, pattern=r'[a-zA-Z0-9_.-]+')
    confno = Text(required=True, min_length=1, max_length=40, pattern=NUMBER)
    context = ContextName(required=True)
    admin_typefrom = Text(required=True, min_length=1, choices=TYPEFROM)
    admin_internalid = Integer(minimum=1, maximum=MAX_INT, load_default=None)
    admin_externalid = Text(max_length=40, pattern=NUMBER, load_default=None)
    admin_identification = Text(choices=IDENTIFICATIONS, load_default='pin')
    admin_mode = Text(choices=MODES, load_default='all')
    admin_announceusercount = _flag()
    admin_announcejoinleave = Text(choices=ANNOUNCEJOINLEAVE, load_default='no')
    admin_moderationmode = _flag()
    admin_initiallymuted = _flag()
    admin_musiconhold = _moh()
    admin_poundexit = _flag()
    admin_quiet = _flag()
    admin_starmenu = _flag()
    admin_closeconflastmarkedexit = _flag()
    admin_enableexitcontext = _flag()
    admin_exitcontext = ContextName(load_default=None)
    user_mode = Text(choices=MODES, load_default='all')
    user_announceusercount = _flag()
    user_hiddencalls = _flag()
    user_announcejoinleave = Text(choices=ANNOUNCEJOINLEAVE, load_default='no')
    user_initiallymuted = _flag()
    user_musiconhold = _moh()
    user_poundexit = _flag()
    user_quiet = _flag()
    user_starmenu = _flag()
    user_enableexitcontext = _flag()
    user_exitcontext = ContextName(load_default=None)
    talkeroptimization = _flag(True)
    record = _flag()
    talkerdetection = _flag(True)
    noplaymsgfirstenter = _flag()
    durationm = Integer(minimum=0, maximum=MAX_SMALLINT, load_default=None)
    closeconfdurationexceeded = _flag()
    nbuserstartdeductduration = Integer(minimum=0, maximum=MAX_SMALLINT, load_default=None)
    timeannounceclose = Integer(minimum=0, maximum=MAX_SMALLINT, load_default=None)
    maxusers = Integer(minimum=0, maximum=99, load_default=0)
    startdate = Integer(minimum=0, maximum=MAX_INT, load_default=None)
    emailfrom = Text(max_length=255, pattern=EMAIL, load_default=EMAILFROM)
    emailfromname = Text(max_length=255, printable=True, load_default=EMAILFROMNAME)
    emailsubject = Text(max_length=255, printable=True, load_default=EMAILSUBJECT)
    emailbody = Text(max_length=10000, printable=True, strip=False, load_default=EMAILBODY)
    preprocess_subroutine = ContextName(load_default=None)
    description = Text(max_length=1000, printable=True, strip=False, load_default='')

    @validates_schema
    def _admin(self, data, **kwargs):
        if data['admin_typefrom'] == 'internal' and not data.get('admin_internalid'):
            raise ValidationError(
                'is required when admin_typefrom is internal', 'admin_internalid'
            )
        if data['admin_typefrom'] == 'external' and not data.get('admin_externalid'):
            raise ValidationError(
                'is required when admin_typefrom is external', 'admin_externalid'
            )

    @post_load
    def _empty_is_null(self, data, **kwargs):
        return _nulls(data, NULLABLE_FEATURES)


class GuestSchema(LegacySchema):
    fullname = Text(required=True, min_length=1, max_length=255, printable=True)
    telephonenumber = Text(max_length=40, pattern=r'\+?[0-9*#]+', load_default=None)
    email = Text(max_length=320, pattern=EMAIL, load_default=None)
    sendemail = Flag(load_default=False)  # invitations are not sent: accepted, ignored

    @post_load
    def _empty_is_null(self, data, **kwargs):
        return _nulls(data, ('telephonenumber', 'email'))


room_schema = RoomSchema()
features_schema = FeaturesSchema()
guest_schema = GuestSchema()


def room_definition(confno, pin, pinadmin):
    """meetme.conf's `conf => confno,pin,pinadmin` value, without empty trailing parts."""
    return ','.join((confno, pin or '', pinadmin or '')).rstrip(',')


def parse_definition(var_val):
    """(confno, pin, pinadmin) of a room definition."""
    parts = (var_val or '').split(',') + ['', '']
    return parts[0], parts[1], parts[2]
