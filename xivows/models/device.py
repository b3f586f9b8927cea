from peewee import CharField, TextField

from xivows.models.base import BaseModel


class Device(BaseModel):
    """A provisioned phone (the provisioning server's device record)."""

    id = CharField(max_length=32, primary_key=True)  # 32 hex chars
    ip = CharField(max_length=64, default='')
    mac = CharField(max_length=17, default='', index=True)
    sn = CharField(max_length=64, default='')
    plugin = CharField(max_length=128, default='')
    vendor = CharField(max_length=64, default='')
    model = CharField(max_length=64, default='')
    version = CharField(max_length=64, default='')
    description = TextField(default='')
    template_id = CharField(max_length=64, default='')
    status = CharField(max_length=16, default='autoprov')  # when no line uses it
    options = TextField(default='{}')  # JSON object

    class Meta:
        table_name = 'device'
