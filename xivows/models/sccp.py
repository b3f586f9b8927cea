from peewee import AutoField, CharField

from xivows.models.base import BaseModel


class SccpGeneralSettings(BaseModel):
    """The SCCP [general] options, one row per option (values as text, as
    chan_sccp reads them)."""

    id = AutoField()
    option_name = CharField(max_length=80, unique=True)
    option_value = CharField(max_length=80, default='')

    class Meta:
        table_name = 'sccpgeneralsettings'
