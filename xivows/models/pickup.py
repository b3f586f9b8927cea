"""Call pickup groups: `member` rows can be intercepted by the `pickup` rows."""

from peewee import AutoField, BooleanField, CharField, IntegerField, TextField

from xivows.models.base import BaseModel


class Pickup(BaseModel):
    # Not a sequence: ids count from 0 (xivows.models.counter).
    id = IntegerField(primary_key=True)
    entity_id = IntegerField(null=True, index=True)
    name = CharField(max_length=128, unique=True)
    commented = BooleanField(default=False)
    description = TextField(default='')

    class Meta:
        table_name = 'pickup'


class PickupMember(BaseModel):
    id = AutoField()
    pickupid = IntegerField()
    category = CharField(max_length=8)  # member (can be intercepted) or pickup
    membertype = CharField(max_length=8)  # user, group or queue
    memberid = IntegerField()

    class Meta:
        table_name = 'pickupmember'
        indexes = (
            (('pickupid', 'category', 'membertype', 'memberid'), True),
            (('membertype', 'memberid'), False),
        )
