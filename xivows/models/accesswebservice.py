import time
import uuid

from peewee import AutoField, BooleanField, CharField, DoubleField, TextField

from xivows.models.base import BaseModel


def _new_uuid():
    return str(uuid.uuid4())


class AccessWebService(BaseModel):
    """A web-service user: Basic credentials and/or an allowed host, plus an ACL.
    `uuid`, `context`, `tm_create` and `tm_update` (epoch seconds; None until the
    first change) are what the seed-001 API (/v1) shows of an account."""

    id = AutoField()
    name = CharField(max_length=64, unique=True)
    login = CharField(max_length=64, null=True, index=True)
    passwd = CharField(max_length=255, null=True)  # a password hash, never the secret
    host = CharField(max_length=255, null=True)
    acl = TextField(default='[]')  # JSON list of granted sections (prefixes)
    disable = BooleanField(default=False)
    description = TextField(default='')
    uuid = CharField(max_length=36, unique=True, default=_new_uuid)
    context = CharField(max_length=39, default='')
    tm_create = DoubleField(default=time.time)
    tm_update = DoubleField(null=True)

    class Meta:
        table_name = 'accesswebservice'
