from peewee import AutoField, CharField

from xivows.models.base import BaseModel


class SipGeneralSettings(BaseModel):
    """The SIP transports and provisioning options of the PBX, one row per
    option (values as text). The generated Asterisk transports use them."""

    id = AutoField()
    option_name = CharField(max_length=80, unique=True)
    option_value = CharField(max_length=255, default='')

    class Meta:
        table_name = 'sipgeneralsettings'
