"""Resources: one folder each with service.py (no HTTP), schemas.py, queries.py
and, when it is served by the legacy dialect, jsonphp.py (its act mapping).
Every `xivows.resources.<name>.jsonphp` module found is loaded."""
import importlib
import pkgutil


def load_jsonphp():
    for info in pkgutil.iter_modules(__path__):
        if not info.ispkg:
            continue
        try:
            importlib.import_module(f'{__name__}.{info.name}.jsonphp')
        except ModuleNotFoundError as exc:
            if exc.name != f'{__name__}.{info.name}.jsonphp':
                raise
