"""A voicemail box as callers give it, to add one or to change one."""

from dataclasses import dataclass, field


@dataclass
class VoicemailInput:
    """`fields`: the box's fields keyed by column name, as `VoicemailSchema`
    reads them (`mailbox`, `context`, `fullname`, `password`, `email`, `tz`,
    `attach`, `maxmsg`, ...). An add needs `mailbox` and `fullname` (`context`
    defaults to `default`); an edit gives only what changes, and a field given
    as None goes back to its default."""

    fields: dict = field(default_factory=dict)
