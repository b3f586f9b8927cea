"""The mail (SMTP relay) settings as callers change them."""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CanonicalRule:
    """A canonical address rewrite: `pattern` (no blank) and its `result`
    (none: the rule has no result)."""

    pattern: Any = None
    result: Any = None


@dataclass
class MailInput:
    """`settings`: mydomain, origin, relayhost, fallback_relayhost (as in
    `MailSchema`); the ones not given keep their values. `canonical`: the rewrite
    rules, replacing every stored one when not None ([] removes them)."""

    settings: dict = field(default_factory=dict)
    canonical: list[CanonicalRule] | None = None
