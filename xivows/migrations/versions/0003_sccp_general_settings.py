"""The SCCP general options every installation has, with their default values.
Existing options keep their stored values."""

from xivows.models.sccp import SccpGeneralSettings

DEFAULT_OPTIONS = (
    ('directmedia', 'no'),
    ('dialtimeout', '5'),
    ('keepalive', '10'),
    ('language', 'en_US'),
    ('disallow', 'all'),
    ('allow', ''),
)


def upgrade(db, migrator):
    for name, value in DEFAULT_OPTIONS:
        SccpGeneralSettings.get_or_create(option_name=name, defaults={'option_value': value})
