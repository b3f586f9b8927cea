import datetime

import pytest

from xivows.errors import InvalidInput
from xivows.resources.cel.dates import bounds, period

D = datetime.datetime


@pytest.mark.parametrize(
    'text,start,end',
    [
        ('2012', D(2012, 1, 1), D(2012, 12, 31, 23, 59, 59, 999999)),
        ('2012-02', D(2012, 2, 1), D(2012, 2, 29, 23, 59, 59, 999999)),
        ('2013-2', D(2013, 2, 1), D(2013, 2, 28, 23, 59, 59, 999999)),
        ('2012-02-28', D(2012, 2, 28), D(2012, 2, 28, 23, 59, 59, 999999)),
        ('2012-02-28 14:30:05', D(2012, 2, 28, 14, 30, 5), D(2012, 2, 28, 14, 30, 5, 999999)),
        ('2012-02-28T14:30:05', D(2012, 2, 28, 14, 30, 5), D(2012, 2, 28, 14, 30, 5, 999999)),
        ('2012-02-28 14:30', D(2012, 2, 28, 14, 30), D(2012, 2, 28, 14, 30, 59, 999999)),
        (' 2012-12 ', D(2012, 12, 1), D(2012, 12, 31, 23, 59, 59, 999999)),
    ],
)
def test_periods(text, start, end):
    assert period(text, 'dbeg') == (start, end)


@pytest.mark.parametrize(
    'text',
    [
        '',
        '12',
        '20121',
        '2012-13',
        '2012-00',
        '2012-02-30',
        '2012-02-28 24:00:00',
        '2012-02-28 10:60',
        '0000',
        '2012/02/28',
        'yesterday',
        '2012-02-28 10',
        '١٢٣٤',
        "2012' OR '1'='1",
        '2012-02-28 10:00:00.5',
    ],
)
def test_invalid_dates(text):
    with pytest.raises(InvalidInput) as error:
        period(text, 'dbeg')
    assert error.value.message.startswith('dbeg: ')


def test_bounds_default_to_now_and_must_be_in_order():
    now = D(2014, 5, 2, 12, 0)
    assert bounds('2014', None, now) == (D(2014, 1, 1), now)
    assert bounds('2014-05-02', '2014-05-02', now) == (
        D(2014, 5, 2),
        D(2014, 5, 2, 23, 59, 59, 999999),
    )
    for dbeg, dend, reason in [
        (None, None, 'missing parameter: dbeg'),
        ('', '2014', 'missing parameter: dbeg'),
        ('2014-05-03', None, 'dbeg: is in the future'),
        ('2014-05-02', '2014-05-01', 'dend: is before dbeg'),
        ('2014', 'x', 'dend: must be a date'),
    ]:
        with pytest.raises(InvalidInput) as error:
            bounds(dbeg, dend, now)
        assert error.value.message.startswith(reason)
