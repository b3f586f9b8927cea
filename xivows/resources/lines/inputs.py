"""A line as callers give it, to add one or to change one."""

from dataclasses import dataclass, field


@dataclass
class LineInput:
    """A SIP peer, SCCP line or custom interface and its line.

    `protocol`: `sip`, `sccp` or `custom` (needed to add; it cannot change).
    The usual fields have names of their own: `context`; `number`; `name` (the
    SIP peer or SCCP line name; SIP names are stored lower-case); `secret` (the
    SIP password); `interface` (custom lines); `device_id` (the id of the
    device the line is on) and `num` (its line slot on the device).
    `options`: any other field of the protocol row, keyed as
    `SipProtocolSchema`, `SccpProtocolSchema` or `CustomProtocolSchema` read
    them (`host`, `nat`, `allow`, `call-limit`, `cid_name`, `intfsuffix`, ...);
    `features`: any other field of the line, keyed as `LineFeaturesSchema`
    reads them (`configregistrar`, `description`, `commented`, `callerid`, and
    `secret`, which wins over the protocol's). A named field wins over the same
    key of `options`/`features`.

    An edit gives only what changes: None (or an absent key) keeps the stored
    value. `id` is only read by users: an existing line the user takes."""

    protocol: str | None = None
    context: str | None = None
    number: str | None = None
    name: str | None = None
    secret: str | None = None
    interface: str | None = None
    device_id: str | None = None
    num: int | None = None
    options: dict = field(default_factory=dict)
    features: dict = field(default_factory=dict)
    id: int | None = None

    def protocol_fields(self) -> dict:
        """The protocol row's given fields, as the protocol schemas read them."""
        given = dict(self.options)
        for key in ('context', 'name', 'secret', 'interface'):
            if getattr(self, key) is not None:
                given[key] = getattr(self, key)
        return given

    def line_fields(self) -> dict:
        """The line's given fields, as `LineFeaturesSchema` reads them."""
        given = dict(self.features)
        for key, name in (('number', 'number'), ('device', 'device_id'), ('num', 'num')):
            if getattr(self, name) is not None:
                given[key] = getattr(self, name)
        return given
