from __future__ import annotations

from typing import TYPE_CHECKING

from peewee import JOIN

from xivows.idsets import in_ids
from xivows.models.context import Context
from xivows.models.entity import Entity
from xivows.models.meetme import MeetmeFeatures, MeetmeGuest, StaticMeetme
from xivows.models.moh import MusicOnHold
from xivows.models.user import UserFeatures
from xivows.search import contains_any

if TYPE_CHECKING:
    from collections.abc import Collection


def listed(term: str | None = None) -> list[dict]:
    """Rooms whose context belongs to an entity (as the original listed them),
    with their room row's definition and state and the entity's display name:
    one query."""
    query = (
        MeetmeFeatures.select(
            MeetmeFeatures,
            StaticMeetme.var_val,
            StaticMeetme.commented.alias('room_commented'),
            Entity.displayname.alias('entity_displayname'),
        )
        .join_from(MeetmeFeatures, Context, on=(Context.name == MeetmeFeatures.context))
        .join_from(Context, Entity, on=(Entity.name == Context.entity))
        .join_from(
            MeetmeFeatures,
            StaticMeetme,
            JOIN.LEFT_OUTER,
            on=(StaticMeetme.id == MeetmeFeatures.meetmeid),
        )
        .order_by(MeetmeFeatures.id)
    )
    if term:
        query = query.where(contains_any([MeetmeFeatures.name, MeetmeFeatures.confno], term))
    return list(query.dicts())


def find(meetme_id: int) -> MeetmeFeatures | None:
    return MeetmeFeatures.get_or_none(MeetmeFeatures.id == meetme_id)


def all_ids() -> list[int]:
    return [row.id for row in MeetmeFeatures.select(MeetmeFeatures.id).order_by(MeetmeFeatures.id)]


def room_of(features: MeetmeFeatures) -> StaticMeetme | None:
    return StaticMeetme.get_or_none(StaticMeetme.id == features.meetmeid)


def guests_of(meetme_id: int) -> list[MeetmeGuest]:
    return list(
        MeetmeGuest.select()
        .where(MeetmeGuest.meetmefeaturesid == meetme_id)
        .order_by(MeetmeGuest.id)
    )


def name_taken(name: str) -> bool:
    return MeetmeFeatures.select().where(MeetmeFeatures.name == name).exists()


def context_exists(name: str) -> bool:
    return Context.select().where(Context.name == name).exists()


def moh_exists(name: str) -> bool:
    return MusicOnHold.select().where(MusicOnHold.name == name).exists()


def user_exists(user_id: int) -> bool:
    return UserFeatures.select().where(UserFeatures.id == user_id).exists()


def forget_admin(user_id: int) -> None:
    """A deleted user no longer identifies the administrator of any room."""
    (
        MeetmeFeatures.update(admin_internalid=None, admin_typefrom='none')
        .where(
            (MeetmeFeatures.admin_internalid == user_id)
            & (MeetmeFeatures.admin_typefrom == 'internal')
        )
        .execute()
    )
    (
        MeetmeFeatures.update(admin_internalid=None)
        .where(MeetmeFeatures.admin_internalid == user_id)
        .execute()
    )


def forget_admins(user_ids: Collection[int]) -> None:
    """forget_admin of many users at once (two queries)."""
    (
        MeetmeFeatures.update(admin_internalid=None, admin_typefrom='none')
        .where(
            in_ids(MeetmeFeatures.admin_internalid, user_ids)
            & (MeetmeFeatures.admin_typefrom == 'internal')
        )
        .execute()
    )
    (
        MeetmeFeatures.update(admin_internalid=None)
        .where(in_ids(MeetmeFeatures.admin_internalid, user_ids))
        .execute()
    )


def delete_room(features: MeetmeFeatures) -> None:
    MeetmeGuest.delete().where(MeetmeGuest.meetmefeaturesid == features.id).execute()
    StaticMeetme.delete().where(StaticMeetme.id == features.meetmeid).execute()
    features.delete_instance()


def delete_every_room() -> None:
    """Every room: its guests, its room row, its options."""
    MeetmeGuest.delete().execute()
    StaticMeetme.delete().where(
        StaticMeetme.id.in_(MeetmeFeatures.select(MeetmeFeatures.meetmeid))
    ).execute()
    MeetmeFeatures.delete().execute()
