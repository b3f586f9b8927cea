"""Resources: one folder each with service.py (no HTTP), schemas.py, queries.py
and jsonphp.py (the legacy act mapping). JSONPHP lists the modules that
declare json.php services."""
import importlib

JSONPHP = (
    'check',
    'entity',
)


def load_jsonphp():
    for name in JSONPHP:
        importlib.import_module(f'xivows.resources.{name}.jsonphp')
