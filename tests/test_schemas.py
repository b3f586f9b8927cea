"""LegacySchema's own loading (only the keys a document gives, its load steps,
its fields' direct loaders) answers exactly what marshmallow's would, for every
schema of the service: the same values, and the same errors in the same order
(the first one is the reason shown)."""

import pytest
from marshmallow import ValidationError

from xivows.schemas import LegacySchema
from xivows.schemas.fields import ContextName, Integer, Text, _Lenient

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


def _field_outcome(load, value):
    try:
        return 'ok', load(value, 'key', {'key': value})
    except ValidationError as error:
        return 'error', error.messages


FIELD_VALUES = [  # direct loaders are called for values given (null is not)
    *(value for value in VALUES if value is not None),
    '   ',
    ' xivo-in ',
    'XIVO-out',
    'General',
    'globals',
    'from-extern',
    '0012',
    '+5',
    '-3',
    2**70,
    7.0,
]


def test_a_fields_direct_loader_answers_as_its_deserialize():
    """The function a schema load calls for a value given (not null) skips
    deserialize()'s own steps: it loads and refuses exactly as deserialize()."""
    checked = set()
    for cls in _schema_classes():
        for field in cls().load_fields.values():
            direct = field.direct() if isinstance(field, _Lenient) else None
            if direct is None:
                continue
            checked.add(type(field).__name__)
            for value in FIELD_VALUES:
                assert _field_outcome(direct, value) == _field_outcome(field.deserialize, value), (
                    type(field).__name__,
                    value,
                )
    assert {'Text', 'ContextName', 'Integer', 'Flag'} <= checked


def test_a_schemas_loaders_are_built_once_and_follow_its_partial_setting():
    class _Sample(LegacySchema):  # here: the test above checks the service's schemas
        name = Text(required=True, max_length=5)
        context = ContextName(load_default='default')
        count = Integer(minimum=0, load_default=3)

    schema = _Sample()
    assert schema.load({'name': 'ab', 'other': 1}) == {
        'name': 'ab',
        'context': 'default',
        'count': 3,
    }
    loaders = schema._xivows_loaders
    assert schema.load({'count': ' 7 '}, partial=True) == {'count': 7}
    assert schema._xivows_loaders is loaders
    with pytest.raises(ValidationError) as refused:
        schema.load({'context': 'xivo-x', 'count': ''})
    assert refused.value.messages == {
        'name': ['is required'],
        'context': ['is a reserved context name'],
    }
    assert _Sample(partial=True).load({'count': '4'}) == {'count': 4}
    assert _Sample(partial=('name',)).load({'count': '4'}) == {'context': 'default', 'count': 4}
    assert schema.load({'count': '4'}, partial=['name']) == {'context': 'default', 'count': 4}
    general = _Sample()
    general._xivows_plan = None  # marshmallow's own path
    assert general.load({'name': 'ab'}) == {'name': 'ab', 'context': 'default', 'count': 3}
    assert general._xivows_loaders == {}
