"""/service/ipbx/json.php/<mode>/pbx_settings/devices (read only)"""

from xivows.jsonphp import answers
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.devices import device_view, list_item
from xivows.resources.devices import service


def list_(call):
    return answers.rows(call, [list_item(listed) for listed in service.listed()])


def search(call):
    term = call.param('search')
    if not term:
        return answers.rows(call, [])
    return answers.rows(call, [list_item(listed) for listed in service.listed(term)])


def view(call):
    device = service.get(call.id('device'))
    return answers.json(call, device_view(device, service.line_using(device)))


register(
    JsonService(
        'ipbx', 'pbx_settings/devices', acts={'list': list_, 'search': search, 'view': view}
    )
)
