"""/service/ipbx/json.php/<mode>/general_settings/sccp (singleton, no id): view,
and edit of the flat document of options read into a SccpSettingsInput."""

from xivows.jsonphp import answers, documents
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.sccp_settings import settings_view
from xivows.resources.sccp_settings import service
from xivows.resources.sccp_settings.inputs import SccpSettingsInput


def view(call):
    return answers.json(call, settings_view(service.options()))


def edit(call):
    service.edit(SccpSettingsInput(options=documents.body_object(call.object())))
    return answers.empty()


# The original served every other act as `view`; ours are refused (400). It
# ignored `sum=` on this service.
register(
    JsonService(
        'ipbx',
        'general_settings/sccp',
        acts={'view': view, 'edit': edit},
        default_act='view',
        sum=False,
    )
)
