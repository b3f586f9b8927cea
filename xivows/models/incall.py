from peewee import AutoField, BooleanField, CharField, TextField

from xivows.models.base import BaseModel


class Incall(BaseModel):
    """An incoming call route: a DID (`exten`) of an incall context. Its number is
    also held as an `extensions` row (type incall); its destination is the
    dial action (incall, id, answer)."""

    id = AutoField()
    exten = CharField(max_length=40)
    context = CharField(max_length=39)
    preprocess_subroutine = CharField(max_length=39, null=True)
    commented = BooleanField(default=False)
    description = TextField(default='')

    class Meta:
        table_name = 'incall'
        indexes = ((('exten', 'context'), True),)
