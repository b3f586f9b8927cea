"""The `/api` REST dialect (seed 000): agents, queues, SIP users and the SIP
system configuration, as JSON, for the web-service users (HTTP Basic and/or
host) holding the `api/<family>` ACL sections."""

from compat.restapi.routes import OPENAPI, SECTIONS, init_app


def sections():
    return list(SECTIONS)


__all__ = ['OPENAPI', 'init_app', 'sections']
