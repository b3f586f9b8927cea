from peewee import AutoField, BooleanField, CharField, IntegerField, TextField

from xivows.models.base import BaseModel


def _text(length=80):
    return CharField(max_length=length, null=True)


class LineFeatures(BaseModel):
    id = AutoField()
    protocol = CharField(max_length=16)  # sip, sccp, custom
    protocolid = IntegerField()
    device = CharField(max_length=32, default='', index=True)
    configregistrar = CharField(max_length=128, default='default')
    name = CharField(max_length=128, index=True)
    number = CharField(max_length=40, default='', index=True)
    context = CharField(max_length=39)
    provisioningid = IntegerField(default=0, index=True)  # migration 0071
    num = IntegerField(default=1)
    ipfrom = CharField(max_length=64, default='')
    commented = BooleanField(default=False)
    encryption = BooleanField(default=False)
    description = TextField(default='')

    class Meta:
        table_name = 'linefeatures'
        indexes = ((('protocol', 'protocolid'), True),)


class UserLine(BaseModel):
    """Association of a user and a line (a line belongs to at most one user)."""

    id = AutoField()
    user_id = IntegerField(index=True)
    line_id = IntegerField(unique=True)
    extension_id = IntegerField(null=True)
    main_user = BooleanField(default=True)
    main_line = BooleanField(default=True)

    class Meta:
        table_name = 'user_line'


class UserSIP(BaseModel):
    """SIP peers: lines (category 'user') and trunks (category 'trunk')."""

    id = AutoField()
    name = CharField(max_length=40, unique=True)
    type = CharField(max_length=8, default='friend')
    username = _text()
    secret = CharField(max_length=80, default='')
    md5secret = CharField(max_length=32, default='')
    context = _text(39)
    language = _text(20)
    accountcode = _text(20)
    amaflags = CharField(max_length=16, default='default')
    allowtransfer = _text(8)
    fromuser = _text()
    fromdomain = _text(255)
    mailbox = _text()
    subscribemwi = IntegerField(default=0)
    buggymwi = _text(8)
    call_limit = IntegerField(default=0, column_name='call-limit')
    callerid = _text(160)
    fullname = _text()
    cid_number = _text()
    maxcallbitrate = _text(16)
    insecure = _text(16)
    nat = _text(16)
    promiscredir = _text(8)
    usereqphone = _text(8)
    videosupport = _text(8)
    trustrpid = _text(8)
    sendrpid = _text(16)
    allowsubscribe = _text(8)
    allowoverlap = _text(8)
    dtmfmode = _text(16)
    rfc2833compensate = _text(8)
    qualify = _text(8)
    g726nonstandard = _text(8)
    disallow = _text(100)
    allow = TextField(null=True)
    autoframing = _text(8)
    mohinterpret = _text()
    mohsuggest = _text()
    useclientcode = _text(8)
    progressinband = _text(8)
    t38pt_udptl = _text(8)
    t38pt_usertpsource = _text(8)
    rtptimeout = _text(16)
    rtpholdtimeout = _text(16)
    rtpkeepalive = _text(16)
    deny = _text(31)
    permit = _text(31)
    defaultip = _text(255)
    setvar = CharField(max_length=100, default='')
    host = CharField(max_length=255, default='dynamic')
    port = _text(16)
    regexten = _text()
    subscribecontext = _text()
    fullcontact = _text(255)
    vmexten = _text(40)
    callingpres = _text(16)
    ipaddr = CharField(max_length=255, default='')
    regseconds = IntegerField(default=0)
    regserver = _text(20)
    lastms = CharField(max_length=15, default='')
    parkinglot = _text(16)
    protocol = CharField(max_length=8, default='sip')
    category = CharField(max_length=8, default='user', index=True)
    outboundproxy = _text(1024)
    transport = _text(255)
    remotesecret = _text(255)
    directmedia = _text(16)
    callcounter = _text(8)
    busylevel = _text(16)
    ignoresdpversion = _text(8)
    session_timers = CharField(max_length=16, null=True, column_name='session-timers')
    session_expires = CharField(max_length=16, null=True, column_name='session-expires')
    session_minse = CharField(max_length=16, null=True, column_name='session-minse')
    session_refresher = CharField(max_length=16, null=True, column_name='session-refresher')
    callbackextension = _text(255)
    registertrying = _text(8)
    timert1 = _text(16)
    timerb = _text(16)
    qualifyfreq = _text(16)
    contactpermit = _text(1024)
    contactdeny = _text(1024)
    unsolicited_mailbox = _text(1024)
    use_q850_reason = _text(8)
    encryption = _text(8)
    snom_aoc_enabled = _text(8)
    maxforwards = _text(16)
    disallowed_methods = _text(1024)
    textsupport = _text(8)
    commented = BooleanField(default=False)

    class Meta:
        table_name = 'usersip'


class SCCPLine(BaseModel):
    id = AutoField()
    name = CharField(max_length=80, unique=True)
    context = CharField(max_length=39)
    cid_name = CharField(max_length=80, default='')
    cid_num = CharField(max_length=80, default='')
    disallow = _text(100)
    allow = TextField(null=True)
    protocol = CharField(max_length=8, default='sccp')
    commented = BooleanField(default=False)

    class Meta:
        table_name = 'sccpline'


class UserCustom(BaseModel):
    """Custom interfaces: lines (category 'user') and trunks (category 'trunk')."""

    id = AutoField()
    name = CharField(max_length=40, null=True, index=True)
    context = _text(39)
    interface = CharField(max_length=128)
    intfsuffix = CharField(max_length=32, default='')
    commented = BooleanField(default=False)
    protocol = CharField(max_length=8, default='custom')
    category = CharField(max_length=8, default='user', index=True)

    class Meta:
        table_name = 'usercustom'
