"""LegacySchema's own loading (only the keys a document gives, its load steps,
its fields' direct loaders) answers exactly what marshmallow's would, for every
schema of the service: the same values, and the same errors in the same order
(the first one is the reason shown)."""

import pytest
from marshmallow import ValidationError

from xivows.schemas import LegacySchema

VALUES = [
    '',
    'abc',
    ' 12 ',
    '1',
    0,
    7,
    -1,
    True,
    False,
    None,
    1.5,
    [],
    {},
    ['a'],
    'x' * 300,
    '\x01',
    'yes',
    '1000@default',
]


def _schema_classes():
    import xivows.app  # noqa: F401 - every resource's schemas
    from xivows.jsonphp import resources

    resources.load()
    found, pending = [], [LegacySchema]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls is not LegacySchema:
            found.append(cls)
    return sorted(set(found), key=lambda cls: f'{cls.__module__}.{cls.__qualname__}')


def _outcome(schema, document, partial):
    try:
        return 'ok', schema.load(document, partial=partial)
    except ValidationError as error:
        return 'error', list(error.messages.items())
    except Exception as error:  # noqa: BLE001 - a post_load hook needing a key a partial load lacks
        return 'raised', type(error).__name__, str(error)


def _documents(schema):
    keys = [field.data_key or name for name, field in schema.load_fields.items()]
    yield {}
    for value in VALUES:
        yield {key: value for key in keys}
        yield {key: value for key in keys[::2]}
        yield {key: value for key in keys[1::3]} | {'unknown-key': value}


@pytest.mark.parametrize('cls', _schema_classes(), ids=lambda cls: cls.__qualname__)
def test_the_same_values_and_errors_as_marshmallow(cls):
    ours = cls()
    theirs = cls()
    theirs._xivows_plan = None  # marshmallow's own loop
    theirs._xivows_hooks = None  # and its own load
    for document in _documents(ours):
        for partial in (None, True):
            assert _outcome(ours, document, partial) == _outcome(theirs, document, partial), (
                document,
                partial,
            )
