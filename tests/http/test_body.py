"""JSON request bodies: strings that cannot be stored are refused naming where
they are in the document."""

import pytest

from xivows.errors import InvalidInput
from xivows.http import body


@pytest.mark.parametrize(
    'raw, reason',
    [
        (b'{"a": "\\u0000"}', 'a contains a NUL character'),
        (b'{"userfeatures": {"firstname": "a\\u0000b"}}', 'userfeatures.firstname contains a NUL'),
        (b'{"linefeatures": {"number": ["1", "2\\u0000"]}}', 'linefeatures.number[1] contains'),
        (b'[{"name": "\\ud800"}]', '[0].name is not valid unicode'),
        (b'"\\u0000"', 'JSON body must be an object'),
        (b'{"userfeatures": {"\\u0000": 1}}', 'a key of userfeatures contains a NUL character'),
        (b'{"\\ud800": 1}', 'a key is not valid unicode'),
    ],
)
def test_a_string_that_cannot_be_stored_is_refused_naming_where_it_is(raw, reason):
    with pytest.raises(InvalidInput, match='^' + reason.replace('[', r'\[').replace(']', r'\]')):
        body.parse(raw)


def test_escaped_strings_that_can_be_stored_are_kept():
    assert body.parse(b'{"a": ["\\u00e9\\u002f", {"b": "\\ud83d\\ude00"}]}') == {
        'a': ['é/', {'b': '😀'}]
    }
