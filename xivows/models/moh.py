from peewee import AutoField, CharField

from xivows.models.base import BaseModel


class MusicOnHold(BaseModel):
    """A music-on-hold class name that objects may refer to."""

    id = AutoField()
    name = CharField(max_length=128, unique=True)

    class Meta:
        table_name = 'musiconhold'
