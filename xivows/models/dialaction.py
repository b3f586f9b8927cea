"""Rows shared by several owners: dial actions, caller id rules, call permissions."""

from peewee import AutoField, BooleanField, CharField, IntegerField

from xivows.models.base import BaseModel


class Dialaction(BaseModel):
    """What happens on `event` of the object (`category`, `categoryval`)."""

    id = AutoField()
    event = CharField(max_length=16)
    category = CharField(max_length=16)
    categoryval = CharField(max_length=128)
    action = CharField(max_length=32)
    actionarg1 = CharField(max_length=255, null=True)
    actionarg2 = CharField(max_length=255, null=True)
    linked = BooleanField(default=True)

    class Meta:
        table_name = 'dialaction'
        indexes = (
            (('event', 'category', 'categoryval'), True),
            (('action', 'actionarg1'), False),
            # an owner's dial actions (views, cascades): migration 0071
            (('category', 'categoryval'), False),
        )


class Callerid(BaseModel):
    id = AutoField()
    mode = CharField(max_length=16, null=True)
    callerdisplay = CharField(max_length=80, default='')
    type = CharField(max_length=16)
    typeval = IntegerField()

    class Meta:
        table_name = 'callerid'
        indexes = ((('type', 'typeval'), True),)


class Rightcall(BaseModel):
    """A call permission."""

    id = AutoField()
    name = CharField(max_length=128, unique=True)
    passwd = CharField(max_length=40, default='')
    authorization = BooleanField(default=False)
    commented = BooleanField(default=False)
    description = CharField(max_length=1000, default='')

    class Meta:
        table_name = 'rightcall'


class RightcallMember(BaseModel):
    id = AutoField()
    rightcallid = IntegerField(index=True)
    type = CharField(max_length=16)
    typeval = CharField(max_length=128)

    class Meta:
        table_name = 'rightcallmember'
        indexes = ((('type', 'typeval'), False),)


class SchedulePath(BaseModel):
    id = AutoField()
    schedule_id = IntegerField(index=True)
    path = CharField(max_length=16)
    pathid = IntegerField()
    order = IntegerField(default=0)

    class Meta:
        table_name = 'schedule_path'
        indexes = ((('path', 'pathid'), True),)
