"""/service/ipbx/json.php/<mode>/general_settings/sccp (singleton, no id)"""
from xivows.jsonphp import answers
from xivows.jsonphp.registry import JsonService, register
from xivows.resources.sccp_settings import service
from xivows.resources.sccp_settings.schemas import settings_view


def view(call):
    return answers.json(call, settings_view(service.options()))


def edit(call):
    service.edit(call.object())
    return answers.empty()


# The original served every other act as `view`; ours are refused (400). It
# ignored `sum=` on this service.
register(JsonService('ipbx', 'general_settings/sccp', acts={'view': view, 'edit': edit},
                     default_act='view', sum=False))
