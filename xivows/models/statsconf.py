"""Call-center statistics configurations and what they cover."""

from peewee import AutoField, BooleanField, CharField, IntegerField, TextField

from xivows.models.base import BaseModel


class StatsConf(BaseModel):
    id = AutoField()
    name = CharField(max_length=64, unique=True)
    hour_start = CharField(max_length=5)
    hour_end = CharField(max_length=5)
    homepage = BooleanField(default=False)
    timezone = CharField(max_length=128, default='')
    default_delta = CharField(max_length=16, default='0')
    monday = BooleanField(default=False)
    tuesday = BooleanField(default=False)
    wednesday = BooleanField(default=False)
    thursday = BooleanField(default=False)
    friday = BooleanField(default=False)
    saturday = BooleanField(default=False)
    sunday = BooleanField(default=False)
    period1 = CharField(max_length=16, default='')
    period2 = CharField(max_length=16, default='')
    period3 = CharField(max_length=16, default='')
    period4 = CharField(max_length=16, default='')
    period5 = CharField(max_length=16, default='')
    dbegcache = CharField(max_length=7)  # YYYY-MM
    dendcache = CharField(max_length=7, default='0')  # YYYY-MM or 0
    dgenercache = IntegerField(default=0)
    dcreate = IntegerField(default=0)
    dupdate = IntegerField(default=0)
    disable = BooleanField(default=False)
    description = TextField(default='')

    class Meta:
        table_name = 'stats_conf'


class StatsConfQueue(BaseModel):
    id = AutoField()
    stats_conf_id = IntegerField(index=True)
    queuefeatures_id = IntegerField(index=True)
    qos = IntegerField(default=0)

    class Meta:
        table_name = 'stats_conf_queue'
        indexes = ((('stats_conf_id', 'queuefeatures_id'), True),)


class StatsConfAgent(BaseModel):
    id = AutoField()
    stats_conf_id = IntegerField(index=True)
    agentfeatures_id = IntegerField(index=True)

    class Meta:
        table_name = 'stats_conf_agent'
        indexes = ((('stats_conf_id', 'agentfeatures_id'), True),)


class StatsConfXivoUser(BaseModel):
    id = AutoField()
    stats_conf_id = IntegerField(index=True)
    user_id = IntegerField(index=True)

    class Meta:
        table_name = 'stats_conf_xivouser'
        indexes = ((('stats_conf_id', 'user_id'), True),)
