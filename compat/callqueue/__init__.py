"""The seed-003 dialect under /api/ver1.0: queues on extensions, local and remote
agents, their levels in queues, queue status from Asterisk, and HTTP event
callbacks of agents, for applications holding an OAuth 2 bearer token
(`oauth.py`). A thin translator over the domain services: extensions are the
store's numbers, agents its agents, members its queue members."""

from compat.callqueue import oauth, routes

PREFIX = oauth.PREFIX
OPENAPI = routes.OPENAPI


def init_app(app):
    oauth.init_app(app)
    routes.init_app(app)


def sections():
    # Applications authenticate with their own bearer tokens, not ACL sections.
    return []
