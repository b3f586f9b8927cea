"""/service/ipbx/json.php/<mode>/pbx_settings/devices (read only)"""
from xivows.jsonphp import answers
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.devices import service


def list_(call):
    return answers.rows(call, service.list_items())


def search(call):
    term = call.param('search')
    if not term:
        return answers.rows(call, [])
    return answers.rows(call, service.list_items(term))


def view(call):
    return answers.json(call, service.view(service.get(call.id('device'))))


register(JsonService('ipbx', 'pbx_settings/devices', acts={
    'list': list_, 'search': search, 'view': view}))
