from peewee import AutoField, BooleanField, CharField, IntegerField, TextField

from xivows.models.base import BaseModel


class AgentGroup(BaseModel):
    id = AutoField()
    groupid = IntegerField(default=0)
    name = CharField(max_length=128, unique=True)
    groups = CharField(max_length=255, default='')
    commented = BooleanField(default=False)
    deleted = BooleanField(default=False)
    description = TextField(default='')

    class Meta:
        table_name = 'agentgroup'


class AgentFeatures(BaseModel):
    id = AutoField()
    numgroup = IntegerField(default=1)
    firstname = CharField(max_length=128, default='')
    lastname = CharField(max_length=128, default='')
    number = CharField(max_length=40, unique=True)
    passwd = CharField(max_length=128, default='')
    context = CharField(max_length=39)
    language = CharField(max_length=20, default='')
    autologoff = IntegerField(null=True)
    group = CharField(max_length=255, null=True)
    description = TextField(default='')
    preprocess_subroutine = CharField(max_length=40, null=True)

    class Meta:
        table_name = 'agentfeatures'
