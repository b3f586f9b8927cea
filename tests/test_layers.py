"""The arrows point one way: dialects -> domain services -> queries/models. A
domain module never imports a dialect or Flask; a dialect never imports another
dialect; the core never imports `compat` (dialects are enabled by name)."""

import ast
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _imports(path):
    tree = ast.parse(path.read_text(encoding='utf-8'))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


def _modules(directory):
    return sorted((ROOT / directory).rglob('*.py'))


def _offending(directory, forbidden):
    found = []
    for path in _modules(directory):
        for name in _imports(path):
            if any(name == prefix or name.startswith(prefix + '.') for prefix in forbidden):
                found.append(f'{path.relative_to(ROOT)} imports {name}')
    return found


def test_the_domain_knows_no_dialect_and_no_flask():
    assert (
        _offending(
            'xivows/resources', ('xivows.jsonphp', 'xivows.http', 'compat', 'flask', 'werkzeug')
        )
        == []
    )


def test_the_core_never_imports_a_dialect_of_compat():
    assert _offending('xivows', ('compat',)) == []


def test_no_dialect_imports_another():
    dialects = sorted(
        path.name for path in (ROOT / 'compat').iterdir() if (path / '__init__.py').exists()
    )
    found = []
    for dialect in dialects:
        others = tuple(f'compat.{other}' for other in dialects if other != dialect)
        found += _offending(f'compat/{dialect}', others + ('xivows.jsonphp',))
    assert found == []
