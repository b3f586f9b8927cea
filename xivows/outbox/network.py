"""Which addresses a callback may reach, and URL validation.

Refused by default: loopback (the private json.php mode trusts local clients
without credentials, so a callback to 127.0.0.1 would be a way around it),
"this host" (0.0.0.0 reaches local services too), link-local (cloud metadata
services live at 169.254.169.254), other cloud metadata addresses, multicast and
reserved ranges. IPv6 forms that embed an IPv4 address (IPv4-mapped, NAT64, 6to4)
are judged by that address as well.

`CALLBACK_DENIED_NETWORKS` refuses more networks; `CALLBACK_ALLOWED_NETWORKS` lets
through networks the built-in list refuses (e.g. `127.0.0.1/32` for a receiver on
the xivows host). Order: configured denied, then configured allowed, then built-in."""

import functools
import ipaddress
import re
import socket
from urllib.parse import urlsplit

from xivows import settings
from xivows.errors import InvalidInput

BUILTIN_DENIED = tuple(
    ipaddress.ip_network(network)
    for network in (
        '0.0.0.0/8',  # "this host/network": 0.0.0.0 reaches the local host
        '127.0.0.0/8',  # loopback
        '169.254.0.0/16',  # link-local, cloud metadata (169.254.169.254)
        '100.100.100.200/32',  # Alibaba Cloud metadata
        '192.0.0.192/32',  # Oracle Cloud (classic) metadata
        '224.0.0.0/4',  # multicast
        '240.0.0.0/4',  # reserved, broadcast
        '::/128',  # unspecified
        '::1/128',  # loopback
        'fe80::/10',  # link-local
        'fd00:ec2::254/128',  # AWS metadata over IPv6
        'ff00::/8',  # multicast
    )
)

_NAT64 = ipaddress.ip_network('64:ff9b::/96')
_6TO4 = ipaddress.ip_network('2002::/16')
_IPV4_COMPATIBLE = ipaddress.ip_network('::/96')

MAX_URL_LENGTH = 2048


class Refused(Exception):
    """A callback may not go to that address (or the name gave no usable address)."""


def _embedded_ipv4(address):
    if address.version != 6:
        return []
    if address.ipv4_mapped:
        return [address.ipv4_mapped]
    found = []
    if address in _NAT64 or address in _IPV4_COMPATIBLE and int(address) > 1:
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    if address in _6TO4:
        found.append(address.sixtofour)
    return found


@functools.lru_cache(maxsize=8)
def _networks(entries):
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(str(entry).strip(), strict=False))
        except ValueError:
            raise ValueError(f'not a network in the callback configuration: {entry!r}') from None
    return tuple(networks)


def _configured(key):
    value = settings.get(key) or ()
    if isinstance(value, str):
        value = [part for part in value.split(',') if part.strip()]
    return _networks(tuple(value))


def _judge(address, denied, allowed):
    if any(address in network for network in denied if network.version == address.version):
        return f'{address} is in a denied network (CALLBACK_DENIED_NETWORKS)'
    if any(address in network for network in allowed if network.version == address.version):
        return None
    for network in BUILTIN_DENIED:
        if network.version == address.version and address in network:
            return f'{address} is in {network}, refused for callbacks'
    return None


def refusal(address):
    """Why a callback may not connect to this address (an ipaddress object or text),
    or None when it may."""
    if isinstance(address, str):
        address = ipaddress.ip_address(address.split('%', 1)[0])
    denied = _configured('CALLBACK_DENIED_NETWORKS')
    allowed = _configured('CALLBACK_ALLOWED_NETWORKS')
    for candidate in [address, *_embedded_ipv4(address)]:
        reason = _judge(candidate, denied, allowed)
        if reason:
            return reason
    return None


def _lookup(host, port):
    """The resolver's answers: a list of IP address texts (a seam for tests)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [info[4][0] for info in infos]


def resolve(host, port):
    """The addresses of `host` a callback may connect to, in the resolver's order;
    Refused when there is none (unresolvable, or every address refused)."""
    try:
        literal = ipaddress.ip_address(host.strip('[]'))
    except ValueError:
        literal = None
    if literal is not None:
        answers = [str(literal)]
    else:
        try:
            answers = _lookup(host, port)
        except (OSError, UnicodeError) as exc:
            raise Refused(f'cannot resolve {host}: {exc}') from None
    usable, reasons = [], []
    for text in dict.fromkeys(answers):
        address = ipaddress.ip_address(text.split('%', 1)[0])
        reason = refusal(address)
        if reason:
            reasons.append(reason)
        else:
            usable.append(str(address))
    if not usable:
        raise Refused('; '.join(reasons) or f'{host} has no address')
    return usable


def ascii_host(host):
    """The host as sent on the wire (IDNA for international names)."""
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    try:
        return host.encode('idna').decode('ascii').lower()
    except UnicodeError:
        raise ValueError(f'not a valid host name: {host}') from None


def validate_url(url):
    """The URL if a callback may use it; InvalidInput naming `url` otherwise. Only
    its form and literal addresses can be judged here: a name is resolved and its
    address checked at every delivery."""
    if not isinstance(url, str) or not url.strip():
        raise InvalidInput('url: required, an http or https URL')
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise InvalidInput(f'url: longer than {MAX_URL_LENGTH} characters')
    if any(ord(char) < 33 or ord(char) == 127 for char in url):
        raise InvalidInput('url: spaces and control characters are not allowed')
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InvalidInput(f'url: {exc}') from None
    if parts.scheme.lower() not in ('http', 'https'):
        raise InvalidInput('url: only http and https URLs are allowed')
    if '@' in parts.netloc:
        raise InvalidInput(
            'url: credentials in the URL are not supported (put a token in the query string)'
        )
    host = parts.hostname
    if not host:
        raise InvalidInput('url: no host')
    if port == 0:
        raise InvalidInput('url: invalid port 0')
    try:
        ascii_host(host)
    except ValueError as exc:
        raise InvalidInput(f'url: {exc}') from None
    literal = _literal(host)
    if literal is not None:
        reason = refusal(literal)
        if reason:
            raise InvalidInput(f'url: {reason}')
    return url


_SHORTHAND_IPV4 = re.compile(r'[0-9][0-9a-fA-FxX.]*')


def _literal(host):
    """The address a URL's host names without DNS: an IP address, or a shorthand
    IPv4 form (127.1, 2130706433, 0x7f000001, 0177.0.0.1) that the resolver reads as
    an address as well (inet_aton), so that it is refused here like its dotted form
    rather than only at delivery."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _SHORTHAND_IPV4.fullmatch(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None
