"""/cti/json.php/<mode>/profiles: the CTI profiles users can be given (read only)."""

from xivows.jsonphp import answers
from xivows.jsonphp.registry import JsonService, register
from xivows.jsonphp.views.cti_profiles import profile_item
from xivows.resources.cti_profiles import queries


def list_(call):
    return answers.rows(call, [profile_item(row) for row in queries.profiles_with_usage()])


register(JsonService('cti', 'profiles', acts={'list': list_}, sum=False))
