from peewee import AutoField, CharField, IntegerField

from xivows.models.base import BaseModel


class CtiProfile(BaseModel):
    id = AutoField()
    name = CharField(max_length=255, unique=True)
    presence_id = IntegerField(null=True)
    phonehints_id = IntegerField(null=True)

    class Meta:
        table_name = 'cti_profile'
