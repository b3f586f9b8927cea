from peewee import fn

from xivows.models.cti import CtiProfile
from xivows.models.user import UserFeatures


def profiles_with_usage() -> list[dict]:
    """Every CTI profile (dict) with `users`, how many users have it."""
    used = dict(
        UserFeatures.select(UserFeatures.cti_profile_id, fn.COUNT(UserFeatures.id))
        .where(UserFeatures.cti_profile_id.is_null(False))
        .group_by(UserFeatures.cti_profile_id)
        .tuples()
    )
    profiles = list(CtiProfile.select().order_by(CtiProfile.id).dicts())
    for profile in profiles:
        profile['users'] = used.get(profile['id'], 0)
    return profiles
