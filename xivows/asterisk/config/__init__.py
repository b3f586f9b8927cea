"""Asterisk 21 configuration generated from the store.

render() reads the store once and returns every file's text (deterministic:
the same store gives the same bytes); write() puts them in a directory
atomically, touching only the files whose text changed; apply() writes into
ASTERISK_CONFIG_DIR and asks Asterisk (AMI action Reload) to reload only the
modules whose files changed; apply_if_changed() is the background worker's
entry point."""

from xivows.asterisk.config.deploy import (
    ApplyError,
    ApplyResult,
    ami_client,
    apply,
    apply_if_changed,
    last_status,
    write,
)
from xivows.asterisk.config.render import RELOADS, Rendered, render

__all__ = [
    'RELOADS',
    'Rendered',
    'render',
    'write',
    'apply',
    'apply_if_changed',
    'ApplyError',
    'ApplyResult',
    'ami_client',
    'last_status',
]
