"""The agent-control REST API of xivo-agentd, served under /1.0 (the daemon's
prefix) and /0.1 (the prefix of its documentation)."""

from compat.agentd.routes import OPENAPI, SECTION, init_app


def sections():
    return [SECTION]


__all__ = ['OPENAPI', 'init_app', 'sections']
