"""The web-interface administrator `root` (statistics configurations refer to
web-interface users by id)."""

from xivows.models.webuser import WebUser


def upgrade(db, migrator):
    WebUser.get_or_create(login='root', meta='root', defaults={'valid': True})
