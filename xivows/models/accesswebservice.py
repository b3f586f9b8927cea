from peewee import AutoField, BooleanField, CharField, TextField

from xivows.models.base import BaseModel


class AccessWebService(BaseModel):
    """A web-service user: Basic credentials and/or an allowed host, plus an ACL."""
    id = AutoField()
    name = CharField(max_length=64, unique=True)
    login = CharField(max_length=64, null=True, index=True)
    passwd = CharField(max_length=255, null=True)  # a password hash, never the secret
    host = CharField(max_length=255, null=True)
    acl = TextField(default='[]')  # JSON list of granted sections (prefixes)
    disable = BooleanField(default=False)
    description = TextField(default='')

    class Meta:
        table_name = 'accesswebservice'
