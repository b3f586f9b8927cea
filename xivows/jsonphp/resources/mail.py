"""/xivo/configuration/json.php/restricted/network/mail (no private mode)"""
from xivows.jsonphp import answers
from xivows.jsonphp.registry import RESTRICTED, JsonService, register
from xivows.resources.mail import service
from xivows.resources.mail.schemas import mail_view


def view(call):
    return answers.json(call, mail_view(service.get()))


def edit(call):
    service.edit(call.object())
    return answers.empty()


# The original served every other act as `view`; ours are refused (400).
register(JsonService('configuration', 'network/mail', acts={'view': view, 'edit': edit},
                     default_act='view', modes=(RESTRICTED,)))
