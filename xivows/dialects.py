"""The API dialects xivows can speak, enabled by name from the configuration
(`DIALECTS`). The core never imports a dialect statically: each is a package
exposing `init_app(app)` and `sections()` (the ACL sections it checks)."""

import importlib

from xivows import config as configuration
from xivows.auth import acl
from xivows.http import docs

# name -> module path. json.php is the legacy dialect of the core; the others
# live in the top-level `compat` package.
AVAILABLE = {
    'jsonphp': 'xivows.jsonphp',
    'agentd': 'compat.agentd',
    'restapi': 'compat.restapi',
    'callqueue': 'compat.callqueue',
    'v1': 'compat.v1',
}


def _module(name):
    if name not in AVAILABLE:
        # A name of the configuration: refused at start as any bad value is (one line).
        raise configuration.ConfigError(
            f'DIALECTS: unknown dialect {name!r} (known: {", ".join(AVAILABLE)})'
        )
    return importlib.import_module(AVAILABLE[name])


def register_sections(names=None):
    """The ACL sections of the dialects `names` (every dialect when None: the CLI
    grants sections of dialects not enabled yet)."""
    for name in AVAILABLE if names is None else names:
        for section in _module(name).sections():
            acl.register(section)


def init_app(app, names):
    """Serve the dialects `names`, and the /docs page of those that describe
    themselves in OpenAPI (a module attribute `OPENAPI`: (title, URL))."""
    register_sections(names)
    specs = []
    for name in names:
        module = _module(name)
        module.init_app(app)
        if getattr(module, 'OPENAPI', None):
            specs.append(module.OPENAPI)
    docs.init_app(app, specs)
