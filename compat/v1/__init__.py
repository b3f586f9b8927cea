"""The `/v1` dialect (seed 001): the live Asterisk state call-center wallboards
poll (agents, queues, members, callers waiting, channels, device states, PJSIP,
parked calls, modules, system), configuration from the store (queues, parking
lots, SIP trunks, generated files) and the web-service users, all in the seed's
envelope, for web-service users holding an `authtoken` and the `v1/...` ACL
sections."""

from compat.v1.routes import OPENAPI, SECTIONS, init_app


def sections():
    return list(SECTIONS)


__all__ = ['OPENAPI', 'init_app', 'sections']
