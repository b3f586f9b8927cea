"""A conference room as callers give it, to add one (rooms are not edited)."""

from dataclasses import dataclass, field


@dataclass
class MeetmeInput:
    """`room`: its number and pins (confno, pin, pinadmin, commented, as in
    `RoomSchema`); `features`: its options (name, context, admin_typefrom,
    user_mode... as in `FeaturesSchema`; `confno` may be left out: it is the
    room's); `guests`: the guests to invite ({fullname, telephonenumber?,
    email?, sendemail?} as in `GuestSchema`)."""

    room: dict = field(default_factory=dict)
    features: dict = field(default_factory=dict)
    guests: list[dict] = field(default_factory=list)
