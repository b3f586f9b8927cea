from xivows.jsonphp import phpjson


def test_compact_ascii_escaped_slashes():
    assert phpjson.dumps({'a': 'é/x', 'b': [1, True, None]}) == \
        '{"a":"\\u00e9\\/x","b":[1,true,null]}'


def test_astral_characters_are_surrogate_pairs():
    assert phpjson.dumps('😀') == '"\\ud83d\\ude00"'


def test_empty_containers_are_php_arrays():
    assert phpjson.dumps({'a': {}, 'b': []}) == '{"a":[],"b":[]}'


def test_integer_keys_become_strings():
    assert phpjson.dumps({1: 'x'}) == '{"1":"x"}'
