"""Outgoing call routes: an outcall of an outcall context, the trunks it dials
through (in priority order) and its dial patterns (each held as an `extensions`
row of type outcall in the outcall's context)."""

from peewee import AutoField, BooleanField, CharField, IntegerField, TextField

from xivows.models.base import BaseModel


class Outcall(BaseModel):
    id = AutoField()
    name = CharField(max_length=128, unique=True)
    context = CharField(max_length=39)
    useenum = BooleanField(default=False)
    internal = BooleanField(default=False)
    preprocess_subroutine = CharField(max_length=39, null=True)
    hangupringtime = IntegerField(default=0)
    commented = BooleanField(default=False)
    description = TextField(default='')

    class Meta:
        table_name = 'outcall'


class OutcallTrunk(BaseModel):
    id = AutoField()
    outcallid = IntegerField(index=True)
    trunkfeaturesid = IntegerField(index=True)
    priority = IntegerField(default=0)

    class Meta:
        table_name = 'outcalltrunk'
        indexes = ((('outcallid', 'trunkfeaturesid'), True),)


class DialPattern(BaseModel):
    id = AutoField()
    type = CharField(max_length=32, default='outcall')
    typeid = IntegerField()
    externprefix = CharField(max_length=64, null=True)
    prefix = CharField(max_length=32, null=True)
    exten = CharField(max_length=40)
    stripnum = IntegerField(null=True)
    callerid = CharField(max_length=80, null=True)

    class Meta:
        table_name = 'dialpattern'
        indexes = ((('type', 'typeid'), False),)
