"""Devices: the rules of a phone's fields."""

import ipaddress
import re

from marshmallow import ValidationError

from xivows.schemas import LegacySchema
from xivows.schemas.fields import Text

# A device nobody configured is in auto-provisioning; `configured` is computed
# (a line uses the device), never stored.
STORED_STATUSES = ('autoprov', 'not_configured')
CONFIGURED = 'configured'
DEFAULT_OPTIONS = {'switchboard': False}
_MAC = re.compile(r'[0-9a-f]{2}([:-]?)[0-9a-f]{2}(\1[0-9a-f]{2}){4}')


class MacAddress(Text):
    """aa:bb:cc:dd:ee:ff in any case, with `:`, `-` or no separators; stored
    lower-case with colons, as the provisioning server wrote it."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).lower()
        if not _MAC.fullmatch(text):
            raise ValidationError('must be a MAC address such as aa:bb:cc:dd:ee:ff')
        digits = text.replace(':', '').replace('-', '')
        return ':'.join(digits[index : index + 2] for index in range(0, 12, 2))


class IpAddress(Text):
    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if text:
            try:
                text = str(ipaddress.ip_address(text))
            except ValueError:
                raise ValidationError('must be an IPv4 or IPv6 address') from None
        return text


class DeviceSchema(LegacySchema):
    mac = MacAddress(required=True, min_length=1)
    ip = IpAddress(max_length=64, load_default='')
    sn = Text(max_length=64, printable=True, load_default='')
    plugin = Text(max_length=128, printable=True, load_default='')
    vendor = Text(max_length=64, printable=True, load_default='')
    model = Text(max_length=64, printable=True, load_default='')
    version = Text(max_length=64, printable=True, load_default='')
    description = Text(max_length=1000, printable=True, load_default='')
    template_id = Text(max_length=64, pattern=r'[a-zA-Z0-9_.-]*', load_default='')
    status = Text(choices=STORED_STATUSES, load_default='autoprov')


device_schema = DeviceSchema()
FIELDS = tuple(device_schema.fields)
