"""The search helper's shortcut (xivows/search.py): a term of ASCII without an i,
k or s is answered by SQLite's LIKE alone, which is exact only if the characters
of FOLDING_TO_ASCII are the only ones outside ASCII matching an ASCII one under
unicode case folding (what the `xivows_like` function does). The searches themselves are checked in tests/test_hot_paths.py
and each resource's tests."""

import re
import sys
import uuid

import pytest

from xivows import db
from xivows.models.entity import Entity
from xivows.models.user import UserFeatures
from xivows.search import ASCII, CASELESS, FOLDING_TO_ASCII, UNICODE, contains_any, match_kind


def test_only_the_listed_characters_outside_ascii_match_ascii_ones_ignoring_case():
    others = ''.join(
        chr(code) for code in range(128, sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF
    )
    for code in range(32, 127):
        char = chr(code)
        matching = set(re.compile(re.escape(char), re.IGNORECASE).findall(others))
        assert matching == set(FOLDING_TO_ASCII.get(char.lower(), '')), char


@pytest.mark.parametrize(
    'term,kind',
    [
        ('1001', CASELESS),
        ('50%_ -', CASELESS),
        ('', CASELESS),
        ('doe', CASELESS),
        ('ref-7', CASELESS),
        ('kelvin', ASCII),
        ('IRIS', ASCII),
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


@pytest.mark.parametrize(
    'term,found',
    [
        ('kelvin', ['\u212aelvin']),
        ('ista', ['\u0130stanbul', 'Istanbul']),
        ('strasse', ['\u017ftrasse']),
        ('lvi', ['\u212aelvin']),
        ('trass', ['\u017ftrasse']),
        ('anbul', ['\u0130stanbul', 'Istanbul']),
    ],
)
def test_a_term_with_letters_finds_rows_folding_to_them(app, term, found):
    if not db.is_sqlite():
        pytest.skip("SQLite's shortcut (PostgreSQL's ILIKE folds with its own rules)")
    entity = Entity.create(name='acme', displayname='Acme')
    for name in ('\u212aelvin', '\u0130stanbul', 'Istanbul', '\u017ftrasse', 'Other'):
        UserFeatures.create(
            uuid=str(uuid.uuid4()), firstname=name, lastname='X', entityid=entity.id
        )
    where = contains_any([UserFeatures.firstname], term)
    assert sorted(user.firstname for user in UserFeatures.select().where(where)) == sorted(found)


# -- the users search's SQLite form for ASCII terms (migration 0090) -------------------

_PEOPLE = (  # firstname, lastname, userfield, line number
    ('\u212aelvin', 'Doe', 'uf1', '1001'),
    ('Jack', '\u0130stanbul', 'uf2', '1002'),
    ('Plain', 'Sky', '\u017fKU-9', '1003'),
    ('Ünal', 'Kaya', '', '10\u0130s'),
    ('Jack', 'Kelvin', 'sku-9', None),
    ('Zoë', 'Strasse', '', '2001'),
    ('Other', 'Person', 'x', '3001'),
    ('Fifty', '50%', 'A\\B', '5000'),
    ('Doe', 'Uf1', 'UF1', '1001'),
)


@pytest.mark.parametrize(
    'term',
    [
        'kelvin',
        'ELVIN',
        'ista',
        'sku-9',
        'jack k',
        'k d',
        '10is',
        'is',
        'k',
        'strasse',
        'sk',
        'doe',
        'UF1',
        'uf',
        '100',
        'plain sky',
        'a\\b',
        '50%',
        '',
    ],
)
def test_the_sqlite_users_search_finds_what_per_row_matching_finds(app, term):
    """SQLite: for a term of ASCII the users search gathers the ids of each way
    of matching by index (migration 0090), and for one with an i, k or s reads
    the rows holding other characters from partial indexes; it finds exactly
    the rows that testing every row finds (the peewee form of the search)."""
    if not db.is_sqlite():
        pytest.skip("SQLite's form (PostgreSQL's ILIKE folds unicode)")
    from xivows.models.line import LineFeatures, UserLine
    from xivows.resources.users import queries

    entity = Entity.create(name='acme', displayname='Acme')
    for index, (first, last, userfield, number) in enumerate(_PEOPLE):
        user = UserFeatures.create(
            uuid=str(uuid.uuid4()),
            firstname=first,
            lastname=last,
            userfield=userfield,
            entityid=entity.id,
        )
        if number is not None:
            line = LineFeatures.create(
                protocol='sip', protocolid=index, name=f'l{index}', number=number, context='c'
            )
            UserLine.create(user_id=user.id, line_id=line.id)
    assert match_kind(term) in (ASCII, CASELESS)
    found = [row[0] for row in queries.search_rows(term)]
    per_row = [user.id for user in queries.search(term)]  # every row tested
    assert found == per_row
