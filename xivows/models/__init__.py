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
        members = [
            value
            for _, value in inspect.getmembers(module, inspect.isclass)
            if issubclass(value, BaseModel)
            and value is not BaseModel
            and value.__module__ == module.__name__
        ]
        members.sort(key=lambda model: inspect.getsourcelines(model)[1])
        found.extend(model for model in members if model not in found)
    return tuple(found)
