from peewee import AutoField, BooleanField, CharField, IntegerField, TextField

from xivows.models.base import BaseModel


class UserFeatures(BaseModel):
    id = AutoField()
    uuid = CharField(max_length=38, unique=True)
    firstname = CharField(max_length=128, default='')
    lastname = CharField(max_length=128, default='')
    voicemailtype = CharField(max_length=16, null=True)
    voicemailid = IntegerField(null=True, index=True)
    agentid = IntegerField(null=True, index=True)
    pictureid = IntegerField(null=True)
    entityid = IntegerField(default=1, index=True)
    callerid = CharField(max_length=160, default='')
    ringseconds = IntegerField(default=30)
    simultcalls = IntegerField(default=5)
    enableclient = BooleanField(default=False)
    loginclient = CharField(max_length=64, default='')
    passwdclient = CharField(max_length=64, default='')
    cti_profile_id = IntegerField(null=True)
    enablehint = BooleanField(default=True)
    enablevoicemail = BooleanField(default=False)
    enablexfer = BooleanField(default=True)
    enableonlinerec = BooleanField(default=False)
    callrecord = BooleanField(default=False)
    incallfilter = BooleanField(default=False)
    enablednd = BooleanField(default=False)
    enableunc = BooleanField(default=False)
    destunc = CharField(max_length=128, default='')
    enablerna = BooleanField(default=False)
    destrna = CharField(max_length=128, default='')
    enablebusy = BooleanField(default=False)
    destbusy = CharField(max_length=128, default='')
    musiconhold = CharField(max_length=128, default='')
    outcallerid = CharField(max_length=80, default='default')
    mobilephonenumber = CharField(max_length=128, default='')
    userfield = CharField(max_length=128, default='')
    bsfilter = CharField(max_length=16, default='no')
    preprocess_subroutine = CharField(max_length=39, null=True)
    timezone = CharField(max_length=128, null=True)
    language = CharField(max_length=20, null=True)
    ringintern = CharField(max_length=64, null=True)
    ringextern = CharField(max_length=64, null=True)
    ringgroup = CharField(max_length=64, null=True)
    ringforward = CharField(max_length=64, null=True)
    rightcallcode = CharField(max_length=16, null=True)
    commented = BooleanField(default=False)
    description = TextField(default='')
    func_key_template_id = IntegerField(null=True)
    func_key_private_template_id = IntegerField(default=0)

    class Meta:
        table_name = 'userfeatures'


class PhoneFunckey(BaseModel):
    """Legacy function keys of a user (one row per key)."""

    id = AutoField()
    iduserfeatures = IntegerField(index=True)
    fknum = IntegerField()
    exten = CharField(max_length=40, null=True)
    typeextenumbers = CharField(max_length=64, null=True)
    typevalextenumbers = CharField(max_length=255, null=True)
    typeextenumbersright = CharField(max_length=64, null=True)
    typevalextenumbersright = CharField(max_length=255, null=True)
    label = CharField(max_length=32, null=True)
    supervision = BooleanField(default=False)
    progfunckey = BooleanField(default=False)

    class Meta:
        table_name = 'phonefunckey'
        indexes = ((('iduserfeatures', 'fknum'), True),)
