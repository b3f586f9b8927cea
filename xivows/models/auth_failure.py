from peewee import BigIntegerField, CharField, IntegerField

from xivows.models.base import BaseModel


class AuthFailure(BaseModel):
    """Failed authentications of one key (a login and client address pair, an
    address, or a login; see xivows/auth/throttle.py) in the window ending at
    `window_end` (epoch seconds). Shared by every worker and host of the store."""

    key = CharField(max_length=64, unique=True)  # a digest: no login is stored
    failures = IntegerField(default=0)
    window_end = BigIntegerField(index=True)

    class Meta:
        table_name = 'xivows_auth_failure'
