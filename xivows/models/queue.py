"""Groups and queues share the `queue` table (by category) and `queuemember`."""

from peewee import AutoField, BooleanField, CharField, FloatField, IntegerField, TextField

from xivows.models.base import BaseModel


def _opt(length=128):
    return CharField(max_length=length, null=True)


class Queue(BaseModel):
    name = CharField(max_length=128, primary_key=True)
    musicclass = _opt()
    announce = _opt()
    context = _opt(39)
    timeout = IntegerField(null=True, default=0)
    monitor_type = CharField(max_length=16, null=True, column_name='monitor-type')
    monitor_format = CharField(max_length=128, null=True, column_name='monitor-format')
    queue_youarenext = CharField(max_length=128, null=True, column_name='queue-youarenext')
    queue_thereare = CharField(max_length=128, null=True, column_name='queue-thereare')
    queue_callswaiting = CharField(max_length=128, null=True, column_name='queue-callswaiting')
    queue_holdtime = CharField(max_length=128, null=True, column_name='queue-holdtime')
    queue_minutes = CharField(max_length=128, null=True, column_name='queue-minutes')
    queue_seconds = CharField(max_length=128, null=True, column_name='queue-seconds')
    queue_thankyou = CharField(max_length=128, null=True, column_name='queue-thankyou')
    queue_reporthold = CharField(max_length=128, null=True, column_name='queue-reporthold')
    periodic_announce = TextField(null=True, column_name='periodic-announce')
    announce_frequency = IntegerField(null=True, column_name='announce-frequency')
    periodic_announce_frequency = IntegerField(
        null=True, column_name='periodic-announce-frequency'
    )
    announce_round_seconds = IntegerField(null=True, column_name='announce-round-seconds')
    announce_holdtime = CharField(max_length=4, null=True, column_name='announce-holdtime')
    retry = IntegerField(null=True)
    wrapuptime = IntegerField(null=True)
    maxlen = IntegerField(null=True)
    servicelevel = IntegerField(null=True)
    strategy = CharField(max_length=11, null=True)
    joinempty = CharField(max_length=255, null=True)
    leavewhenempty = CharField(max_length=255, null=True)
    ringinuse = BooleanField(default=False)
    reportholdtime = BooleanField(default=False)
    memberdelay = IntegerField(null=True)
    weight = IntegerField(null=True)
    timeoutrestart = BooleanField(default=False)
    commented = BooleanField(default=False)
    category = CharField(max_length=8, index=True)  # group or queue
    timeoutpriority = CharField(max_length=10, default='app')
    autofill = BooleanField(default=True)
    autopause = CharField(max_length=3, default='no')
    setinterfacevar = BooleanField(default=False)
    setqueueentryvar = BooleanField(default=False)
    setqueuevar = BooleanField(default=False)
    membermacro = CharField(max_length=1024, null=True)
    min_announce_frequency = IntegerField(default=60, column_name='min-announce-frequency')
    random_periodic_announce = BooleanField(default=False, column_name='random-periodic-announce')
    announce_position = CharField(max_length=1024, default='yes', column_name='announce-position')
    announce_position_limit = IntegerField(default=5, column_name='announce-position-limit')
    defaultrule = CharField(max_length=1024, null=True)

    class Meta:
        table_name = 'queue'


class QueueMember(BaseModel):
    id = AutoField()
    queue_name = CharField(max_length=128)
    interface = CharField(max_length=128)
    penalty = IntegerField(default=0)
    commented = BooleanField(default=False)
    usertype = CharField(max_length=8)  # agent or user
    userid = IntegerField()
    channel = CharField(max_length=25)
    category = CharField(max_length=8)  # group or queue
    position = IntegerField(default=0)

    class Meta:
        table_name = 'queuemember'
        indexes = (
            (('queue_name', 'interface'), True),
            (('usertype', 'userid'), False),
        )


class GroupFeatures(BaseModel):
    id = AutoField()
    name = CharField(max_length=128, unique=True)
    number = CharField(max_length=40, default='')
    context = CharField(max_length=39)
    transfer_user = BooleanField(default=False)
    transfer_call = BooleanField(default=False)
    write_caller = BooleanField(default=False)
    write_calling = BooleanField(default=False)
    timeout = IntegerField(default=0)
    preprocess_subroutine = CharField(max_length=39, null=True)
    deleted = BooleanField(default=False)

    class Meta:
        table_name = 'groupfeatures'


class QueueFeatures(BaseModel):
    id = AutoField()
    name = CharField(max_length=128, unique=True)
    displayname = CharField(max_length=128)
    number = CharField(max_length=40, default='')
    context = CharField(max_length=39, null=True)
    data_quality = BooleanField(default=False)
    hitting_callee = BooleanField(default=False)
    hitting_caller = BooleanField(default=False)
    retries = BooleanField(default=False)
    ring = BooleanField(default=False)
    transfer_user = BooleanField(default=False)
    transfer_call = BooleanField(default=False)
    write_caller = BooleanField(default=False)
    write_calling = BooleanField(default=False)
    url = CharField(max_length=255, default='')
    announceoverride = CharField(max_length=128, default='')
    timeout = IntegerField(null=True)
    preprocess_subroutine = CharField(max_length=39, null=True)
    announce_holdtime = BooleanField(default=False)
    waittime = IntegerField(null=True)
    waitratio = FloatField(null=True)

    class Meta:
        table_name = 'queuefeatures'
