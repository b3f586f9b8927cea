"""Conference rooms: the Asterisk room (`staticmeetme`, a meetme.conf line
`conf => <confno>,<pin>,<pinadmin>`), its options (`meetmefeatures`) and the
guests invited to it (`meetmeguest`)."""

from peewee import AutoField, BooleanField, CharField, IntegerField, TextField

from xivows.models.base import BaseModel


def _choice(length, default):
    return CharField(max_length=length, default=default)


class StaticMeetme(BaseModel):
    id = AutoField()
    cat_metric = IntegerField(default=0)
    var_metric = IntegerField(default=0)
    commented = BooleanField(default=False)
    filename = CharField(max_length=128, default='meetme.conf')
    category = CharField(max_length=128, default='rooms')
    var_name = CharField(max_length=128, default='conf')
    var_val = CharField(max_length=128, null=True)

    class Meta:
        table_name = 'staticmeetme'


class MeetmeFeatures(BaseModel):
    id = AutoField()
    meetmeid = IntegerField(unique=True)  # the StaticMeetme room
    name = CharField(max_length=80, unique=True)
    confno = CharField(max_length=40)
    context = CharField(max_length=39)
    admin_typefrom = _choice(9, 'none')
    admin_internalid = IntegerField(null=True)
    admin_externalid = CharField(max_length=40, null=True)
    admin_identification = _choice(11, 'pin')
    admin_mode = _choice(6, 'all')
    admin_announceusercount = BooleanField(default=False)
    admin_announcejoinleave = _choice(8, 'no')
    admin_moderationmode = BooleanField(default=False)
    admin_initiallymuted = BooleanField(default=False)
    admin_musiconhold = CharField(max_length=128, null=True)
    admin_poundexit = BooleanField(default=False)
    admin_quiet = BooleanField(default=False)
    admin_starmenu = BooleanField(default=False)
    admin_closeconflastmarkedexit = BooleanField(default=False)
    admin_enableexitcontext = BooleanField(default=False)
    admin_exitcontext = CharField(max_length=39, null=True)
    user_mode = _choice(6, 'all')
    user_announceusercount = BooleanField(default=False)
    user_hiddencalls = BooleanField(default=False)
    user_announcejoinleave = _choice(8, 'no')
    user_initiallymuted = BooleanField(default=False)
    user_musiconhold = CharField(max_length=128, null=True)
    user_poundexit = BooleanField(default=False)
    user_quiet = BooleanField(default=False)
    user_starmenu = BooleanField(default=False)
    user_enableexitcontext = BooleanField(default=False)
    user_exitcontext = CharField(max_length=39, null=True)
    talkeroptimization = BooleanField(default=True)
    record = BooleanField(default=False)
    talkerdetection = BooleanField(default=True)
    noplaymsgfirstenter = BooleanField(default=False)
    durationm = IntegerField(null=True)
    closeconfdurationexceeded = BooleanField(default=False)
    nbuserstartdeductduration = IntegerField(null=True)
    timeannounceclose = IntegerField(null=True)
    maxusers = IntegerField(default=0)
    startdate = IntegerField(null=True)
    emailfrom = CharField(max_length=255, null=True)
    emailfromname = CharField(max_length=255, null=True)
    emailsubject = CharField(max_length=255, null=True)
    emailbody = TextField(null=True)
    preprocess_subroutine = CharField(max_length=39, null=True)
    description = TextField(default='')
    commented = BooleanField(default=False)

    class Meta:
        table_name = 'meetmefeatures'


class MeetmeGuest(BaseModel):
    id = AutoField()
    meetmefeaturesid = IntegerField(index=True)
    fullname = CharField(max_length=255)
    telephonenumber = CharField(max_length=40, null=True)
    email = CharField(max_length=320, null=True)

    class Meta:
        table_name = 'meetmeguest'
