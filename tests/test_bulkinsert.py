"""Many rows in one statement (xivows.bulkinsert): what is stored is what
Model.create stores, whatever the rows' shapes (the same keys in every row,
taken by one call per row, or keys differing from row to row), on SQLite
(executemany) and PostgreSQL (COPY)."""

import pytest

from xivows import bulkinsert
from xivows.models.voicemail import Voicemail

ESCAPED = 'tab\there, back\\slash, new\nline, return\r, \\N and \\t as text'


def _stored(uniqueid):
    data = dict(Voicemail.get_by_id(uniqueid).__data__)
    del data['uniqueid'], data['context']
    return data


def _inserted_and_created(rows):
    """(stored by bulkinsert, stored by Voicemail.create) of the same rows."""
    ids = bulkinsert.reserve_ids(Voicemail, len(rows))
    bulkinsert.insert(
        Voicemail,
        [{'uniqueid': uniqueid, 'context': 'bulk', **row} for row, uniqueid in zip(rows, ids)],
    )
    created = [Voicemail.create(context='one', **row).uniqueid for row in rows]
    return [_stored(uniqueid) for uniqueid in ids], [_stored(uniqueid) for uniqueid in created]


SHAPES = {
    'one shape': [
        {
            'mailbox': str(100 + index),
            'fullname': f'Box {index}',
            'email': None,
            'attach': 1 if index % 2 else None,
            'emailbody': ESCAPED if index == 2 else None,
            'commented': index == 3,
        }
        for index in range(5)
    ],
    'one shape, every value of a column null': [
        {'mailbox': str(200 + index), 'pager': None, 'maxmsg': None} for index in range(3)
    ],
    'as many keys, other ones': [
        {'mailbox': '300', 'fullname': 'A', 'email': 'a@example.org'},
        {'mailbox': '301', 'fullname': 'B', 'pager': ESCAPED},
        {'mailbox': '302', 'password': '12', 'deletevoicemail': 1},
    ],
    'other numbers of keys': [
        {'mailbox': '400'},
        {'mailbox': '401', 'fullname': 'B', 'tz': 'eu'},
        {'mailbox': '402', 'attach': 0, 'emailsubject': ESCAPED, 'skipcheckpass': True},
    ],
    'one row': [{'mailbox': '500', 'fullname': ESCAPED}],
}


@pytest.mark.parametrize('rows', SHAPES.values(), ids=SHAPES)
def test_rows_are_stored_as_create_stores_them(app, rows):
    inserted, created = _inserted_and_created(rows)
    assert inserted == created
    assert [row['mailbox'] for row in inserted] == [row['mailbox'] for row in rows]


def test_a_row_with_a_field_the_model_lacks_is_refused(app):
    rows = [{'mailbox': '600', 'nosuchfield': 1}, {'mailbox': '601', 'nosuchfield': 2}]
    with pytest.raises(KeyError, match='nosuchfield'):
        bulkinsert.insert(Voicemail, rows)
    assert not Voicemail.select().where(Voicemail.mailbox.in_(['600', '601'])).exists()


def test_copy_text_of_a_column_is_the_text_of_each_value():
    """PostgreSQL's COPY: a column escaped at once answers as _copy_text of each value."""
    columns = [
        ['a', 'b c', ''],
        ['a', None, ESCAPED],
        [None, None],
        [1, None, -7],
        [True, False, None],
        ['x', 3, None],
    ]
    for column in columns:
        kinds = set(map(type, column))
        assert bulkinsert._copy_column(column, kinds) == [
            bulkinsert._copy_text(value) for value in column
        ]
