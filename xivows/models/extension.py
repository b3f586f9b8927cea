from peewee import AutoField, BooleanField, CharField

from xivows.models.base import BaseModel


class Extension(BaseModel):
    """A number of the dial plan, owned by one object (`type`, `typeval`)."""

    id = AutoField()
    commented = BooleanField(default=False)
    context = CharField(max_length=39)
    exten = CharField(max_length=40)
    type = CharField(max_length=32)
    typeval = CharField(max_length=255, default='')

    class Meta:
        table_name = 'extensions'
        indexes = (
            (('context', 'exten'), True),
            (('type', 'typeval'), False),
        )
