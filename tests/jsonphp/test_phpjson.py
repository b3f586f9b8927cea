from xivows.jsonphp import phpjson


def test_compact_ascii_escaped_slashes():
    assert (
        phpjson.dumps({'a': 'é/x', 'b': [1, True, None]})
        == '{"a":"\\u00e9\\/x","b":[1,true,null]}'
    )


def test_astral_characters_are_surrogate_pairs():
    assert phpjson.dumps('😀') == '"\\ud83d\\ude00"'


def test_empty_containers_are_php_arrays():
    assert phpjson.dumps({'a': {}, 'b': []}) == '{"a":[],"b":[]}'


def test_integer_keys_become_strings():
    assert phpjson.dumps({1: 'x'}) == '{"1":"x"}'


def _reference_shape(value):
    """The shaping as first written (every value walked), for comparison."""
    if isinstance(value, dict):
        if not value:
            return []
        return {str(key): _reference_shape(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_reference_shape(item) for item in value]
    return value


def test_nested_documents_are_byte_for_byte_the_reference():
    import json
    import random

    rng = random.Random(13)
    import collections
    import enum

    class Level(enum.IntEnum):
        HIGH = 3

    scalars = ['a/b', 'é', '😀', '', 0, -3, 2.5, 1e20, True, False, None, '"\\\n', '%s%%']
    scalars += [Level.HIGH, collections.OrderedDict(b=1, a='x'), collections.OrderedDict()]

    def document(depth):
        kind = rng.randrange(6) if depth < 4 else 5
        if kind == 0:
            return {}
        if kind == 1:
            return []
        if kind == 2:
            return {
                rng.choice(['k', 'é/k', 7, 2.0, True, None, '%s', '%'])
                if rng.random() < 0.3
                else f'key{i}': document(depth + 1)
                for i in range(rng.randrange(1, 6))
            }
        if kind == 3:
            return [document(depth + 1) for _ in range(rng.randrange(1, 5))]
        if kind == 4:
            return tuple(document(depth + 1) for _ in range(rng.randrange(1, 4)))
        return rng.choice(scalars)

    encoder = json.JSONEncoder(ensure_ascii=True, separators=(',', ':'), allow_nan=False)
    for _ in range(500):
        value = document(0)
        expected = encoder.encode(_reference_shape(value)).replace('/', '\\/')
        assert phpjson.dumps(value) == expected


def test_out_of_range_floats_are_refused():
    import pytest

    for value in (float('nan'), [1, {'a': float('inf')}]):
        with pytest.raises(ValueError):
            phpjson.dumps(value)


def test_list_chunks_are_the_bytes_of_dumps_in_pieces(monkeypatch):
    monkeypatch.setattr(phpjson, 'CHUNK_SIZE', 40)  # many chunks from a few items
    items = [{'id': i, 'url': f'sip:{i}/x', 'name': 'é' * (i % 3)} for i in range(25)]
    for count in (1, 2, 3, 25):
        chunks = phpjson.list_chunks(iter(items[:count]))  # read once, as a cursor
        assert b''.join(chunks) == phpjson.dumps(items[:count]).encode('ascii')
        assert all(len(chunk) < 40 + 60 for chunk in chunks)  # bounded pieces
    assert len(phpjson.list_chunks(items)) > 10
    assert phpjson.list_chunks(iter([])) is None
    assert phpjson.list_chunks(['a/b']) == [b'["a\\/b"]']
