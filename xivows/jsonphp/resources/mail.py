"""/xivo/configuration/json.php/restricted/network/mail (no private mode): view,
and edit of the flat document (null values kept; `canonical` a list of
{pattern, result}, false or {} for none) read into a MailInput."""

from xivows.errors import InvalidInput
from xivows.jsonphp import answers, documents
from xivows.jsonphp.registry import RESTRICTED, JsonService, register
from xivows.jsonphp.views.mail import mail_view
from xivows.resources.mail import service
from xivows.resources.mail.inputs import CanonicalRule, MailInput


def _canonical(value):
    if value is None:
        return None
    if value is False or value == [] or value == {}:
        return []
    if not isinstance(value, list):
        raise InvalidInput('canonical: must be a list of {pattern, result}')
    rules = []
    for index, rule in enumerate(value):
        if not isinstance(rule, dict):
            raise InvalidInput(f'canonical.{index}: must be an object')
        rules.append(CanonicalRule(rule.get('pattern'), rule.get('result')))
    return rules


def mail_input(document):
    documents.body_object(document)
    settings = {
        key: value for key, value in document.items() if value is not None and key != 'canonical'
    }
    return MailInput(settings=settings, canonical=_canonical(document.get('canonical')))


def view(call):
    return answers.json(call, mail_view(service.get()))


def edit(call):
    service.edit(mail_input(call.object()))
    return answers.empty()


# The original served every other act as `view`; ours are refused (400).
register(
    JsonService(
        'configuration',
        'network/mail',
        acts={'view': view, 'edit': edit},
        default_act='view',
        modes=(RESTRICTED,),
    )
)
