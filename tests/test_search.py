"""The search helper's shortcut (xivows/search.py): a term of ASCII without letters
is answered by SQLite's LIKE alone, which is exact only if no character outside
ASCII matches an ASCII digit, space or punctuation mark under unicode case
folding (what the `xivows_like` function does). The searches themselves are
checked in tests/test_hot_paths.py and each resource's tests."""

import re
import sys
import uuid

import pytest

from xivows import db
from xivows.models.entity import Entity
from xivows.models.user import UserFeatures
from xivows.search import ASCII, CASELESS, UNICODE, contains_any, match_kind

_NOT_LETTERS = ''.join(chr(code) for code in range(32, 127) if not chr(code).isalpha())


def test_no_character_outside_ascii_matches_an_ascii_non_letter_ignoring_case():
    any_of_them = re.compile(f'[{re.escape(_NOT_LETTERS)}]', re.IGNORECASE)
    others = ''.join(
        chr(code) for code in range(128, sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF
    )
    assert any_of_them.findall(others) == []


@pytest.mark.parametrize(
    'term,kind',
    [
        ('1001', CASELESS),
        ('50%_ -', CASELESS),
        ('', CASELESS),
        ('doe', ASCII),
        ('ref-7', ASCII),
        ('élise', UNICODE),
        ('\u212a', UNICODE),
        ('١٢', UNICODE),  # Arabic-Indic digits are not ASCII
    ],
)
def test_match_kind(term, kind):
    assert match_kind(term) == kind


def test_a_caseless_term_finds_rows_holding_other_characters(app):
    entity = Entity.create(name='acme', displayname='Acme')
    for name in ('Zoë 42', 'Ünal 420', 'Plain 42', 'Nobody 7'):
        first, last = name.split()
        UserFeatures.create(
            uuid=str(uuid.uuid4()), firstname=first, lastname=last, entityid=entity.id
        )
    where = contains_any([UserFeatures.firstname, UserFeatures.lastname], '42')
    found = sorted(user.firstname for user in UserFeatures.select().where(where))
    assert found == ['Plain', 'Zoë', 'Ünal']
    if db.is_sqlite():  # no per-row function call
        assert 'xivows_like' not in UserFeatures.select().where(where).sql()[0]
