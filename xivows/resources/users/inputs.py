"""A user as callers give it, to add one or to change one."""

from dataclasses import dataclass, field

from xivows.resources.lines.inputs import LineInput
from xivows.resources.ownerlinks.inputs import OwnerLinks


@dataclass(frozen=True)
class NoLine:
    """The user has no line any more: its line is freed (kept as a free line)."""


NO_LINE = NoLine()


@dataclass
class UserVoicemail:
    """The user's voicemail box: `fields` keyed as VoicemailInput's (`mailbox`
    is needed; `context` defaults to the user's line's, `fullname` to the
    user's name, `locale` to the user's language). A box already stored at
    mailbox@context is associated (and changed with the other fields) unless
    another user has it; otherwise a new one is created. `existing_only`: only
    associate a stored box (refused when there is none)."""

    fields: dict
    existing_only: bool = False


@dataclass
class UserInput:
    """`features`: the user's own fields, keyed as `UserFeaturesSchema` reads
    them (`firstname` is needed to add; `lastname`, `entityid`, `language`,
    `enableclient`/`loginclient`/`passwdclient` (the client login and
    password), `profileclient` (a CTI profile name) or `cti_profile_id`,
    `agentid` or `agentnumber`, `mobilephonenumber`, `ringseconds`, ...).

    `line`: a new line (a LineInput without `id`; SIP unless `protocol` says
    otherwise), a stored line to take or change (a LineInput with the line's
    `id`: a free line, or the user's own), or NO_LINE (the user's line is
    freed). A line given in place of another frees the other.
    `voicemail`: the user's voicemail box. `links`: dial actions (events
    noanswer, busy, congestion, chanunavail), call permissions and schedule.
    `funckeys`: function keys, each keyed as `FunckeySchema` reads them
    (`fknum`, `typeextenumbers`, `typevalextenumbers`, `label`, ...).
    `groups`/`queues`: the groups and queues the user is a member of, as
    (name, penalty 0..20) in order (a member is reached through its line).

    An edit gives only what changes: absent features keep their values, and
    every other part is replaced only when not None (an empty list removes)."""

    features: dict = field(default_factory=dict)
    line: LineInput | NoLine | None = None
    voicemail: UserVoicemail | None = None
    links: OwnerLinks = field(default_factory=OwnerLinks)
    funckeys: list[dict] | None = None
    groups: list[tuple[str, int]] | None = None
    queues: list[tuple[str, int]] | None = None
