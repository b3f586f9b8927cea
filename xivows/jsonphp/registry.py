"""Declaration of json.php services: a resource declares its path and acts, the
router does the rest (modes, auth, ACL, act dispatch, transaction, rendering)."""

from dataclasses import dataclass, field
from typing import Callable

from xivows.auth import acl

# URL family -> (URL prefix before json.php, ACL section prefix)
FAMILIES = {
    'ipbx': ('/service/ipbx', 'service/ipbx'),
    'callcenter': ('/callcenter', 'service/callcenter'),
    'configuration': ('/xivo/configuration', 'xivo/configuration'),
    'cti': ('/cti', 'cti'),
    'statistics': ('/statistics/call_center', 'statistics/call_center'),
}

RESTRICTED = 'restricted'
PRIVATE = 'private'


@dataclass
class JsonService:
    """One json.php service, e.g. family 'ipbx', path 'pbx_settings/users'.

    `acts` maps an act name to a function(call) -> flask Response. A request
    without `act` runs `default_act`; an act not in `acts` is refused (400).
    With `any_act`, every act value runs the default act (services that have
    no act, like `check`). `streamed`: acts (named in the query string) that
    read the request body themselves, as a stream, and run their own
    transactions (the router neither reads the body nor opens a transaction).
    """

    family: str
    path: str
    acts: dict[str, Callable]
    default_act: str = 'list'
    modes: tuple = (RESTRICTED, PRIVATE)
    sum: bool = True
    any_act: bool = False
    section: str = field(default='')
    streamed: frozenset = frozenset()

    def __post_init__(self):
        if not self.section:
            self.section = f'{FAMILIES[self.family][1]}/{self.path}'
        acl.register(self.section)


_services = {}


def register(service):
    key = (service.family, service.path)
    if key in _services:
        raise ValueError(f'json.php service declared twice: {key}')
    _services[key] = service
    return service


def lookup(family, path):
    return _services.get((family, path))


def services():
    return list(_services.values())
