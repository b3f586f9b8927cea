from peewee import AutoField, BooleanField, CharField, IntegerField, TextField

from xivows.models.base import BaseModel


class Schedule(BaseModel):
    id = AutoField()
    entity_id = IntegerField(null=True)
    name = CharField(max_length=255, unique=True)
    timezone = CharField(max_length=128, default='')
    fallback_action = CharField(max_length=32, default='none')
    fallback_actionid = CharField(max_length=255, null=True)
    fallback_actionargs = CharField(max_length=255, null=True)
    description = TextField(default='')
    commented = BooleanField(default=False)

    class Meta:
        table_name = 'schedule'
