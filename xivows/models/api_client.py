from peewee import CharField, ForeignKeyField, IntegerField

from xivows.models.base import BaseModel
from xivows.models.entity import Entity


class ApiClient(BaseModel):
    """An application of the seed-003 API: it belongs to one entity and gets bearer
    tokens with its client id and secret (only the secret's digest is stored)."""

    name = CharField(max_length=64, unique=True)
    entity = ForeignKeyField(
        Entity, column_name='entity_id', on_delete='CASCADE', backref='api_clients'
    )
    client_id = CharField(max_length=64, unique=True)
    secret_digest = CharField(max_length=64)
    created_at = IntegerField()

    class Meta:
        table_name = 'api_client'


class ApiClientToken(BaseModel):
    """A bearer token issued to an application (its digest) and when it expires."""

    client = ForeignKeyField(
        ApiClient, column_name='api_client_id', on_delete='CASCADE', backref='tokens'
    )
    token_digest = CharField(max_length=64, unique=True)
    issued_at = IntegerField()
    expires_at = IntegerField(index=True)

    class Meta:
        table_name = 'api_client_token'
