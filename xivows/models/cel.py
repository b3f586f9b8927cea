"""Channel events logged by Asterisk (CEL), read by call_management/cel."""

from peewee import AutoField, CharField, DateTimeField, IntegerField, TextField

from xivows.models.base import BaseModel


def _text():
    # Text columns: imported events are stored whole, whatever their length.
    return TextField(default='')


class Cel(BaseModel):
    id = AutoField()
    eventtype = _text()
    eventtime = DateTimeField()  # local time, as Asterisk's database backends write it
    userdeftype = _text()
    cid_name = _text()
    cid_num = _text()
    cid_ani = _text()
    cid_rdnis = _text()
    cid_dnid = _text()
    exten = _text()
    context = _text()
    channame = _text()
    appname = _text()
    appdata = _text()
    amaflags = IntegerField(default=0)
    accountcode = _text()
    peeraccount = _text()
    uniqueid = _text()
    linkedid = _text()
    userfield = _text()
    peer = _text()
    call_log_id = IntegerField(null=True)
    # The event's identity, set by `xivows cel import` (see resources/cel/queries):
    # importing a file again skips the events already stored.
    fingerprint = CharField(max_length=32, null=True, unique=True)

    class Meta:
        table_name = 'cel'
        # searchid walks the primary key; the date searches this index.
        indexes = ((('eventtime', 'id'), False),)
