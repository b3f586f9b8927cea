"""/api/SIPSysCfg: the SIP transports and auto-provisioning, every value a
string as the seed shows them (flags "0"/"1", ports "1".."65535"); PUT merges."""

from flask import jsonify
from marshmallow import Schema, ValidationError, fields, validate

from compat.restapi.common import document, renamed
from xivows.resources.sip_settings import service

SECTION = 'api/sipsyscfg'

_FLAG = validate.OneOf(('0', '1'), error='must be "0" or "1"')


def _port(value):
    if not (value.isascii() and value.isdigit() and 1 <= int(value) <= 65535):
        raise ValidationError('must be a port number, "1" to "65535"')


class AutoProvisioningSchema(Schema):
    Enabled = fields.String(validate=_FLAG)
    SvrIPv4Addr = fields.String(metadata={'description': 'IPv4 address, or ""'})


class SipSysCfgSchema(Schema):
    UDPEnable = fields.String(validate=_FLAG)
    UDPPort = fields.String(validate=_port)
    TCPEnable = fields.String(validate=_FLAG)
    TCPPort = fields.String(validate=_port)
    TLSEnable = fields.String(validate=_FLAG)
    TLSPort = fields.String(validate=_port)
    AutoProvisioning = fields.Nested(AutoProvisioningSchema)


_schema = SipSysCfgSchema()
# wire key -> domain field
_KEYS = {
    'UDPEnable': 'udp_enabled',
    'UDPPort': 'udp_port',
    'TCPEnable': 'tcp_enabled',
    'TCPPort': 'tcp_port',
    'TLSEnable': 'tls_enabled',
    'TLSPort': 'tls_port',
}
_AUTOPROV = {'Enabled': 'autoprov_enabled', 'SvrIPv4Addr': 'autoprov_server_ipv4'}
_NAMES = {domain: wire for wire, domain in _KEYS.items()}
_NAMES.update({domain: f'AutoProvisioning.{wire}' for wire, domain in _AUTOPROV.items()})


def _text(value):
    if isinstance(value, bool):
        return '1' if value else '0'
    return str(value)


def _shown(settings):
    shown = {wire: _text(getattr(settings, domain)) for wire, domain in _KEYS.items()}
    shown['AutoProvisioning'] = {
        wire: _text(getattr(settings, domain)) for wire, domain in _AUTOPROV.items()
    }
    return shown


def _domain_value(domain, text):
    if domain.endswith('_enabled'):
        return text == '1'
    if domain.endswith('_port'):
        return int(text)
    return text


def get_settings():
    return jsonify(_shown(service.get()))


def put_settings():
    given = document(_schema)
    changes = {
        domain: _domain_value(domain, given[wire])
        for wire, domain in _KEYS.items()
        if wire in given
    }
    autoprov = given.get('AutoProvisioning', {})
    changes.update(
        {
            domain: _domain_value(domain, autoprov[wire])
            for wire, domain in _AUTOPROV.items()
            if wire in autoprov
        }
    )
    return jsonify(_shown(renamed(_NAMES, service.update, changes)))
