"""The SCCP general settings as callers change them."""

from dataclasses import dataclass, field


@dataclass
class SccpSettingsInput:
    """`options`: the options to change (directmedia, dialtimeout, keepalive,
    language, allow, disallow, as in `SccpSettingsSchema`); the ones not given
    (or None) keep their stored values; other names are ignored."""

    options: dict = field(default_factory=dict)
