from peewee import AutoField, BooleanField, CharField, IntegerField, TextField

from xivows.models.base import BaseModel


class Schedule(BaseModel):
    """Opening hours; outside them calls go to the fallback destination
    (`fallback_action` = actiontype or actiontype:action, as dial actions store it)."""

    id = AutoField()
    entity_id = IntegerField(null=True)
    name = CharField(max_length=256, unique=True)
    timezone = CharField(max_length=128, default='')
    fallback_action = CharField(max_length=32, default='none')
    fallback_actionid = CharField(max_length=255, null=True)
    fallback_actionargs = CharField(max_length=255, null=True)
    description = TextField(default='')
    commented = BooleanField(default=False)

    class Meta:
        table_name = 'schedule'
        indexes = ((('fallback_action', 'fallback_actionid'), False),)


class ScheduleTime(BaseModel):
    """A period of a schedule: `opened`, or `closed` with its own destination."""

    id = AutoField()
    schedule_id = IntegerField(index=True)
    mode = CharField(max_length=8)
    hours = CharField(max_length=512, null=True)
    weekdays = CharField(max_length=512, null=True)
    monthdays = CharField(max_length=512, null=True)
    months = CharField(max_length=512, null=True)
    action = CharField(max_length=32, null=True)
    actionid = CharField(max_length=255, null=True)
    actionargs = CharField(max_length=255, null=True)
    commented = BooleanField(default=False)

    class Meta:
        table_name = 'schedule_time'
        indexes = ((('action', 'actionid'), False),)
