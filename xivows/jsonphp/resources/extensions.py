"""/service/ipbx/json.php/restricted/system_management/extensions: every act
value searches; the answer is a JSON list of integers, `[]` included (200)."""

from xivows.jsonphp import answers
from xivows.jsonphp.registry import RESTRICTED, JsonService, register
from xivows.resources.extensions import service


def search(call):
    numbers = service.free(call.required_param('context'), call.param('obj'), call.param('number'))
    return answers.json(call, numbers)


register(
    JsonService(
        'ipbx',
        'system_management/extensions',
        acts={'search': search},
        default_act='search',
        modes=(RESTRICTED,),
        sum=False,
        any_act=True,
    )
)
