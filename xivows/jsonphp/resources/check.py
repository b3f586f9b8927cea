"""/xivo/configuration/json.php/restricted/check: answers OK to an authorised client."""

from xivows.jsonphp import answers
from xivows.jsonphp.registry import RESTRICTED, JsonService, register


def check(call):
    return answers.text('OK')


register(
    JsonService(
        'configuration',
        'check',
        acts={'check': check},
        default_act='check',
        modes=(RESTRICTED,),
        sum=False,
        any_act=True,
    )
)
