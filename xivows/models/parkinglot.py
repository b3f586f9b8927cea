from peewee import AutoField, BooleanField, CharField, IntegerField, TextField

from xivows.models.base import BaseModel


class Parkinglot(BaseModel):
    """A parking lot: calls parked by dialling `extension` wait in one of the
    `positions` slots numbered extension+1 and up."""

    id = AutoField()
    name = CharField(max_length=255, unique=True)
    context = CharField(max_length=39, index=True)
    extension = CharField(max_length=40)
    positions = IntegerField(default=50)
    next = BooleanField(default=True)
    duration = IntegerField(null=True)
    calltransfers = CharField(max_length=8, null=True)
    callreparking = CharField(max_length=8, null=True)
    callhangup = CharField(max_length=8, null=True)
    callrecording = CharField(max_length=8, null=True)
    musicclass = CharField(max_length=128, null=True)
    hints = BooleanField(default=False)
    commented = BooleanField(default=False)
    description = TextField(default='')

    class Meta:
        table_name = 'parkinglot'
