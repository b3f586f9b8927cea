"""The SIP settings every installation has (transports, auto-provisioning), with
their defaults. Stored options keep their values."""

from xivows.resources.sip_settings import service


def upgrade(db, migrator):
    service.write_defaults()
