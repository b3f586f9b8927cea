"""The seed-003 dialect (queues on extensions, local and remote agents, HTTP event
callbacks) under /api/ver1.0. For now: its OAuth 2 token endpoint and the bearer
check its routes will use (`oauth.require_api_client`)."""
from compat.callqueue import oauth

PREFIX = oauth.PREFIX


def init_app(app):
    oauth.init_app(app)


def sections():
    # Applications authenticate with their own bearer tokens, not ACL sections.
    return []
