"""Matching the peer address against a web-service user's `host`:
an IPv4/IPv6 address, a network (a.b.c.d/bits, a.b.c.d/netmask, v6/bits) or a
host name resolved at request time (briefly cached)."""

import ipaddress
import socket
import time

_DNS_TTL = 30.0
_dns_cache = {}


def parse_address(text):
    """A peer address as an ip_address (IPv4-mapped IPv6 unwrapped), or None."""
    try:
        address = ipaddress.ip_address((text or '').split('%', 1)[0])
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def parse_network(text):
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        return None


def is_valid_host(text):
    """What `ws-user add --host` accepts: address, network or host name."""
    if parse_address(text) or ('/' in text and parse_network(text)):
        return True
    labels = text.rstrip('.').split('.')
    return (
        bool(text)
        and len(text) <= 253
        and all(
            label
            and len(label) <= 63
            and label.replace('-', '').isalnum()
            and label.isascii()
            and not label.startswith('-')
            for label in labels
        )
    )


def _resolve(name):
    now = time.monotonic()
    cached = _dns_cache.get(name)
    if cached and cached[0] > now:
        return cached[1]
    try:
        infos = socket.getaddrinfo(name, None, proto=socket.IPPROTO_TCP)
        addresses = {parse_address(info[4][0]) for info in infos} - {None}
    except (OSError, UnicodeError):
        addresses = set()
    _dns_cache[name] = (now + _DNS_TTL, addresses)
    return addresses


def is_literal(host):
    """Whether a host rule is none, an address or a network: a rule whose
    answer cannot change without the rule being changed (a name's can)."""
    return not host or parse_address(host) is not None or '/' in host


def host_matches(host, peer):
    """True when the peer address (text) is allowed by `host`."""
    address = parse_address(peer)
    if address is None or not host:
        return False
    exact = parse_address(host)
    if exact is not None:
        return exact == address
    if '/' in host:
        network = parse_network(host)
        return network is not None and address in network
    return address in _resolve(host)
