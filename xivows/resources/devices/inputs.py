"""A device (phone) as callers give it, to add one or to change one."""

from dataclasses import asdict, dataclass


@dataclass
class DeviceInput:
    """A phone's fields (None: not given). `mac` is needed to add one (any case,
    with `:`, `-` or no separators); `status` is `autoprov` (default) or
    `not_configured`, the status while no line uses the device. An edit gives
    only what changes."""

    mac: str | None = None
    ip: str | None = None
    sn: str | None = None
    plugin: str | None = None
    vendor: str | None = None
    model: str | None = None
    version: str | None = None
    description: str | None = None
    template_id: str | None = None
    status: str | None = None

    def given(self) -> dict:
        return {key: value for key, value in asdict(self).items() if value is not None}
