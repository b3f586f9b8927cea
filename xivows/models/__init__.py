"""Every table of the store. A new models module is added to MODULES."""
import importlib
import inspect

from xivows.models.base import BaseModel

MODULES = (
    'accesswebservice',
    'entity',
    'context',
    'extension',
    'user',
    'line',
    'voicemail',
    'device',
    'dialaction',
    'schedule',
    'queue',
    'agent',
    'cti',
    'moh',
)


def all_models():
    """Model classes in a stable order (module order, then definition order)."""
    found = []
    for name in MODULES:
        module = importlib.import_module(f'xivows.models.{name}')
        for _, value in inspect.getmembers(module, inspect.isclass):
            if (issubclass(value, BaseModel) and value is not BaseModel
                    and value.__module__ == module.__name__ and value not in found):
                found.append(value)
    return found
