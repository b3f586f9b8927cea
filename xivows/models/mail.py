from peewee import AutoField, CharField, TextField

from xivows.models.base import BaseModel


class Mail(BaseModel):
    """The SMTP relay settings: a single row, id 1. `canonical` holds one
    "<pattern> <result>" rewriting rule per line."""

    id = AutoField()
    mydomain = CharField(max_length=255, default='')
    origin = CharField(max_length=255, default='')
    relayhost = CharField(max_length=255, null=True)
    fallback_relayhost = CharField(max_length=255, null=True)
    canonical = TextField(default='')

    class Meta:
        table_name = 'mail'
