from peewee import AutoField, BooleanField, CharField, IntegerField, TextField

from xivows.models.base import BaseModel


class Entity(BaseModel):
    id = AutoField()
    name = CharField(max_length=64, unique=True)
    displayname = CharField(max_length=128, default='')
    phonenumber = CharField(max_length=40, default='')
    faxnumber = CharField(max_length=40, default='')
    email = CharField(max_length=255, default='')
    url = CharField(max_length=255, default='')
    address1 = CharField(max_length=30, default='')
    address2 = CharField(max_length=30, default='')
    city = CharField(max_length=128, default='')
    state = CharField(max_length=128, default='')
    zipcode = CharField(max_length=16, default='')
    country = CharField(max_length=3, default='')
    disable = BooleanField(default=False)
    dcreate = IntegerField(default=0)
    description = TextField(default='')

    class Meta:
        table_name = 'entity'
