"""The SIP settings of the PBX: which transports Asterisk listens on, and the
phones' auto-provisioning."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SipSettings:
    udp_enabled: bool = True
    udp_port: int = 5060
    tcp_enabled: bool = False
    tcp_port: int = 5060
    tls_enabled: bool = False
    tls_port: int = 5061
    autoprov_enabled: bool = False
    # The provisioning server phones are told about: an IPv4 address, or '' (none)
    autoprov_server_ipv4: str = ''
