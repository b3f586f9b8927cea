"""Trunks: a trunkfeatures row names the protocol row of the trunk (a SIP peer in
usersip, an IAX peer in useriax, a custom interface in usercustom, each with
category 'trunk') and its optional register line."""

from peewee import AutoField, BooleanField, CharField, IntegerField, TextField

from xivows.models.base import BaseModel


def _text(length=80):
    return CharField(max_length=length, null=True)


class TrunkFeatures(BaseModel):
    id = AutoField()
    protocol = CharField(max_length=16)  # sip, iax, custom
    protocolid = IntegerField()
    registerid = IntegerField(default=0)
    registercommented = BooleanField(default=False)
    description = TextField(default='')

    class Meta:
        table_name = 'trunkfeatures'
        indexes = ((('protocol', 'protocolid'), True),)


class TrunkRegister(BaseModel):
    """A registration of a SIP or IAX trunk to its provider (the original kept it
    as one `register =>` line; its parts are columns here)."""

    id = AutoField()
    protocol = CharField(max_length=8)
    transport = CharField(max_length=16, default='')
    username = CharField(max_length=80, default='')
    password = CharField(max_length=80, default='')
    authuser = CharField(max_length=80, default='')
    host = CharField(max_length=255, default='')
    port = CharField(max_length=16, default='')
    contact = CharField(max_length=80, default='')
    expiry = CharField(max_length=16, default='')
    commented = BooleanField(default=False)

    class Meta:
        table_name = 'trunkregister'


class UserIAX(BaseModel):
    """IAX peers (the trunks of the IAX protocol)."""

    id = AutoField()
    name = CharField(max_length=40, unique=True)
    type = CharField(max_length=8, default='peer')
    username = _text()
    secret = CharField(max_length=80, default='')
    dbsecret = CharField(max_length=255, default='')
    context = _text(39)
    language = _text(20)
    accountcode = _text(20)
    amaflags = CharField(max_length=16, default='default', null=True)
    mailbox = _text()
    callerid = _text(160)
    fullname = _text()
    cid_number = _text()
    trunk = IntegerField(default=0)
    auth = CharField(max_length=32, default='plaintext,md5')
    encryption = _text(8)
    forceencryption = _text(8)
    maxauthreq = IntegerField(null=True)
    inkeys = _text()
    outkey = _text()
    adsi = IntegerField(null=True)
    transfer = _text(16)
    codecpriority = _text(16)
    jitterbuffer = IntegerField(null=True)
    forcejitterbuffer = IntegerField(null=True)
    sendani = IntegerField(default=0)
    qualify = CharField(max_length=4, default='no')
    qualifysmoothing = IntegerField(default=0)
    qualifyfreqok = IntegerField(default=60000)
    qualifyfreqnotok = IntegerField(default=10000)
    timezone = _text()
    disallow = _text(100)
    allow = TextField(null=True)
    mohinterpret = _text()
    mohsuggest = _text()
    deny = _text(31)
    permit = _text(31)
    defaultip = _text(255)
    sourceaddress = _text(255)
    setvar = CharField(max_length=100, default='')
    host = CharField(max_length=255, default='dynamic')
    port = IntegerField(null=True)
    mask = _text(15)
    regexten = _text()
    peercontext = _text()
    ipaddr = CharField(max_length=255, default='')
    regseconds = IntegerField(default=0)
    immediate = IntegerField(null=True)
    keyrotate = IntegerField(null=True)
    parkinglot = IntegerField(null=True)
    protocol = CharField(max_length=8, default='iax')
    category = CharField(max_length=8, default='trunk', index=True)
    commented = BooleanField(default=False)
    requirecalltoken = CharField(max_length=4, default='no')

    class Meta:
        table_name = 'useriax'
