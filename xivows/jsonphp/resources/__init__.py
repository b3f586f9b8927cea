"""The json.php services, one module per resource: each maps the acts of its
URL to the resource's domain service and translates the legacy documents.
`load()` imports them all (each declares its service to the registry)."""

import importlib
import pkgutil


def load():
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f'{__name__}.{info.name}')
