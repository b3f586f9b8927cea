"""A trunk as callers give it, to add one or to change one."""

from dataclasses import dataclass, field


@dataclass
class TrunkInput:
    """`options`: the protocol row's fields (name, context, type, host,
    username, secret, transport, allow... as in the protocol's schema:
    `SipTrunkSchema`, `IaxTrunkSchema`, `CustomTrunkSchema`; `allow` may be a
    list of codecs); `features`: the trunk's own fields (description);
    `register`: the register line of a SIP or IAX trunk (as in
    `SipRegisterSchema`/`IaxRegisterSchema`), {} for none. An edit gives only
    what changes: absent options and features keep their values, and the
    register line is replaced only when not None."""

    options: dict = field(default_factory=dict)
    features: dict = field(default_factory=dict)
    register: dict | None = None
