"""The legacy wire shapes of devices: the provisioning server's device object
(view), extended with the line using it and its entity (list/search items)."""

from xivows.resources.devices import service


def device_view(device, line):
    """The provisioning server's device object; `line`: (number, context) of the
    line using the device, or None."""
    return {
        'id': device.id,
        'ip': device.ip,
        'mac': device.mac,
        'sn': device.sn,
        'plugin': device.plugin,
        'vendor': device.vendor,
        'model': device.model,
        'version': device.version,
        'description': device.description,
        'template_id': device.template_id,
        'status': service.status(device, line),
        'options': service.options(device),
        'links': [],
    }


def list_item(listed):
    """The view plus the number/context of the line using the device and the
    display name of that context's entity ("" when not configured)."""
    item = device_view(listed.device, listed.line)
    number, context = listed.line if listed.line is not None else ('', '')
    item['number'] = number or ''
    item['context'] = context or ''
    item['entity_displayname'] = listed.entity_displayname if listed.line else ''
    return item
