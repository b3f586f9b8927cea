"""X-Forwarded-For is believed only from configured proxy addresses: anybody
else's forwarded headers are ignored, so host restriction cannot be forged."""

from werkzeug.middleware.proxy_fix import ProxyFix

from xivows.auth.hosts import parse_address, parse_network


class TrustedProxies:
    def __init__(self, app, trusted):
        self.app = app
        self.networks = [net for net in map(parse_network, trusted) if net is not None]
        self.forwarded = ProxyFix(app, x_for=1, x_proto=1)

    def __call__(self, environ, start_response):
        peer = parse_address(environ.get('REMOTE_ADDR'))
        if peer is not None and any(peer in net for net in self.networks):
            return self.forwarded(environ, start_response)
        return self.app(environ, start_response)
