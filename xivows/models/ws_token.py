from peewee import CharField, ForeignKeyField, IntegerField

from xivows.models.accesswebservice import AccessWebService
from xivows.models.base import BaseModel


class WsToken(BaseModel):
    """An `authtoken` of a web-service user (seed 001): its digest and expiry. In the
    store, so every worker and host accepts it."""

    user = ForeignKeyField(
        AccessWebService, column_name='user_id', on_delete='CASCADE', backref='ws_tokens'
    )
    token_digest = CharField(max_length=64, unique=True)
    issued_at = IntegerField()
    expires_at = IntegerField(index=True)

    class Meta:
        table_name = 'ws_token'
