"""Every table of the store: the model classes of all xivows.models modules."""

import functools
import importlib
import inspect
import pkgutil

from xivows.models.base import BaseModel


def all_models():
    """Model classes in a stable order (module name, then definition order)."""
    return list(_discover())


@functools.cache
def _discover():
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        module = importlib.import_module(f'{__name__}.{info.name}')
        # A module's namespace keeps its definition order (reading each
        # class's source line instead cost every command a sixth of a second).
        members = [
            value
            for value in vars(module).values()
            if inspect.isclass(value)
            and issubclass(value, BaseModel)
            and value is not BaseModel
            and value.__module__ == module.__name__
        ]
        found.extend(model for model in members if model not in found)
    return tuple(found)
