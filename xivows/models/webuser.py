from peewee import AutoField, BooleanField, CharField, IntegerField, TextField

from xivows.models.base import BaseModel


class WebUser(BaseModel):
    """An administrator of the (former) web interface: statistics configurations
    name the ones allowed to see them. `root` exists from the first upgrade."""

    id = AutoField()
    login = CharField(max_length=64)
    passwd = CharField(max_length=255, default='')  # never a clear password here
    meta = CharField(max_length=16, default='admin')  # root, admin
    valid = BooleanField(default=True)
    time = IntegerField(default=0)
    dcreate = IntegerField(default=0)
    dupdate = IntegerField(default=0)
    obj = TextField(default='')
    entity_id = IntegerField(null=True)

    class Meta:
        table_name = 'user'
        indexes = ((('login', 'meta'), True),)
