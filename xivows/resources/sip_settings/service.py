"""The SIP settings: one set for the PBX, stored one option per row (defaults
written by `xivows db upgrade`, so the store always holds every option). An
update changes the options given and keeps the others."""

import dataclasses
import ipaddress

from xivows import settings as installed_settings
from xivows.errors import InvalidInput
from xivows.resources.sip_settings import queries
from xivows.resources.sip_settings.inputs import SipSettings

DEFAULTS = SipSettings()
_FIELDS = {field.name: field.type for field in dataclasses.fields(SipSettings)}


def _to_text(value: bool | int | str) -> str:
    if isinstance(value, bool):
        return '1' if value else '0'
    return str(value)


def _from_text(name: str, text: str):
    kind = _FIELDS[name]
    if kind in (bool, 'bool'):
        return text == '1'
    if kind in (int, 'int'):
        return int(text)
    return text


def get() -> SipSettings:
    stored = queries.stored()
    return SipSettings(
        **{
            name: _from_text(name, stored[name]) if name in stored else getattr(DEFAULTS, name)
            for name in _FIELDS
        }
    )


def _check(settings: SipSettings) -> None:
    for name in ('udp_port', 'tcp_port', 'tls_port'):
        port = getattr(settings, name)
        if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
            raise InvalidInput(f'{name}: must be a port number, 1 to 65535')
    for name in ('udp_enabled', 'tcp_enabled', 'tls_enabled', 'autoprov_enabled'):
        if not isinstance(getattr(settings, name), bool):
            raise InvalidInput(f'{name}: must be a boolean')
    address = settings.autoprov_server_ipv4
    if not isinstance(address, str):
        raise InvalidInput('autoprov_server_ipv4: must be an IPv4 address')
    if address:
        try:
            ipaddress.IPv4Address(address)
        except ValueError:
            raise InvalidInput('autoprov_server_ipv4: must be an IPv4 address') from None
    enabled_ports = [
        (name, getattr(settings, f'{name}_port'))
        for name in ('udp', 'tcp', 'tls')
        if getattr(settings, f'{name}_enabled')
    ]
    tcp_like = [(name, port) for name, port in enabled_ports if name != 'udp']
    if len(tcp_like) == 2 and tcp_like[0][1] == tcp_like[1][1]:
        raise InvalidInput('tls_port: TCP and TLS cannot listen on the same port')


def tls_configured() -> bool:
    """Whether the configuration names the TLS transport's certificate and key."""
    return bool(
        installed_settings.get('SIP_TLS_CERT_FILE') and installed_settings.get('SIP_TLS_KEY_FILE')
    )


def update(changes: dict) -> SipSettings:
    """Apply the given fields (names of SipSettings); -> the new settings."""
    unknown = sorted(set(changes) - set(_FIELDS))
    if unknown:
        raise InvalidInput(f'{unknown[0]}: unknown setting')
    current = get()
    settings = dataclasses.replace(current, **changes)
    _check(settings)
    if settings.tls_enabled and not current.tls_enabled and not tls_configured():
        # Asterisk's TLS transport cannot start without them: refused, not stored unused
        raise InvalidInput(
            'tls_enabled: needs a certificate: set SIP_TLS_CERT_FILE and SIP_TLS_KEY_FILE '
            'in the xivows configuration'
        )
    queries.write({name: _to_text(getattr(settings, name)) for name in changes})
    return settings


def write_defaults() -> None:
    """Every option the store lacks, with its default (stored ones are kept)."""
    stored = queries.stored()
    queries.write(
        {name: _to_text(getattr(DEFAULTS, name)) for name in _FIELDS if name not in stored}
    )
